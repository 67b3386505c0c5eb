import OpalConfig
import OpalCore
import OpperAPI

@testable import OpalSmoke

/// The sonnet chain of SPEC §2 and helpers to build desired states around it.
enum SmokeFixtures {
  static let chain = ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"]

  static func state(
    _ cases: [SmokeCase] = [], name: String = "sonnet4", models: [String] = chain,
    defaults: SmokeCase? = nil
  ) -> DesiredState {
    DesiredState(smokeDefaults: defaults, aliases: [AliasSpec(name: name, models: models, smoke: cases)])
  }

  static func fake(aliases: [String: [String]] = ["sonnet4": chain]) -> FakeCallAPI {
    let api = FakeCallAPI()
    api.aliases = aliases
    return api
  }

  static func run(
    _ api: FakeCallAPI, _ state: DesiredState, options: SmokeOptions = SmokeOptions()
  ) async -> SmokeReport {
    await SmokeRunner(api: api, options: options).run(state)
  }
}
