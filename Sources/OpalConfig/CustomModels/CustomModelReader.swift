import Foundation
import OpalCore
import OpalYAML

/// Reads the `custom_models:` section of one file (SPEC §15): a mapping of names to
/// `{identifier, extra?, api_key?}`, where `api_key` is only a reference (`{env: NAME}` or
/// `{file: PATH}`). A key written inline is an error whose message never repeats it.
struct CustomModelReader {
  typealias Node = YAMLDocument.NodeID

  static let modelKeys = KeySet(["identifier", "extra", "api_key"])
  static let referenceKeys = KeySet(["env", "file"])
  static let referenceHint = "use {env: NAME} or {file: PATH}"

  /// Reads `custom_models:` (`node`) and returns the models that read without errors.
  static func read(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> [CustomModelSpec] {
    let doc = r.doc
    guard doc.isMapping(node) else {
      r.typeError("a mapping of custom model names to their settings", at: node, path: path)
      return []
    }
    var models: [CustomModelSpec] = []
    for i in 0..<doc.count(node) {
      let keyNode = doc.key(node, i)
      guard let name = doc.scalarText(keyNode) else {
        r.error(
          "custom model names must be strings, found \(doc.kindDescription(keyNode))", at: keyNode, path: path
        )
        continue
      }
      let mark = r.paths.count
      defer { r.paths.rewind(to: mark) }
      let modelPath = r.child(path, keyNode: keyNode)
      if let problem = AliasNameCheck.problem(name) {
        r.error(
          "custom model name '\(NodeReader.shortened(name))' \(problem)", at: keyNode, path: modelPath,
          hint: "names are 1-255 characters, without control characters or surrounding spaces")
        continue
      }
      if let model = readModel(
        name: name, keyNode: keyNode, value: doc.value(node, i), path: modelPath, reader: &r)
      {
        models.append(model)
      }
    }
    return models
  }

  private static func readModel(
    name: String, keyNode: Node, value: Node, path: KeyPathRef, reader r: inout NodeReader
  ) -> CustomModelSpec? {
    let before = r.diagnostics.count { $0.severity == .error }
    guard r.checkFields(of: value, path: path, allowed: modelKeys, what: "custom model '\(name)'") else {
      return nil
    }
    var spec = CustomModelSpec(name: name, identifier: "", location: r.location(keyNode))
    var sawIdentifier = false
    for (key, fieldKey, node) in r.fields(of: value, allowed: modelKeys) {
      let p = r.child(path, keyNode: fieldKey)
      switch key {
      case "identifier":
        sawIdentifier = true
        spec.identifier = r.nonEmptyString(node, path: p, what: "the identifier") ?? ""
      case "extra":
        spec.extra = r.object(node, path: p) ?? [:]
      default:
        spec.apiKeyLocation = r.location(fieldKey)
        spec.apiKey = reference(node, path: p, model: name, reader: &r)
      }
    }
    if !sawIdentifier {
      r.error(
        "custom model '\(name)' has no 'identifier'", at: keyNode, path: path,
        hint: "add 'identifier: PROVIDER/MODEL', the model's name at its provider")
    }
    return r.diagnostics.count { $0.severity == .error } == before ? spec : nil
  }

  /// `{env: NAME}` or `{file: PATH}`; anything else is an error, and a string is taken to be a
  /// key written inline (its text is never repeated).
  private static func reference(_ node: Node, path: KeyPathRef, model: String, reader r: inout NodeReader)
    -> KeyReference?
  {
    let doc = r.doc
    guard doc.isMapping(node) else {
      if doc.isScalar(node) {
        r.error(
          "the api_key of custom model '\(model)' is written inline; opal never keeps a key in the config",
          at: node, path: path, hint: referenceHint)
      } else {
        r.error(
          "expected a key reference for the api_key of custom model '\(model)', found \(doc.kindDescription(node))",
          at: node, path: path, hint: referenceHint)
      }
      return nil
    }
    guard r.checkFields(of: node, path: path, allowed: referenceKeys, what: "api_key") else { return nil }
    var found: [KeyReference] = []
    for (key, keyNode, value) in r.fields(of: node, allowed: referenceKeys) {
      let p = r.child(path, keyNode: keyNode)
      guard
        let text = r.nonEmptyString(value, path: p, what: "the \(key == "env" ? "variable name" : "path")")
      else { continue }
      if key == "env" {
        guard isVariableName(text) else {
          r.error(
            "'\(NodeReader.shortened(text))' is not an environment variable name", at: value, path: p,
            hint: "names are letters, digits and '_', not starting with a digit (for example OPPER_KEY_LLAMA)"
          )
          continue
        }
        found.append(.env(text))
      } else {
        found.append(.file(resolved(text, besides: r.file)))
      }
    }
    guard found.count == 1 else {
      if doc.count(node) != 1 || found.count > 1 {
        r.error(
          "the api_key of custom model '\(model)' must name exactly one source", at: node, path: path,
          hint: referenceHint)
      }
      return nil
    }
    return found[0]
  }

  static func isVariableName(_ text: String) -> Bool {
    guard let first = text.utf8.first, !(48...57).contains(first) else { return false }
    return text.utf8.allSatisfy { c in
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
    }
  }

  /// A relative path is relative to the folder of the config file that names it.
  static func resolved(_ path: String, besides file: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    let folder = (file as NSString).deletingLastPathComponent
    return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
  }
}
