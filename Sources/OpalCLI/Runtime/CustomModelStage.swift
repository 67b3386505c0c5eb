import ArgumentParser
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI

/// The custom-model steps of `plan` and `apply` (SPEC §15): read the key of every change that
/// sends one (an error at its `api_key` line when it cannot be), and around the alias and route
/// writes, the custom-model writes first and their deletes last. Keys are sent through a client
/// of their own that also redacts them from every message, as it does the API key.
struct CustomModelStage {
  var io: CommandOutput
  var plan: CustomModelPlan?

  /// The keys the plan sends, by model name; exits 1 when any cannot be read.
  func keys() throws -> [String: SecretValue] {
    guard let plan else { return [:] }
    let sending = plan.changes.filter(\.sendsKey).map(\.keySource)
    guard !sending.isEmpty else { return [:] }
    let before = io.diagnostics.errorCount
    let keys = KeyResolver(environment: io.context.environment).keys(for: sending, into: io.diagnostics)
    guard io.diagnostics.errorCount == before else {
      io.summary("no change was made: a custom model's key cannot be read")
      throw ExitCode.failure
    }
    return keys
  }

  /// Runs the custom-model writes, then `body` (the aliases and routes; given the models whose
  /// create failed, so what names them is skipped), then the custom-model deletes unless the
  /// apply was interrupted; the report gets every custom-model result.
  func around(client: OpperClient, _ body: (UnavailableCustomModels) async -> ApplyReport) async throws
    -> ApplyReport
  {
    guard let plan, plan.hasChanges else { return await body(UnavailableCustomModels()) }
    let keys = try keys()
    let keyClient = Self.keyClient(beside: client, keys: keys)
    let applier = CustomModelApplier(api: keyClient, keys: keys)
    var results = await applier.applyWrites(plan)
    await keyClient.shutdown()
    var report = await body(UnavailableCustomModels(results))
    if report.interrupted || Task.isCancelled {
      results += CustomModelApplier.notStarted(plan.deletes)
    } else {
      results += await CustomModelApplier(api: client, keys: [:]).applyDeletes(plan)
    }
    report.customModels = results
    return report
  }

  /// A client like `client` that sends custom-model keys and also redacts them from every
  /// message, as it does the API key. The caller shuts it down.
  static func keyClient(beside client: OpperClient, keys: [String: SecretValue]) -> OpperClient {
    var configuration = client.configuration
    configuration.otherSecrets += keys.values.map(\.revealed)
    return OpperClient(configuration: configuration)
  }
}
