/// Where a custom model's API key comes from: an environment variable or a file, never the
/// config itself. The reference is not secret (a variable's name, a path) and is what a plan
/// file records; the value is read only when a key is sent (`KeyResolver`).
public enum KeyReference: Hashable, Sendable, Codable, CustomStringConvertible {
  /// `{env: NAME}`: the value of the environment variable `NAME`.
  case env(String)
  /// `{file: PATH}`: the contents of a regular file, one trailing newline trimmed. A relative
  /// path is relative to the config file that declares it (stored joined).
  case file(String)

  public var description: String {
    switch self {
    case .env(let name): "environment variable \(name)"
    case .file(let path): "file \(path)"
    }
  }

  enum CodingKeys: String, CodingKey { case env, file }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let name = try c.decodeIfPresent(String.self, forKey: .env) {
      self = .env(name)
    } else {
      self = .file(try c.decode(String.self, forKey: .file))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .env(let name): try c.encode(name, forKey: .env)
    case .file(let path): try c.encode(path, forKey: .file)
    }
  }
}
