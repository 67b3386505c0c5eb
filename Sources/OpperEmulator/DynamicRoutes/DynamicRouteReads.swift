import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// The dynamic-routes endpoints that change nothing: list, get, versions, one version, a
/// deployment receipt, and simulate (a walk of the draft or a version with `overrides`; no
/// model is called).
struct DynamicRouteReads: Sendable {
  let store: ResourceStore

  func register(in table: inout RouteTable) {
    table.on("dynamic-routes", .get) { _, _ in await list() }
    table.on("dynamic-routes/:name", .get) { _, context in
      guard let record = await record(context) else {
        return RouteMutation.missing(Self.name(context)).response
      }
      return ManagementReply.data(record.detail)
    }
    table.on("dynamic-routes/:name/versions", .get) { _, context in
      guard let record = await record(context) else {
        return RouteMutation.missing(Self.name(context)).response
      }
      var meta = ManagementMeta()
      meta.totalCount = record.versions.count
      return ManagementReply.data(record.versions.reversed().map(\.summary), meta: meta)
    }
    table.on("dynamic-routes/:name/versions/:number", .get) { _, context in
      guard let record = await record(context) else {
        return RouteMutation.missing(Self.name(context)).response
      }
      guard let number = Int(context.parameters.get("number") ?? ""),
        let version = record.versions.first(where: { $0.number == number })
      else { return ManagementReply.notFound("version not found") }
      return ManagementReply.data(record.versionDetail(version))
    }
    table.on("dynamic-routes/:name/deployments/:key", .get) { _, context in
      guard let record = await record(context) else {
        return RouteMutation.missing(Self.name(context)).response
      }
      let key = Self.decode(context.parameters.get("key") ?? "")
      guard let receipt = record.receipts[key], receipt.operation == "deploy",
        let version = record.versions.first(where: { $0.number == receipt.versionNumber })
      else { return ManagementReply.notFound("no completed deployment with this idempotency key") }
      var meta = ManagementMeta()
      meta.deployedVersion = version.summary
      return ManagementReply.data(record.detail, meta: meta)
    }
    table.on("dynamic-routes/:name/simulate", .post) { request, context in
      try await simulate(request, context)
    }
  }

  private func list() async -> Response {
    let records = await store.all(DynamicRouteRecord.self)
    var meta = ManagementMeta()
    meta.totalCount = records.count
    meta.defaultClassifierChain = .array([])
    meta.defaultFirstTokenTimeoutMs = 10_000
    return ManagementReply.data(records.map(\.summary), meta: meta)
  }

  private func simulate(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    let body = try await ManagementBody.read(request, context: context)
    guard let record = await record(context) else {
      return RouteMutation.missing(Self.name(context)).response
    }
    let graphJSON: JSONValue
    var target: [String: JSONValue]
    if let number = try body.int("version_number") {
      guard number > 0 else {
        return ManagementReply.error(
          422, "invalid_version_number", "version_number must be positive (omit it for the draft)")
      }
      guard let version = record.versions.first(where: { $0.number == number }) else {
        return ManagementReply.notFound("version not found")
      }
      graphJSON = version.graph
      target = ["type": .string("version"), "version_number": .integer(number)]
    } else {
      graphJSON = record.draftGraph
      target = ["type": .string("draft"), "draft_revision": .integer(record.draftRevision)]
    }
    let graph: RouteGraph
    do {
      graph = try RouteGraph(graphJSON)
    } catch {
      return ManagementReply.error(422, "invalid_graph", error.message)
    }
    let overrides = body.fields["overrides"]?.objectValue ?? [:]
    let outcomes = overrides["model_outcomes"]?.objectValue ?? [:]
    let branches = ["classifier_cases", "conditional_cases", "percentage_buckets"].compactMap {
      overrides[$0]?.objectValue
    }
    let walk = await RouteGraphWalk.walk(
      graph,
      branch: { element in branches.lazy.compactMap { $0[element.id]?.stringValue }.first },
      attempt: { element in
        outcomes[element.id]?.stringValue == "fallback"
          ? nil : RouteGraph.models(of: element).first ?? element.id
      })
    target["route_uuid"] = .string(record.id)
    var meta = ManagementMeta()
    meta.target = .object(target)
    let status = walk.broken != nil ? "broken" : walk.answeringNode == nil ? "exhausted" : "routed"
    let result = RouteSimulation(
      path: walk.steps.map {
        RouteSimulation.Step(
          nodeId: $0.nodeId, type: $0.type, model: $0.type == "model" ? $0.models.first : nil,
          outcome: $0.outcome)
      }, status: status, overrides: .object(overrides), answeringNode: walk.answeringNode,
      model: walk.servedModel)
    return ManagementReply.data(result, meta: meta)
  }

  private func record(_ context: EmulatorRequestContext) async -> DynamicRouteRecord? {
    await store.record(DynamicRouteRecord.self, named: Self.name(context))
  }

  static func name(_ context: EmulatorRequestContext) -> String {
    decode(context.parameters.get("name") ?? "")
  }

  static func decode(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }
}
