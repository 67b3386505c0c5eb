import OpalCore

/// `opal impact --format json`: `{"format_version": 1, "kind": "opal-impact", "down": [...],
/// "summary": {chains, no_hop_left, degraded}, "chains": [{kind, name, branch, file, line, status,
/// models, answering, down}]}`, chains with no hop left first. `kind` is `alias` or `route`;
/// `branch` numbers a route's fallback branches when it has several (else null).
public struct ImpactJSONRenderer: DocumentRenderer {
  public init() {}

  public func render(_ report: ImpactReport) -> String {
    let chains: [JSONValue] = report.entries.map { e in
      .object([
        "kind": .string(e.kind), "name": .string(e.name), "branch": e.branch.map { .integer($0) } ?? .null,
        "status": .string(e.status.rawValue),
        "file": e.location.map { .string($0.file) } ?? .null,
        "line": e.location.map { .integer($0.line) } ?? .null,
        "models": .array(e.models.map(JSONValue.string)),
        "answering": .array(e.answering.map(JSONValue.string)),
        "down": .array(e.down.map(JSONValue.string)),
      ])
    }
    let doc: JSONValue = .object([
      "format_version": .integer(1), "kind": .string("opal-impact"),
      "down": .array(report.scenario.items.map(JSONValue.string)),
      "summary": .object([
        "chains": .integer(report.entries.count), "no_hop_left": .integer(report.deadCount),
        "degraded": .integer(report.degradedCount),
      ]),
      "chains": .array(chains),
    ])
    return PrettyJSON.string(doc) + "\n"
  }
}
