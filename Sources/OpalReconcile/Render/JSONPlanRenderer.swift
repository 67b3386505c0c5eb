import OpalCore

/// Renders a plan as its versioned JSON document (`format_version` 1, docs/plan-format.md,
/// schemas/plan.schema.json): the same bytes `plan -o FILE` saves.
public struct JSONPlanRenderer: DocumentRenderer {
  public init() {}

  public func render(_ plan: Plan) -> String {
    String(decoding: PlanDocumentWriter.bytes(plan), as: UTF8.self)
  }
}
