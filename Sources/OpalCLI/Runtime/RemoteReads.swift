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

  /// Just the aliases.
  func aliases() async throws(CLIError) -> [Alias] {
    do {
      return try await client.listAliases()
    } catch {
      throw Self.cliError(error)
    }
  }

  /// An API failure as a user reads it, with a hint for the usual causes.
  static func cliError(_ error: OpperAPIError) -> CLIError {
    CLIError(error.description, hint: error.hint)
  }
}
