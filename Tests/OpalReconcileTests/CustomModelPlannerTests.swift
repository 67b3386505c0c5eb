import Foundation
import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The custom-model half of a plan (SPEC §15): scope, prune and protect as for aliases, keys
/// sent on create and rotation only, and a plan document that holds references, never keys.
@Suite struct CustomModelPlannerTests {
  static func state(
    _ models: [CustomModelSpec], prune: Bool = true, include: [String]? = ["cm/*"], protect: [String] = []
  ) -> DesiredState {
    var state = Fixtures.state([], prune: prune, include: include, protect: protect)
    state.customModels = models
    return state
  }

  static func spec(_ name: String, _ identifier: String, key: KeyReference? = .env("K")) -> CustomModelSpec {
    CustomModelSpec(name: name, identifier: identifier, apiKey: key)
  }

  static let remote = [
    CustomModel(id: "1", name: "cm/same", identifier: "p/same"),
    CustomModel(id: "2", name: "cm/moved", identifier: "p/old"),
    CustomModel(id: "3", name: "cm/gone", identifier: "p/gone"),
    CustomModel(id: "4", name: "cm/kept", identifier: "p/kept"),
    CustomModel(id: "5", name: "outside", identifier: "p/x"),
  ]

  static let desired = state(
    [spec("cm/new", "p/new"), spec("cm/same", "p/same"), spec("cm/moved", "p/new-id")], protect: ["cm/kept"])

  @Test func createUpdateDeleteUnderScopePruneAndProtect() {
    let plan = CustomModelPlanner().plan(
      desired: Self.desired, remote: Self.remote,
      aliases: [Alias(id: "a", name: "chat", fallbackModels: ["cm/gone"])])
    #expect(plan.changes.map(\.name) == ["cm/moved", "cm/new", "cm/gone"])
    #expect(plan.changes.map(\.action) == [.update, .create, .delete])
    #expect(plan.changes.map(\.sendsKey) == [false, true, false])
    #expect(plan.unchanged == ["cm/same"])
    #expect(plan.notes.contains { $0.contains("cm/kept") && $0.contains("scope.protect") })
    #expect(plan.changes[2].notes.first?.contains("chat") == true)
    #expect(!plan.remoteSnapshot.contains { $0.name == "outside" })
    let noPrune = CustomModelPlanner().plan(
      desired: Self.state(Self.desired.customModels, prune: false), remote: Self.remote)
    #expect(!noPrune.changes.contains { $0.action == .delete })
  }

  @Test func rotationSendsTheKeyWithoutChangingTheFingerprint() {
    let planner = CustomModelPlanner()
    let plain = planner.plan(desired: Self.desired, remote: Self.remote)
    let all = planner.plan(desired: Self.desired, remote: Self.remote, rotateKeys: [])
    #expect(all.changes.filter(\.sendsKey).map(\.name) == ["cm/moved", "cm/new", "cm/same"])
    #expect(all.changes.first { $0.name == "cm/same" }?.action == .rotateKey)
    let one = planner.plan(desired: Self.desired, remote: Self.remote, rotateKeys: ["cm/mov*"])
    #expect(one.changes.filter(\.sendsKey).map(\.name) == ["cm/moved", "cm/new"])
    #expect(plain.fingerprint == all.fingerprint && all.fingerprint == one.fingerprint)
    let moved = planner.plan(desired: Self.desired, remote: Self.remote.filter { $0.id != "1" })
    #expect(moved.fingerprint != plain.fingerprint)
  }

  @Test func thePlanDocumentHoldsTheReferenceAndReadsBack() throws {
    var plan = Planner().plan(desired: Self.desired, remote: [Alias]())
    let before = plan.fingerprint.combined
    plan.attach(customModels: CustomModelPlanner().plan(desired: Self.desired, remote: Self.remote))
    #expect(plan.fingerprint.combined != before)
    let data = try JSONEncoder().encode(plan)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"key_from\":{\"env\":\"K\"}"), "\(text)")
    let read = try JSONDecoder().decode(Plan.self, from: data)
    #expect(read.customModels?.changes.map(\.name) == plan.customModels?.changes.map(\.name))
    #expect(read.fingerprint.combined == plan.fingerprint.combined)
    let desired = try #require(read.desired).state()
    #expect(desired.customModels.map(\.apiKey) == [.env("K"), .env("K"), .env("K")])
  }

  @Test func aHopNamingADeclaredCustomModelPassesOnlineValidation() {
    var desired = Self.desired
    desired.aliases = [AliasSpec(name: "cm/chat", models: ["cm/new", "openai/gpt-4o"])]
    let remote = RemoteState(
      aliases: [], catalog: [LanguageModel(hostingProvider: "openai", name: "openai/gpt-4o", location: "us")])
    let strict = DiagnosticList()
    OnlineValidator(remote: remote).validate(desired, into: strict)
    #expect(strict.hasErrors)
    let declared = DiagnosticList()
    OnlineValidator(remote: remote.declaring(desired)).validate(desired, into: declared)
    #expect(!declared.hasErrors)
  }
}
