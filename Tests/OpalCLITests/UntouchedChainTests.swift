import Foundation
import OpperAPI
import Testing

/// A catalog problem on a chain the plan does not change is a warning (issue 12 §12): one model
/// missing from the catalog in an old, untouched chain no longer blocks an urgent unrelated change.
@Suite struct UntouchedChainTests {
  @Test func anUnknownModelInAnUntouchedChainDoesNotBlockAnUnrelatedChange() async throws {
    try await EmulatorFixture.with { emu in
      // An old chain on a custom model that was deleted since: its hop is in no catalog now.
      let custom = try await emu.client.createCustomModel(
        CustomModelCreate(name: "team/legacy", identifier: "openai/gpt-4o"))
      _ = try await emu.client.createAlias(AliasCreate(name: "old", fallbackModels: ["team/legacy"]))
      try await emu.client.deleteCustomModel(id: custom.id)

      let urgent = try emu.write(
        "version: 1\naliases:\n  old: {models: [team/legacy]}\n  urgent: {models: [openai/gpt-4o]}\n")
      let plan = await emu.run(["plan", "-f", urgent, "--no-color"])
      // Before: "team/legacy is not a model of the catalog" blocked the plan of `urgent`.
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(plan.stderr.contains("this plan does not change it"), "\(plan.stderr)")
      #expect(plan.stdout.contains("+ urgent"), "\(plan.stdout)")

      // A chain the plan would write is still held to the catalog.
      let changed = try emu.write(
        "version: 1\naliases:\n  fresh: {models: [team/legacy]}\n", to: "changed.yaml")
      let refused = await emu.run(["plan", "-f", changed, "--no-color"])
      #expect(refused.exitCode == 1)
      #expect(refused.stderr.contains("is not a model of the catalog"), "\(refused.stderr)")
    }
  }
}
