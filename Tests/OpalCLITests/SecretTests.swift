import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// SPEC §11: the API key never appears in any output, log, plan file, report, export or error,
/// at any verbosity, in any format. A canary key goes through every command (in-process here;
/// the real binary in SecretProcessTests) and every error path.
@Suite struct SecretTests {
  typealias Run = (label: String, result: CLIHarness.Result)

  static func harness(baseURL: String, extra: [String: String] = [:]) -> CLIHarness {
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": baseURL, "OPPER_API_KEY": SecretCanary.key].merging(extra) { $1 }
    return harness
  }

  /// Every command, format and verbosity on the happy path (plus failing smoke cases and a
  /// fallback after a 503 that echoes the key), with the key from the environment and from a file.
  @Test func everyCommandFormatAndVerbosity() async throws {
    try await withEmulator(configuration: SecretCanary.configuration()) { server, _ in
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let a = try CLIHarness.write(SecretCanary.config(), to: "a.yaml", in: dir)
      let b = try CLIHarness.write(SecretCanary.config(extra: true), to: "b.yaml", in: dir)
      let keyFile = try CLIHarness.write(SecretCanary.key + "\n", to: "key.txt", in: dir)
      var runs: [Run] = []
      for (pass, verbosity) in [[], ["-v"], ["--verbose"]].enumerated() {
        var h = Self.harness(baseURL: server.baseURL)
        var keyArgs: [String] = []
        if pass == 2 {
          h.environment["OPPER_API_KEY"] = nil
          keyArgs = ["--api-key-file", keyFile]
        }
        func run(_ args: [String], expect codes: Set<Int32>) async {
          let r = await h.run(args + verbosity + keyArgs)
          #expect(codes.contains(r.exitCode), "\(args): \(r.all)")
          runs.append(("\(args + verbosity)", r))
        }
        let planFile = dir.appendingPathComponent("plan-\(pass).json").path
        for format in ["text", "json"] {
          await run(["validate", "-f", a, "--online", "--format", format], expect: [0])
        }
        for format in ["text", "json", "markdown"] {
          await run(["plan", "-f", a, "--format", format], expect: [0])
        }
        await run(["plan", "-f", a, "-o", planFile, "--detailed-exitcode"], expect: [0, 2])
        await run(["apply", planFile, "-f", a], expect: [0])
        await run(["apply", "-f", b, "--auto-approve", "--format", "json"], expect: [0])
        await run(["apply", "-f", a, "--auto-approve", "--format", "text"], expect: [0])  // (no prune: no-op)
        await run(["export"], expect: [0])  // YAML only: --format does not apply
        await run(["export", "-o", dir.appendingPathComponent("export-\(pass).yaml").path], expect: [0])
        for format in ["text", "json"] {
          let junit = dir.appendingPathComponent("junit-\(pass)-\(format).xml").path
          await run(["smoke", "-f", a, "--format", format, "--junit", junit, "--each-hop"], expect: [1])
        }
        // Clean slate for the next pass: the next plan has changes again.
        _ = try await withClient(server.baseURL) { client in
          for alias in try await client.listAliases() { try await client.deleteAlias(id: alias.id) }
        }
      }
      let written = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      #expect(written.contains { $0.hasPrefix("junit-") } && written.contains { $0.hasPrefix("export-") })
      #expect(written.contains { $0.hasPrefix("plan-") })
      let texts = runs.flatMap {
        [("\($0.label) stdout", $0.result.stdout), ("\($0.label) stderr", $0.result.stderr)]
      }
      let leaks = SecretCanary.leaks(texts, files: dir, ignoring: ["key.txt"])
      #expect(leaks.isEmpty, "the key leaked:\n\(leaks.joined(separator: "\n"))")
    }
  }

