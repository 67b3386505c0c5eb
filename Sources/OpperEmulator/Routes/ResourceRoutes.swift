import Foundation
import Hummingbird
import OpperAPI

/// What the generic CRUD routes need to know about one resource: where it lives, how its
/// messages name it, how a request body becomes a new record or a patch, and which records the
/// API refuses for reasons beyond the body's shape.
protocol RoutedResource: Sendable {
  associatedtype Record: StoredRecord
  /// The collection's path inside the API group, e.g. `models/aliases`.
  var path: String { get }
  /// The record in messages, capitalised: `Alias`, `Custom model`.
  var title: String { get }
  /// The 409 message for a taken name.
  func conflictMessage(_ name: String) -> String
  /// A new record with `id` from a create body; nil when `fields.errors` says why.
  func newRecord(id: String, from fields: inout BodyFields) -> Record?
  /// A patch from an update body; nil when `fields.errors` says why.
  func patch(from fields: inout BodyFields) -> Record.Patch?
  /// The answer refusing a valid body the store must not take (a chain naming an unknown
  /// model), or nil.
  func refusal(creating record: Record, in store: ResourceStore) async -> Response?
  func refusal(patching patch: Record.Patch, in store: ResourceStore) async -> Response?
  /// Told of each record a create or update stored, with the body it came from (a write-only
  /// field is seen here and nowhere else).
  func stored(_ record: Record, from fields: BodyFields) async
  /// Told of each record deleted.
  func deleted(_ record: Record) async
}

extension RoutedResource {
  func refusal(creating record: Record, in store: ResourceStore) async -> Response? { nil }
  func refusal(patching patch: Record.Patch, in store: ResourceStore) async -> Response? { nil }
  func stored(_ record: Record, from fields: BodyFields) async {}
  func deleted(_ record: Record) async {}
}

/// The six operations of one resource: create (`POST path`), list (`GET path`, paged), get
/// (`GET path/:id`), get by name (`GET path/by-name/**`: the name percent-encoded, or with its
/// `/` as further segments), update (`PATCH path/:id`) and delete (`DELETE path/:id`).
struct ResourceRoutes<Resource: RoutedResource>: Sendable {
  typealias Record = Resource.Record
  let resource: Resource
  let store: ResourceStore

  func register(in table: inout RouteTable) {
    let path = resource.path
    table.on(path, .post) { request, context in try await create(request, context) }
    table.on(path, .get) { request, _ in try await list(request) }
    table.on("\(path)/by-name/**", .get) { _, context in await read(named: Self.name(context)) }
    table.on("\(path)/:id", .get) { _, context in await read(id: Self.id(context)) }
    table.on("\(path)/:id", .patch) { request, context in
      try await update(id: Self.id(context), request, context)
    }
    table.on("\(path)/:id", .delete) { _, context in await delete(id: Self.id(context)) }
  }

  private func create(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    var fields = try await BodyFields.read(request, context: context)
    let record = resource.newRecord(id: RandomID.make(), from: &fields)
    guard fields.errors.isEmpty, let record else { return fields.errors.response }
    if await store.contains(Record.self, named: record.name) {
      return APIReply.conflict(resource.conflictMessage(record.name))
    }
    if let refusal = await resource.refusal(creating: record, in: store) { return refusal }
    switch await store.create(record) {
    case .success(let created):
      await resource.stored(created, from: fields)
      return APIReply.json(created)
    case .failure: return APIReply.conflict(resource.conflictMessage(record.name))
    }
  }

  private func list(_ request: Request) async throws -> Response {
    let paging = try Paging(request)
    let page = await store.page(Record.self, offset: paging.offset, limit: paging.limit)
    return APIReply.json(page)
  }

  private func read(id: String) async -> Response {
    guard let record = await store.record(Record.self, id: id) else {
      return APIReply.notFound("\(resource.title) not found")
    }
    return APIReply.json(record)
  }

  private func read(named name: String) async -> Response {
    guard let record = await store.record(Record.self, named: name) else {
      return APIReply.notFound("\(resource.title) '\(name)' not found")
    }
    return APIReply.json(record)
  }

  private func update(
    id: String, _ request: Request, _ context: EmulatorRequestContext
  ) async throws -> Response {
    var fields = try await BodyFields.read(request, context: context)
    let patch = resource.patch(from: &fields)
    guard fields.errors.isEmpty, let patch else { return fields.errors.response }
    guard await store.record(Record.self, id: id) != nil else {
      return APIReply.notFound("\(resource.title) not found")
    }
    if let refusal = await resource.refusal(patching: patch, in: store) { return refusal }
    switch await store.update(Record.self, id: id, patch) {
    case .success(let updated):
      await resource.stored(updated, from: fields)
      return APIReply.json(updated)
    case .failure(.notFound): return APIReply.notFound("\(resource.title) not found")
    case .failure(.conflict(let name)): return APIReply.conflict(resource.conflictMessage(name))
    }
  }

  private func delete(id: String) async -> Response {
    let record = await store.record(Record.self, id: id)
    guard await store.delete(Record.self, id: id) else {
      return APIReply.notFound("\(resource.title) not found")
    }
    if let record { await resource.deleted(record) }
    return APIReply.noContent()
  }

  /// The `:id` segment, percent-decoded.
  private static func id(_ context: EmulatorRequestContext) -> String {
    decode(context.parameters.get("id") ?? "")
  }

  /// The name after `by-name/`: its segments joined by `/`, percent-decoded (`team-a%2Fx` and
  /// `team-a/x` both name `team-a/x`).
  private static func name(_ context: EmulatorRequestContext) -> String {
    decode(context.parameters.getCatchAll().joined(separator: "/"))
  }

  private static func decode(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }
}
