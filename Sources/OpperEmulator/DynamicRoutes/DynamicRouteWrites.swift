import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// The dynamic-routes endpoints that change the draft or the history: create (`deploy: false`
/// by default), PUT draft, delete (soft: the name is freed), rollback (a new version) and
/// restore-to-draft. A graph without the envelope is refused (400 `invalid_graph`); any other
/// problem is saved as a validation issue and blocks only the deploy.
struct DynamicRouteWrites: Sendable {
  let store: ResourceStore

  /// Route names: 1–128 characters of letters, digits, `-`, `_` and `.`, starting with a letter
  /// or digit (the real rule is unverified).
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.count <= 128 else { return false }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
    return CharacterSet.alphanumerics.contains(first)
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && allowed.contains($0)
      }
  }

  func register(in table: inout RouteTable) {
    table.on("dynamic-routes", .post) { request, context in try await create(request, context) }
    table.on("dynamic-routes/:name/draft", .put) { request, context in try await putDraft(request, context) }
    table.on("dynamic-routes/:name", .delete) { _, context in
      let name = DynamicRouteReads.name(context)
      let deleted = await store.transact(DynamicRouteRecord.self, named: name) { record -> Bool in
        defer { record = nil }
        return record != nil
      }
      return deleted ? APIReply.noContent() : RouteMutation.missing(name).response
    }
    table.on("dynamic-routes/:name/versions/:number/rollback", .post) { request, context in
      try await rollback(request, context)
    }
    table.on("dynamic-routes/:name/versions/:number/restore-to-draft", .post) { _, context in
      await restore(context)
    }
  }

  private func create(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    let body = try await ManagementBody.read(request, context: context)
    guard let name = try body.string("name"), Self.isValidName(name) else {
      return ManagementReply.error(
        422, "invalid_name", "name is required: 1-128 letters, digits, '-', '_' or '.'",
        details: .object(["field": .string("name")]))
    }
    let description = try body.string("description") ?? ""
    let deploy = body.fields["deploy"] == .bool(true)
    let graphJSON = body.fields["graph"] ?? Self.defaultGraph
    if let refusal = Self.refusal(graphJSON) { return refusal }
    let validator = await store.routeGraphValidator()
    let issues = Self.issues(graphJSON, validator)
    let layout = body.fields["layout"] ?? .object([:])
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard record == nil else {
        return .conflict("name_taken", "a dynamic route named '\(name)' already exists")
      }
      let now = DynamicRouteRecord.timestamp()
      var created = DynamicRouteRecord(
        id: RandomID.make(), name: name, description: description, createdAt: now,
        updatedAt: now,
        draftGraph: graphJSON, draftLayout: layout, draftRevision: 1, draftValidation: issues, versions: [],
        activeVersionNumber: 0, receipts: [:])
      var meta = ManagementMeta()
      meta.issues = issues
      if deploy && !created.hasBlockingIssues {
        meta.deployedVersion = created.publish(graph: graphJSON, layout: layout, note: nil, now: now).summary
      }
      record = created
      return .done(created, meta, status: 201)
    }
    return outcome.response
  }

  private func putDraft(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    let body = try await ManagementBody.read(request, context: context)
    let name = DynamicRouteReads.name(context)
    let graphJSON = body.fields["graph"].flatMap { $0 == .null ? nil : $0 }
    if let graphJSON, let refusal = Self.refusal(graphJSON) { return refusal }
    let description = try body.string("description")
    let layout = body.fields["layout"].flatMap { $0 == .null ? nil : $0 }
    let validator = await store.routeGraphValidator()
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard var route = record else { return .missing(name) }
      if let graphJSON { route.draftGraph = graphJSON }
      if let layout { route.draftLayout = layout }
      if let description { route.description = description }
      route.draftRevision += 1
      route.draftValidation = Self.issues(route.draftGraph, validator)
      route.updatedAt = DynamicRouteRecord.timestamp()
      record = route
      var meta = ManagementMeta()
      meta.issues = route.draftValidation
      return .done(route, meta, status: 200)
    }
    return outcome.response
  }

  private func rollback(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    let body = try await ManagementBody.read(request, context: context)
    let note = try body.string("note")
    let name = DynamicRouteReads.name(context)
    let number = Int(context.parameters.get("number") ?? "") ?? 0
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard var route = record else { return .missing(name) }
      guard let old = route.versions.first(where: { $0.number == number }) else {
        return .notFound("version not found")
      }
      let version = route.publish(
        graph: old.graph, layout: old.layout, note: note ?? "rollback to version \(number)",
        now: DynamicRouteRecord.timestamp())
      record = route
      var meta = ManagementMeta()
      meta.deployedVersion = version.summary
      return .done(route, meta, status: 200)
    }
    return outcome.response
  }

  private func restore(_ context: EmulatorRequestContext) async -> Response {
    let name = DynamicRouteReads.name(context)
    let number = Int(context.parameters.get("number") ?? "") ?? 0
    let validator = await store.routeGraphValidator()
    let outcome = await store.transact(DynamicRouteRecord.self, named: name) { record -> RouteMutation in
      guard var route = record else { return .missing(name) }
      guard let old = route.versions.first(where: { $0.number == number }) else {
        return .notFound("version not found")
      }
      if route.draftGraph != old.graph || route.draftLayout != old.layout {
        route.draftGraph = old.graph
        route.draftLayout = old.layout
        route.draftRevision += 1
        route.draftValidation = Self.issues(old.graph, validator)
        route.updatedAt = DynamicRouteRecord.timestamp()
        record = route
      }
      return .done(route, ManagementMeta(), status: 200)
    }
    return outcome.response
  }

  /// The 400 for a graph that does not parse as a graph, else nil.
  static func refusal(_ graph: JSONValue) -> Response? {
    do {
      _ = try RouteGraph(graph)
      return nil
    } catch {
      return ManagementReply.error(400, "invalid_graph", error.message)
    }
  }

  static func issues(_ graph: JSONValue, _ validator: RouteGraphValidator) -> [RouteIssue] {
    guard let parsed = try? RouteGraph(graph) else { return [] }
    return validator.issues(of: parsed)
  }

  /// The graph a create without `graph` gets: START → one model → END.
  static let defaultGraph: JSONValue =
    (try? JSONDecoder().decode(
      JSONValue.self,
      from: Data(
        #"""
        {"elements": [
          {"id": "START", "type": "start", "outputs": {"next": {"elementId": "model"}}},
          {"id": "model", "type": "model", "properties": {"model": "openai/gpt-4o-mini"},
           "outputs": {"success": {"elementId": "END"}, "fallback": {"elementId": "END"}}},
          {"id": "END", "type": "end", "outputs": {}}]}
        """#.utf8))) ?? .null
}
