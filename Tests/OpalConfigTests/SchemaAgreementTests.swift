import Foundation
import OpalCore
import OpalYAML
import Testing

@testable import OpalConfig

/// The loader and `schemas/opal.schema.json` must agree: every example and valid fixture is
/// accepted by both; every invalid fixture the schema can see is rejected by both. The schema
/// is checked with python3's `jsonschema` (Draft 2020-12), run once for all documents.
@Test func loaderAndSchemaAgree() throws {
  var documents: [String: JSONValue] = [:]
  var schemaShouldAccept: [String: Bool] = [:]
  var configs: [URL] = exampleConfigs()
  configs += TestPaths.files(in: TestPaths.fixtures.appendingPathComponent("valid"), suffix: ".yaml")
  #expect(configs.count >= 6)
  for url in configs {
    let result = ConfigLoader().load(paths: [url.path])
    #expect(result.diagnostics == [], "loader rejects \(url.lastPathComponent)")
    let root = try #require(YAMLLoader.load(bytes: try bytes(url), file: url.path).root)
    documents[url.path] = root.jsonValue
    schemaShouldAccept[url.path] = true
  }
  for fixture in InvalidFixture.all() {
    let parsed = YAMLLoader.load(bytes: try bytes(URL(fileURLWithPath: fixture.path)), file: fixture.path)
    guard let root = parsed.root else { continue }  // not YAML at all: nothing for a schema to see
    documents[fixture.path] = root.jsonValue
    schemaShouldAccept[fixture.path] = fixture.schemaAccepts
  }
  let verdicts = try validateWithSchema(documents)
  for (path, expected) in schemaShouldAccept.sorted(by: { $0.key < $1.key }) {
    let name = URL(fileURLWithPath: path).lastPathComponent
    #expect(verdicts[path] == expected, "schema \(expected ? "rejects" : "accepts") \(name)")
  }
}

/// Every config under `examples/` (the files that declare the opal schema).
private func exampleConfigs() -> [URL] {
  let root = TestPaths.repository.appendingPathComponent("examples").resolvingSymlinksInPath()
  guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
    return []
  }
  var out: [URL] = []
  for case let url as URL in walker where url.pathExtension == "yaml" || url.pathExtension == "yml" {
    let head = (try? String(contentsOf: url, encoding: .utf8))?.prefix(300) ?? ""
    if head.contains("opal.schema.json") { out.append(url) }
  }
  return out.sorted { $0.path < $1.path }
}

private func bytes(_ url: URL) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: url))
}

/// Path → whether the schema accepts the document.
private func validateWithSchema(_ documents: [String: JSONValue]) throws -> [String: Bool] {
  let folder = try TestPaths.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("documents.json")
  try JSONValue.object(documents).canonicalJSON.write(to: input, atomically: true, encoding: .utf8)
  let schema = TestPaths.repository.appendingPathComponent("schemas/opal.schema.json").path
  let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    docs = json.load(open(sys.argv[2]))
    print(json.dumps({k: v.is_valid(d) for k, d in docs.items()}))
    """
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script, schema, input.path]
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    Issue.record("python3 jsonschema failed (pip install jsonschema?): \(errors)")
    return [:]
  }
  return try JSONDecoder().decode([String: Bool].self, from: data)
}
