import Foundation
import OpalCore

/// Reads the keys custom models reference, when a key is about to be sent (create,
/// `--rotate-keys`) or checked (plan). A variable that is not set or a file that cannot be read
/// is an error at the `api_key` line naming the variable or the file, never a value. A file is
/// read only when it is a regular file of at most `maxFileBytes`; one trailing newline (`\n` or
/// `\r\n`) is trimmed, as editors and `echo` add one.
public struct KeyResolver: Sendable {
  /// The largest key file read (a key is a line of text; anything bigger is the wrong file).
  public static let maxFileBytes = 16 * 1024
  public var environment: [String: String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// The key of each model that references one, by name; each one that cannot be read is an
  /// error in `diagnostics` and left out.
  public func keys(
    for specs: some Sequence<CustomModelSpec>, into diagnostics: some DiagnosticCollector
  ) -> [String: SecretValue] {
    var keys: [String: SecretValue] = [:]
    for spec in specs {
      switch key(for: spec) {
      case .success(let key?): keys[spec.name] = key
      case .success(nil): continue
      case .failure(let problem): diagnostics.emit(problem.diagnostic)
      }
    }
    return keys
  }

  /// Why a key could not be read, as the diagnostic to show.
  public struct Problem: Error, Sendable {
    public var diagnostic: Diagnostic
  }

  /// The model's key; nil when it references none.
  public func key(for spec: CustomModelSpec) -> Result<SecretValue?, Problem> {
    guard let reference = spec.apiKey else { return .success(nil) }
    func fail(_ message: String, hint: String) -> Result<SecretValue?, Problem> {
      .failure(
        Problem(
          diagnostic: .error(
            "the api_key of custom model '\(spec.name)': \(message)",
            at: spec.apiKeyLocation ?? spec.location,
            keyPath: spec.keyPath.child("api_key"), hint: hint)))
    }
    switch reference {
    case .env(let name):
      guard let value = environment[name] else {
        return fail(
          "environment variable \(name) is not set",
          hint: "set \(name) to the key before running opal (its value is sent to Opper, never shown)")
      }
      guard !value.isEmpty else {
        return fail("environment variable \(name) is set but empty", hint: "set \(name) to the key")
      }
      return .success(SecretValue(value))
    case .file(let path):
      switch ConfigSource.readRegularFile(path, limit: Self.maxFileBytes) {
      case .failure(.unreadable(let why)):
        return fail("cannot read \(path): \(why)", hint: "point {file: PATH} at a readable regular file")
      case .failure(.tooLarge(let size)):
        return fail(
          "\(path) is \(size) bytes, more than the \(Self.maxFileBytes) bytes a key file may hold",
          hint: "a key file holds the key on one line")
      case .success(var data):
        // One trailing newline (LF or CRLF), trimmed as bytes.
        if data.last == 0x0A {
          data.removeLast()
          if data.last == 0x0D { data.removeLast() }
        }
        guard let text = String(data: data, encoding: .utf8) else {
          return fail("\(path) is not UTF-8 text", hint: "a key file holds the key on one line")
        }
        guard !text.isEmpty else { return fail("\(path) is empty", hint: "write the key into \(path)") }
        return .success(SecretValue(text))
      }
    }
  }
}
