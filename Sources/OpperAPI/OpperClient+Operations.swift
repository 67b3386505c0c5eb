import NIOHTTP1

// The API's operations, one method each (paths relative to the base URL).
extension OpperClient {
  // MARK: - Aliases

  /// Every alias (all pages; pages after the first in parallel). Each distinct fallback chain
  /// is held once, shared page by page as the pages arrive (`SharedChains`).
  public func listAliases() async throws(OpperAPIError) -> [Alias] {
    var chains = SharedChains()
    return try await listAll("/models/aliases", key: \Alias.id) { chains.share(&$0) }
  }

  /// `GET /models/aliases/{id}`; `nil` on 404.
  public func alias(id: String) async throws(OpperAPIError) -> Alias? {
    let path = "/models/aliases/\(Self.pathSegment(id))"
    let found = try await getOrNil(path, as: Alias.self)
    if let found { try expect(found.id, is: id, "id", .GET, path) }
    return found
  }

  /// `GET /models/aliases/by-name/{name}` (the name percent-encoded, `/` included); `nil` on 404.
  public func alias(named name: String) async throws(OpperAPIError) -> Alias? {
    let path = "/models/aliases/by-name/\(Self.pathSegment(name))"
    let found = try await getOrNil(path, as: Alias.self)
    if let found { try expect(found.name, is: name, "name", .GET, path) }
    return found
  }

  /// `POST /models/aliases`. Retried only when it certainly did not land (429, no connection);
  /// otherwise thrown with `mayHaveLanded == true`. 409 when the name is taken.
  public func createAlias(_ body: AliasCreate) async throws(OpperAPIError) -> Alias {
    let created = try await sendJSON(.POST, "/models/aliases", body, as: Alias.self)
    try expect(created.name, is: body.name, "name", .POST, "/models/aliases")
    return created
  }

  /// `PATCH /models/aliases/{id}` with only the fields set in `body` (idempotent: retried).
  public func updateAlias(id: String, _ body: AliasUpdate) async throws(OpperAPIError) -> Alias {
    let path = "/models/aliases/\(Self.pathSegment(id))"
    let updated = try await sendJSON(.PATCH, path, body, as: Alias.self)
    try expect(updated.id, is: id, "id", .PATCH, path)
    if let name = body.name { try expect(updated.name, is: name, "name", .PATCH, path) }
    return updated
  }

  /// `DELETE /models/aliases/{id}`. A 404 is thrown (after a lost response it means done:
  /// the caller decides).
  public func deleteAlias(id: String) async throws(OpperAPIError) {
    _ = try await send(.DELETE, "/models/aliases/\(Self.pathSegment(id))")
  }

  // MARK: - Catalog

  /// The whole language-model catalog (all pages).
  public func listModels() async throws(OpperAPIError) -> [LanguageModel] {
    try await listAll("/models", key: \LanguageModel.name)
  }

  /// Every custom model (all pages).
  public func listCustomModels() async throws(OpperAPIError) -> [CustomModel] {
    try await listAll("/models/custom", key: \CustomModel.id)
  }

  /// `POST /models/custom` (not idempotent, like `createAlias`). 409 when the name is taken.
  public func createCustomModel(_ body: CustomModelCreate) async throws(OpperAPIError) -> CustomModel {
    let created = try await sendJSON(.POST, "/models/custom", body, as: CustomModel.self)
    try expect(created.name, is: body.name, "name", .POST, "/models/custom")
    return created
  }

  /// `GET /models/custom/{id}`; `nil` on 404.
  public func customModel(id: String) async throws(OpperAPIError) -> CustomModel? {
    let path = "/models/custom/\(Self.pathSegment(id))"
    let found = try await getOrNil(path, as: CustomModel.self)
    if let found { try expect(found.id, is: id, "id", .GET, path) }
    return found
  }

  /// `GET /models/custom/by-name/{name}`; `nil` on 404.
  public func customModel(named name: String) async throws(OpperAPIError) -> CustomModel? {
    let path = "/models/custom/by-name/\(Self.pathSegment(name))"
    let found = try await getOrNil(path, as: CustomModel.self)
    if let found { try expect(found.name, is: name, "name", .GET, path) }
    return found
  }

