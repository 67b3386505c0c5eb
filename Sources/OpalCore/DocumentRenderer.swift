/// Turns one value (a plan, an apply report, a smoke report) into the text of one output
/// format. Each format is its own renderer, so a command picks one by `--format` and prints it.
public protocol DocumentRenderer<Document>: Sendable {
  /// What is rendered.
  associatedtype Document
  /// The whole document as text.
  func render(_ document: Document) -> String
}
