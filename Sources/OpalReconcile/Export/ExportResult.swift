/// The text `opal export` writes, with how many aliases it holds and what was left out.
public struct ExportResult: Hashable, Sendable {
  public var yaml: String
  public var count: Int
  public var warnings: [String]
  /// Remote aliases left out because opal's rules reject them (a tab in the name, an empty
  /// chain, …), each with why: the file written would not validate with them.
  public var skipped: [String]

  public init(yaml: String, count: Int, warnings: [String] = [], skipped: [String] = []) {
    self.yaml = yaml
    self.count = count
    self.warnings = warnings
    self.skipped = skipped
  }
}
