import Foundation

/// The smoke report as versioned JSON (`format_version: 1`, schema in
/// `schemas/smoke-report.schema.json`): keys sorted, two-space indentation, a final newline.
public struct SmokeJSONRenderer: Sendable {
  public init() {}

  public func render(_ report: SmokeReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report), let text = String(data: data, encoding: .utf8) else {
      return "{\"format_version\": 1, \"passed\": false, \"errors\": [\"the report could not be encoded\"]}\n"
    }
    return text + "\n"
  }
}