  /// `PATCH /models/custom/{id}`.
  public func updateCustomModel(
    id: String, _ body: CustomModelUpdate
  ) async throws(OpperAPIError) -> CustomModel {
    let path = "/models/custom/\(Self.pathSegment(id))"
    let updated = try await sendJSON(.PATCH, path, body, as: CustomModel.self)
    try expect(updated.id, is: id, "id", .PATCH, path)
    return updated
  }

  /// `DELETE /models/custom/{id}`; a 404 is thrown.
  public func deleteCustomModel(id: String) async throws(OpperAPIError) {
    _ = try await send(.DELETE, "/models/custom/\(Self.pathSegment(id))")
  }

  // MARK: - Calls and traces

  /// `POST /call` (not idempotent: a call costs money; retried only when it did not land).
  public func call(_ request: CallRequest) async throws(OpperAPIError) -> CallResponse {
    try await sendJSON(.POST, "/call", request, as: CallResponse.self)
  }

  /// `GET /spans/{id}`.
  public func span(id: String) async throws(OpperAPIError) -> Span {
    try await get("/spans/\(Self.pathSegment(id))", as: Span.self)
  }

  /// `GET /traces/{id}`.
  public func trace(id: String) async throws(OpperAPIError) -> Trace {
    try await get("/traces/\(Self.pathSegment(id))", as: Trace.self)
  }

  /// `GET /spans/{id}`, decoding only the span's id and trace id.
  public func servingSpan(id: String) async throws(OpperAPIError) -> Span {
    let reference = try await get("/spans/\(Self.pathSegment(id))", as: SpanReferenceWire.self)
    return Span(id: reference.id, traceId: reference.traceId)
  }

  /// `GET /traces/{id}`, decoding only what `ServingTraceWire` keeps.
  public func servingTrace(id: String) async throws(OpperAPIError) -> Trace {
    try await get("/traces/\(Self.pathSegment(id))", as: ServingTraceWire.self).trace
  }

  // MARK: - Shared

  /// Checks that an answer is about what was asked: a by-name read that returns `Sonnet` for
  /// `sonnet`, or a PATCH answered for another id, is an error, never acted on. A write answered
  /// this way may have landed somewhere.
  func expect(
    _ got: String, is asked: String, _ field: String, _ method: HTTPMethod, _ path: String
  ) throws(OpperAPIError) {
    guard got != asked else { return }
    throw OpperAPIError(
      method: method.rawValue, path: redacted(path),
      kind: redacted(.mismatchedAnswer("asked for \(field) '\(asked)', the server answered for '\(got)'")),
      mayHaveLanded: method != .GET)
  }

  /// Every item of a paged list (`PagedListing`); `arrived` sees each page's items as it arrives.
  func listAll<Item: Codable & Sendable>(
    _ path: String, key: KeyPath<Item, String> & Sendable, arrived: (inout [Item]) -> Void = { _ in }
  ) async throws(OpperAPIError) -> [Item] {
    let listing = PagedListing<Item>(
      path: path, pageSize: configuration.effectivePageSize,
      concurrency: configuration.pageConcurrency, key: { $0[keyPath: key] })
    return try await listing.fetchAll(
      { [self] (pagePath: String) async throws(OpperAPIError) in
        try await self.get(pagePath, as: Page<Item>.self)
      }, arrived: arrived)
  }

  func getOrNil<T: Decodable>(_ path: String, as type: T.Type) async throws(OpperAPIError) -> T? {
    do {
      return try await get(path, as: T.self)
    } catch  where error.status == 404 {
      return nil
    }
  }

  /// `text` as one percent-encoded path segment: everything but RFC 3986's unreserved
  /// characters is escaped, `/` included.
  public static func pathSegment(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.append(Character(Unicode.Scalar(byte)))
      default:
        let hex = Array("0123456789ABCDEF")
        out.append("%")
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      }
    }
    return out
  }
}
