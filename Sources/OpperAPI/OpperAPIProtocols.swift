/// The alias operations the reconciler needs. `OpperClient` implements it over HTTP; tests may
/// use an in-memory fake.
public protocol AliasAPI: Sendable {
  /// Every alias of the organization (all pages).
  func listAliases() async throws(OpperAPIError) -> [Alias]
  /// The alias of that name, or `nil` on 404.
  func alias(named name: String) async throws(OpperAPIError) -> Alias?
  /// `POST /models/aliases`. Never retried blindly once the request may have landed:
  /// such a failure is thrown with `mayHaveLanded == true` and the caller reads by name.
  func createAlias(_ body: AliasCreate) async throws(OpperAPIError) -> Alias
  func updateAlias(id: String, _ body: AliasUpdate) async throws(OpperAPIError) -> Alias
  func deleteAlias(id: String) async throws(OpperAPIError)
}

/// The custom-model writes the reconciler needs (`api_key` is write-only: sent, never read
/// back). `OpperClient` implements it over HTTP.
public protocol CustomModelAPI: Sendable {
  /// The custom model of that name, or `nil` on 404.
  func customModel(named name: String) async throws(OpperAPIError) -> CustomModel?
  /// `POST /models/custom`; like `createAlias`, never retried blindly once it may have landed.
  func createCustomModel(_ body: CustomModelCreate) async throws(OpperAPIError) -> CustomModel
  func updateCustomModel(id: String, _ body: CustomModelUpdate) async throws(OpperAPIError) -> CustomModel
  func deleteCustomModel(id: String) async throws(OpperAPIError)
}

/// The catalog reads used for online validation: language models and custom models.
public protocol CatalogAPI: Sendable {
  func listModels() async throws(OpperAPIError) -> [LanguageModel]
  func listCustomModels() async throws(OpperAPIError) -> [CustomModel]
  /// The v3 catalog (`GET /v3/models`, retired rows and policy included). A server without
  /// it (404) gives an empty list: the catalog checks then have nothing to say.
  func listCatalog(_ query: CatalogQuery) async throws(OpperAPIError) -> [CatalogModel]
}

extension CatalogAPI {
  /// No v3 catalog: fakes that only know the v2 endpoints.
  public func listCatalog(_ query: CatalogQuery) async throws(OpperAPIError) -> [CatalogModel] { [] }
}

/// Calls and their traces, used by the smoke runner and apply's preflight.
public protocol CallAPI: Sendable {
  func call(_ request: CallRequest) async throws(OpperAPIError) -> CallResponse
  func span(id: String) async throws(OpperAPIError) -> Span
  func trace(id: String) async throws(OpperAPIError) -> Trace
  /// The span with what leads to its trace: its id and trace id (other fields may be nil).
  func servingSpan(id: String) async throws(OpperAPIError) -> Span
  /// The trace with what says which model served: the trace id and, per span, its id, type,
  /// start time, error, meta and `data.model` (inputs and outputs may be nil).
  func servingTrace(id: String) async throws(OpperAPIError) -> Trace
}

extension CallAPI {
  /// The whole span: fakes that only know `span(id:)`.
  public func servingSpan(id: String) async throws(OpperAPIError) -> Span { try await span(id: id) }
  /// The whole trace: fakes that only know `trace(id:)`.
  public func servingTrace(id: String) async throws(OpperAPIError) -> Trace { try await trace(id: id) }
}
