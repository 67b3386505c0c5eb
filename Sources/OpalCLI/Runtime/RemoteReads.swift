import OpalReconcile
import OpperAPI

/// Reads what a command needs from the API, turning API failures into one clear CLI error
/// (HTTP status and the API's message, never the key).
struct RemoteReads {
  var client: OpperClient

  /// Aliases, custom models and the catalog, read concurrently.
  func state() async throws(CLIError) -> RemoteState {
    do {
      return try await RemoteState.read(from: client)
    } catch let error as OpperAPIError {
      throw Self.cliError(error)
    } catch {
      throw CLIError("reading the remote failed: \(error)")
    }
  }

  /// Every dynamic route with its active graph, as many read at once as pages would be
  /// (`--parallelism` where the command has it).
  static func routes(_ client: DynamicRoutesClient) async throws(CLIError) -> [RemoteRoute] {
    do {
      return try await RemoteRoute.readAll(
        from: client, concurrency: client.client.configuration.pageConcurrency)
    } catch let error as OpperAPIError {
      throw cliError(error, management: true)
    } catch {
      throw CLIError("reading the dynamic routes failed: \(error)")
    }
  }

  /// The routes when there is a routes client, nil without one (the plan has no route half).
  static func routesIfReadable(_ client: DynamicRoutesClient?) async throws(CLIError) -> [RemoteRoute]? {
    guard let client else { return nil }
    return try await routes(client)
  }

  /// Just the aliases.
  func aliases() async throws(CLIError) -> [Alias] {
    do {
      return try await client.listAliases()
    } catch {
      throw Self.cliError(error)
    }
  }

  /// Just the custom models (their keys are never returned).
  func customModels() async throws(CLIError) -> [CustomModel] {
    do {
      return try await client.listCustomModels()
    } catch {
      throw Self.cliError(error)
    }
  }

  /// An API failure as a user reads it, with a hint for the usual causes.
  static func cliError(_ error: OpperAPIError, management: Bool = false) -> CLIError {
    if management, case .http(401, _, _) = error.kind {
      return CLIError(
        error.description,
        hint: "check OPPER_MANAGEMENT_KEY (or --management-key-file): the Management API refused the key")
    }
    return CLIError(error.description, hint: error.hint)
  }
}