  /// 401, 5XX (and 4XX) bodies that echo the key, a refused connection, a TLS handshake with a
  /// plain-HTTP server: every command, text and JSON, quiet and verbose, in and out of CI.
  @Test func everyErrorPath() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(SecretCanary.config(), to: "a.yaml", in: dir)
    let configurations = [
      SecretCanary.configuration(apiKey: "the-right-key"),
      SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 500)),
      SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 503)),
      SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 401)),
      SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 422)),
    ]
    try await withEmulators(configurations) { servers in
      let (wrongKey, echo500, echo503) = (servers[0], servers[1], servers[2])
      let (echo401, echo422) = (servers[3], servers[4])
      let port = wrongKey.baseURL.split(separator: ":").last?.split(separator: "/").first ?? "0"
      let targets: [(String, String)] = [
        ("401 wrong key", wrongKey.baseURL), ("500 echoing the key", echo500.baseURL),
        ("503 echoing the key", echo503.baseURL), ("401 echoing the key", echo401.baseURL),
        ("422 echoing the key", echo422.baseURL),
        ("connection refused", "http://127.0.0.1:\(SecretCanary.closedPort())/v2"),
        ("TLS to a plain-HTTP port", "https://127.0.0.1:\(port)/v2"),
      ]
      let commands: [[String]] = [
        ["validate", "-f", path, "--online"], ["plan", "-f", path],
        ["plan", "-f", path, "-o", dir.path + "/p.json"],
        ["apply", "-f", path, "--auto-approve"], ["export"], ["export", "-o", dir.path + "/e.yaml"],
        ["smoke", "-f", path, "--junit", dir.path + "/j.xml"],
      ]
      // Two variants per command: quiet text; verbose JSON in GitHub Actions (annotations).
      let variants: [(args: [String], env: [String: String])] = [
        (["--timeout", "3"], [:]),
        (["-v", "--format", "json", "--timeout", "3"], ["GITHUB_ACTIONS": "true", "CI": "true"]),
      ]
      var texts: [(String, String)] = []
      for (label, url) in targets {
        // The runs of one target go in parallel: retries with backoff make each take a while.
        let results = await withTaskGroup(of: (String, CLIHarness.Result).self) { group in
          for command in commands {
            for variant in variants {
              let h = Self.harness(baseURL: url, extra: variant.env)
              // export writes YAML only: --format does not apply to it.
              var args = command + variant.args
              if command[0] == "export", let i = args.firstIndex(of: "--format") {
                args.removeSubrange(i...(i + 1))
              }
              group.addTask { ("\(label) \(args)", await h.run(args)) }
            }
          }
          var all: [(String, CLIHarness.Result)] = []
          for await item in group { all.append(item) }
          return all
        }
        for (name, r) in results {
          #expect(r.exitCode == 1, "\(name): \(r.all)")
          // (smoke reports errored cases in its report on stdout; the others on stderr)
          #expect(!r.all.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(name): silent")
          texts += [("\(name) stdout", r.stdout), ("\(name) stderr", r.stderr)]
        }
      }
      let leaks = SecretCanary.leaks(texts, files: dir)
      #expect(leaks.isEmpty, "the key leaked:\n\(leaks.joined(separator: "\n"))")
    }
  }

  /// The client's own errors and descriptions never carry the key either (what a caller of
  /// OpperAPI would print or log).
  @Test func clientErrorsAndDescriptionsNeverCarryTheKey() async throws {
    let configuration = SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 500))
    try await withEmulator(configuration: configuration) { server, _ in
      var texts: [(String, String)] = []
      try await withClient(server.baseURL) { client in
        texts.append(("client description", "\(client) \(String(reflecting: client))"))
        var dumped = ""
        dump(client.configuration, to: &dumped)
        texts.append(("configuration dump", dumped))
        do {
          _ = try await client.listAliases()
          Issue.record("the faulted list succeeded")
        } catch {
          texts.append(("error", "\(error) \(String(reflecting: error))"))
          var d = ""
          dump(error, to: &d)
          texts.append(("error dump", d))
        }
      }
      let leaks = SecretCanary.leaks(texts)
      #expect(leaks.isEmpty, "the key leaked:\n\(leaks.joined(separator: "\n"))")
    }
  }

  /// A server that echoes the key inside data (a trace's error text) does not make the client
  /// hand the key on: answers are redacted before they are decoded.
  @Test func dataEchoingTheKeyIsRedactedByTheClient() async throws {
    try await withEmulator(configuration: SecretCanary.configuration()) { server, _ in
      let trace = try await withClient(server.baseURL) { client in
        let response = try await client.call(
          CallRequest(
            name: "t", input: .string("hello"),
            model: .list([
              ModelSpec(name: "aws/claude-sonnet-4-eu"), ModelSpec(name: "anthropic/claude-sonnet-4"),
            ])))
        let span = try await client.span(id: response.spanId)
        return try await client.trace(id: span.traceId)
      }
      let text = String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)
      #expect(text.contains("ServiceUnavailableError"), "the failed attempt is in the trace: \(text)")
      #expect(SecretCanary.leaks([("trace", text)]).isEmpty, "\(text)")
    }
  }

  /// Redacting answers must not corrupt them: a short test key (`k`) that matches ordinary
  /// text (`fallback_models`, a name) is not searched for in data.
  @Test func aShortTestKeyLeavesAnswersIntact() async throws {
    try await withEmulator(
      configuration: SecretCanary.configuration(apiKey: "k"),
      configure: { $0 = OpperClientConfiguration(baseURL: $0.baseURL, apiKey: "k") }
    ) { _, client in
      _ = try await client.createAlias(
        AliasCreate(name: "keep/k", fallbackModels: ["openai/gpt-4o"], description: "kk"))
      let listed = try await client.listAliases()
      #expect(listed.map(\.name) == ["keep/k"])
      #expect(listed.first?.description == "kk")
    }
  }

  func withClient<T>(_ baseURL: String, _ body: (OpperClient) async throws -> T) async throws -> T {
    var configuration = OpperClientConfiguration(baseURL: baseURL, apiKey: SecretCanary.key)
    configuration.retry = RetryPolicy(maxAttempts: 1)
    let client = OpperClient(configuration: configuration)
    do {
      let value = try await body(client)
      await client.shutdown()
      return value
    } catch {
      await client.shutdown()
      throw error
    }
  }
}
