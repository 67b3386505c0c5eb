import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// Deploy (`/deploy`, preconditions optional), the guarded deployment (`/deployments`: all
/// three preconditions and `idempotency_key` required, refused before any change when one is
/// missing) and undeploy. Each checks, under the store's lock: a receipt for its idempotency key
/// first (same arguments: a replay that answers the original version and changes nothing;
/// different arguments: 422 `idempotency_key_reused`), then the preconditions (409
/// `precondition_failed`), then the draft's errors (422 `draft_invalid`).
struct DynamicRouteDeployments: Sendable {
  let store: ResourceStore

  func register(in table: inout RouteTable) {
    table.on("dynamic-routes/:name/deploy", .post) { request, context in
      try await deploy(request, context, guarded: false)
    }
    table.on("dynamic-routes/:name/deployments", .post) { request, context in
      try await deploy(request, context, guarded: true)
    }
    table.on("dynamic-routes/:name/undeploy", .post) { request, context in
      try await undeploy(request, context)
    }
  }

  private static func preconditions(_ body: ManagementBody) throws(APIRefusal) -> DeployPreconditions {
    DeployPreconditions(
      routeUUID: try body.string("expected_route_uuid")
        ?? body.fields["expected_route_uuid"].flatMap(Self.uuidArray),
      draftRevision: try body.int("expected_draft_revision"),
      activeVersionNumber: try body.int("expected_active_version_number"))
  }

  /// A uuid sent as the docs render it, 16 integers.
  private static func uuidArray(_ value: JSONValue) -> String? {
    guard value.arrayValue != nil, let data = try? JSONEncoder().encode(value),
      let uuid = try? JSONDecoder().decode(RouteUUID.self, from: data)
    else { return nil }
    return uuid.value
  }

  private func deploy(_ request: Request, _ context: EmulatorRequestContext, guarded: Bool) async throws
    -> Response
  {
    let body = try await ManagementBody.read(request, context: context)
    let name = DynamicRouteReads.name(context)
    let expected = try Self.preconditions(body)
    let key = try body.string("idempotency_key")
    let note = try body.string("note")
    if guarded {
      var missing: [String] = []
      if expected.routeUUID.map({ RouteUUID($0).isZero }) ?? true { missing.append("expected_route_uuid") }
      if expected.draftRevision == nil { missing.append("expected_draft_revision") }
      if expected.activeVersionNumber == nil { missing.append("expected_active_version_number") }
      if (key ?? "").isEmpty { missing.append("idempotency_key") }
      if !missing.isEmpty {
        return ManagementReply.error(
          422, "missing_precondition", "a guarded deployment needs " + missing.joined(separator: ", "),
          details: .object(["missing": .array(missing.map { .string($0) })]))
      }
    }
    let arguments = JSONValue.object([
      "uuid": expected.routeUUID.map { .string(RouteUUID($0).value) } ?? .null,
      "revision": expected.draftRevision.map { .integer($0) } ?? .null,
      "active": expected.activeVersionNumber.map { .integer($0) } ?? .null,
      "note": note.map { .string($0) } ?? .null,
    ]).canonicalJSON
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard var route = record else { return .missing(name) }
      var meta = ManagementMeta()
      if let key, let receipt = route.receipts[key] {
        guard receipt.operation == "deploy", receipt.arguments == arguments else {
          return .invalid("idempotency_key_reused", "this idempotency key was used for a different request")
        }
        meta.deployedVersion = route.versions.first { $0.number == receipt.versionNumber }?.summary
        meta.idempotencyReplayed = true
        return .done(route, meta, status: 200)
      }
      if let mismatch = expected.mismatch(route) { return mismatch }
      if route.hasBlockingIssues {
        return .invalid(
          "draft_invalid", "the draft has validation errors and cannot be deployed",
          details: .object(["issues": ManagementReply.issuesJSON(route.draftValidation.filter(\.isError))]))
      }
      let version = route.publish(
        graph: route.draftGraph, layout: route.draftLayout, note: note, now: DynamicRouteRecord.timestamp())
      if let key {
        route.receipts[key] = DeploymentReceipt(
          operation: "deploy", arguments: arguments, versionNumber: version.number)
      }
      record = route
      meta.deployedVersion = version.summary
      meta.idempotencyReplayed = false
      return .done(route, meta, status: 200)
    }
    return outcome.response
  }

  private func undeploy(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    let body = try await ManagementBody.read(request, context: context)
    let name = DynamicRouteReads.name(context)
    var sent = try Self.preconditions(body)
    sent.draftRevision = nil
    let expected = sent
    let key = try body.string("idempotency_key")
    let arguments = JSONValue.object([
      "uuid": expected.routeUUID.map { .string(RouteUUID($0).value) } ?? .null,
      "active": expected.activeVersionNumber.map { .integer($0) } ?? .null,
    ]).canonicalJSON
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard var route = record else { return .missing(name) }
      var meta = ManagementMeta()
      if let key, let receipt = route.receipts[key] {
        guard receipt.operation == "undeploy", receipt.arguments == arguments else {
          return .invalid("idempotency_key_reused", "this idempotency key was used for a different request")
        }
        meta.deployedVersion = route.versions.first { $0.number == receipt.versionNumber }?.summary
        meta.idempotencyReplayed = true
        return .done(route, meta, status: 200)
      }
      if let mismatch = expected.mismatch(route) { return mismatch }
      let affected = route.activeVersionNumber
      meta.deployedVersion = route.activeVersion?.summary
      route.activeVersionNumber = 0
      route.updatedAt = DynamicRouteRecord.timestamp()
      if let key {
        route.receipts[key] = DeploymentReceipt(
          operation: "undeploy", arguments: arguments, versionNumber: affected)
      }
      record = route
      meta.idempotencyReplayed = key == nil ? nil : false
      return .done(route, meta, status: 200)
    }
    return outcome.response
  }
}
