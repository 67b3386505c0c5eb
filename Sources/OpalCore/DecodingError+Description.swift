extension DecodingError {
  /// What went wrong, for a person: `at aliases[2].name: missing "name"` and the like.
  public var readableDescription: String {
    switch self {
    case .keyNotFound(let key, let context):
      return "\(Self.place(context))missing \"\(key.stringValue)\""
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "\(Self.place(context))\(context.debugDescription)"
    @unknown default:
      return "unreadable"
    }
  }

  /// `at a.b[2]: `, or "" at the top.
  static func place(_ context: Context) -> String {
    let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
      .joined()
    return path.isEmpty ? "" : "at \(path.hasPrefix(".") ? String(path.dropFirst()) : path): "
  }
}
