import Foundation
import OpalTestSupport
import Synchronization
import Testing

/// `opal apply` against a server whose answers lie (issue 13 §2, §3, §4): a lying answer is a
/// failed change or a refused plan, never an edit of something else and never a success.
@Suite struct LyingServerApplyTests {
  /// A tiny alias API: the catalog, no custom models, the aliases `remote` lists, and `override`
  /// for any other request (nil: 404).
  static func api(
    remote: [String] = [], total: Int? = nil, models: [String] = ["openai/gpt-4o"],
    override: @escaping @Sendable (HostileServer.Request) -> [HostileServer.Step]?
  ) -> HostileServer.Script {
    { request in
      if let steps = override(request) { return steps }
      switch (request.method, request.path) {
      case ("GET", "/v2/models"):
        let rows = models.map { #"{"hosting_provider":"openai","name":"\#($0)","location":"us"}"# }
        return [
          .respond(200, #"{"meta":{"total_count":\#(rows.count)},"data":[\#(rows.joined(separator: ","))]}"#)
        ]
      case ("GET", "/v2/models/custom"):
        return [.respond(200, #"{"meta":{"total_count":0},"data":[]}"#)]
      case ("GET", "/v2/models/aliases"):
        let offset = Int(request.query("offset") ?? "0") ?? 0
        let page = offset == 0 ? remote : []
        return [
          .respond(
            200,
            #"{"meta":{"total_count":\#(total ?? remote.count)},"data":[\#(page.joined(separator: ","))]}"#)
        ]
      default:
        return [.respond(404, #"{"type":"NotFoundError","message":"not found"}"#)]
      }
    }
  }

  func run(_ script: @escaping HostileServer.Script, _ config: String, extra: [String] = []) async throws -> (
    CLIHarness.Result, HostileServer
  ) {
    try await withHostileServer(script) { server, _ in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: server.port ?? 0),
      ]
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let path = try CLIHarness.write(config, to: "opal.yaml", in: dir)
      let result = await harness.run(["apply", "-f", path, "--auto-approve", "--no-color"] + extra)
      return (result, server)
    }
  }

  @Test func a409ThenAReadOfAnotherAliasChangesNothing() async throws {
    // Before: the by-name read answered `Sonnet` for `sonnet`, and opal "updated" that other
    // alias, outside its scope, to the desired chain.
    let script = Self.api { request in
      switch (request.method, request.path) {
      case ("POST", "/v2/models/aliases"):
        return [.respond(409, #"{"type":"ConflictError","message":"name taken"}"#)]
      case ("GET", "/v2/models/aliases/by-name/sonnet"):
        return [.respond(200, #"{"id":"other-id","name":"Sonnet","fallback_models":["x/y"]}"#)]
      default: return nil
      }
    }
    let (result, server) = try await run(
      script, "version: 1\naliases:\n  sonnet: {models: [openai/gpt-4o]}\n")
    #expect(result.exitCode == 1, "\(result.all)")
    #expect(result.all.contains("does not match the request"), "\(result.all)")
    #expect(!server.requests.contains { $0.method == "PATCH" }, "nothing else may be edited")
  }

  @Test func aPatchAnsweredWithTheOldChainIsAFailedChange() async throws {
    // Before: apply reported success and the next plan showed the same change again.
    let old = #"{"id":"a-id","name":"a","fallback_models":["openai/gpt-4o-mini"]}"#
    let script = Self.api(remote: [old], models: ["openai/gpt-4o", "openai/gpt-4o-mini"]) { request in
      if request.method == "PATCH" { return [.respond(200, old)] }
      return nil
    }
    let config = "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n"
    let (result, server) = try await run(script, config)
    #expect(result.exitCode == 1, "\(result.all)")
    #expect(result.all.contains("answered with other content"), "\(result.all)")
    #expect(server.requests.contains { $0.method == "PATCH" })
  }

  @Test func aListThatMovesUnderAVerifyReadIsReadByNameInstead() async throws {
    // `apply --verify` checks each alias while the apply's other changes still land, so the
    // whole list may move under its read. Before: that failed the check and rolled the apply
    // back (CI saw it on a loaded machine). Now the batch reads its aliases by name.
    let alias = #"{"id":"a-id","name":"a","fallback_models":["openai/gpt-4o"]}"#
    let created = Mutex(false)
    let script = Self.api { request in
      switch (request.method, request.path) {
      case ("POST", "/v2/models/aliases"):
        created.withLock { $0 = true }
        return [.respond(200, alias)]
      case ("GET", "/v2/models/aliases") where created.withLock({ $0 }):
        // Two items under a total of one, on every read: a list that never adds up.
        return [.respond(200, #"{"meta":{"total_count":1},"data":[\#(alias),\#(alias)]}"#)]
      case ("GET", "/v2/models/aliases/by-name/a"):
        return [.respond(200, alias)]
      case ("POST", "/v2/call"):
        return [.respond(200, #"{"span_id":"s-1","message":"hello"}"#)]
      default:
        return nil
      }
    }
    let (result, server) = try await run(
      script, "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n", extra: ["--verify"])
    #expect(result.exitCode == 0, "\(result.all)")
    #expect(!result.all.contains("did not add up"), "\(result.all)")
    #expect(server.requests.contains { $0.path == "/v2/models/aliases/by-name/a" })
    #expect(server.requests.filter { $0.path == "/v2/call" }.count == 1)
    #expect(!server.requests.contains { $0.method == "DELETE" }, "nothing rolled back")
  }

  @Test func aListWhoseTotalLiesPlansNothing() async throws {
    // total_count says 1, the first page holds 2: before, opal could plan a create for an alias
    // that exists. Now nothing is planned and nothing is sent.
    let two = [
      #"{"id":"1","name":"a","fallback_models":["openai/gpt-4o"]}"#,
      #"{"id":"2","name":"b","fallback_models":["openai/gpt-4o"]}"#,
    ]
    let (result, server) = try await run(
      Self.api(remote: two, total: 1) { _ in nil },
      "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n  c: {models: [openai/gpt-4o]}\n")
    #expect(result.exitCode == 1, "\(result.all)")
    #expect(result.all.contains("did not add up"), "\(result.all)")
    #expect(!server.requests.contains { ["POST", "PATCH", "DELETE"].contains($0.method) })
  }
}
