import OpalCore

/// The smoke report as versioned JSON (`format_version: 1`, schema in
/// `schemas/smoke-report.schema.json`): keys sorted, two-space indentation, a final newline.
public struct SmokeJSONRenderer: DocumentRenderer {
  public init() {}

  public func render(_ report: SmokeReport) -> String {
    PrettyJSON.string(report) + "\n"
  }
}
