import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// The canary key through the real `opal` binary: verbose runs (whose logging goes to the real
/// stderr), the emulator command itself, and `http://` to a non-loopback host, refused before
/// any request is sent.
@Suite struct SecretProcessTests {
  static func environment(_ baseURL: String) -> [String: String] {
    ["OPPER_BASE_URL": baseURL, "OPPER_API_KEY": SecretCanary.key]
  }

  @Test func verboseRunsOfTheBinaryNeverShowTheKey() async throws {
    let configurations = [
      SecretCanary.configuration(),
      SecretCanary.configuration(faults: SecretCanary.echoingFaults(status: 500)),
      SecretCanary.configuration(apiKey: "the-right-key"),
    ]
    try await withEmulators(configurations) { servers in
      let (server, echo, wrongKey) = (servers[0], servers[1], servers[2])
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let path = try CLIHarness.write(SecretCanary.config(), to: "a.yaml", in: dir)
      let out = dir.path
      let happy: [([String], Set<Int32>)] = [
        (["validate", "-f", path, "--online", "-v"], [0]),
        (["plan", "-f", path, "-v", "-o", out + "/plan.json", "--format", "markdown"], [0]),
        (["apply", out + "/plan.json", "-f", path, "-v"], [0]),
        (["apply", "-f", path, "--auto-approve", "-v", "--format", "json"], [0]),
        (["export", "-v", "-o", out + "/export.yaml"], [0]),
        (["smoke", "-f", path, "-v", "--each-hop", "--junit", out + "/junit.xml", "--format", "json"], [1]),
      ]
      var texts: [(String, String)] = []
      for (args, codes) in happy {
        let r = try await OpalProcess.run(args, environment: Self.environment(server.baseURL), directory: dir)
        #expect(codes.contains(r.exitCode), "\(args): \(r.all)")
        texts += [("\(args) stdout", r.stdout), ("\(args) stderr", r.stderr)]
      }
      let failing: [(String, String)] = [
        ("500 echoing the key", echo.baseURL), ("401", wrongKey.baseURL),
        ("refused", "http://127.0.0.1:\(SecretCanary.closedPort())/v2"),
        ("TLS", server.baseURL.replacingOccurrences(of: "http://", with: "https://")),
      ]
      for (label, url) in failing {
        for args in [
          ["plan", "-f", path, "-v", "--timeout", "3"], ["smoke", "-f", path, "-v", "--timeout", "3"],
        ] {
          let env = Self.environment(url).merging(["GITHUB_ACTIONS": "true"]) { $1 }
          let r = try await OpalProcess.run(args, environment: env, directory: dir)
          #expect(r.exitCode == 1, "\(label) \(args): \(r.all)")
          texts += [("\(label) \(args) stdout", r.stdout), ("\(label) \(args) stderr", r.stderr)]
        }
      }
      let leaks = SecretCanary.leaks(texts, files: dir)
      #expect(leaks.isEmpty, "the key leaked:\n\(leaks.joined(separator: "\n"))")
    }
  }

  /// `opal emulator --api-key CANARY -v` never prints the key it guards, whatever it is asked.
  @Test func theEmulatorCommandNeverShowsItsKey() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let port = SecretCanary.closedPort()
    let emulator = try OpalProcess(
      ["emulator", "--port", "\(port)", "--api-key", SecretCanary.key, "-v"], environment: [:], directory: dir
    )
    let base = "http://127.0.0.1:\(port)/v2"
    var up = false
    for _ in 0..<200 where !up {
      up = (try? await Self.get("\(base)/models", key: SecretCanary.key)) == 200
      if !up { try await Task.sleep(for: .milliseconds(25)) }
    }
    #expect(up, "the emulator did not come up on \(port)")
    #expect(try await Self.get("\(base)/models/aliases", key: "wrong") == 401)
    #expect(try await Self.get("\(base)/models/aliases", key: SecretCanary.key) == 200)
    emulator.signal(SIGINT)
    let r = try await emulator.wait(seconds: 20)
    #expect(r.stdout.contains("listening"), "\(r.all)")
    #expect(r.stderr.contains("/v2/models/aliases"), "-v logs requests: \(r.all)")
    #expect(SecretCanary.leaks([("stdout", r.stdout), ("stderr", r.stderr)]).isEmpty, "\(r.all)")
  }

  /// `http://` to a host that is not loopback is refused before any request: the emulator,
  /// reachable on this machine's non-loopback address, sees nothing.
  @Test func plainHTTPToANonLoopbackHostIsRefusedBeforeAnyRequest() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(SecretCanary.config(), to: "a.yaml", in: dir)
    var configuration = EmulatorConfiguration(port: 0, apiKey: SecretCanary.key)
    configuration.host = "0.0.0.0"
    try await withEmulator(configuration: configuration) { server, _ in
      let port = server.boundPort
      var urls = ["http://api.opper.ai/v2", "http://10.1.2.3:\(port)/v2", "HTTP://example.com./v2"]
      if let address = SecretCanary.nonLoopbackIPv4() { urls.append("http://\(address):\(port)/v2") }
      let commands = [
        ["validate", "-f", path, "--online"], ["plan", "-f", path], ["apply", "-f", path, "--auto-approve"],
        ["export"], ["smoke", "-f", path],
      ]
      for url in urls {
        for command in commands {
          let r = try await OpalProcess.run(
            command + ["-v"], environment: Self.environment(url), directory: dir)
          #expect(r.exitCode == 1, "\(url) \(command): \(r.all)")
          #expect(r.stderr.contains("http://"), "\(url) \(command): the refusal names the scheme: \(r.all)")
          #expect(SecretCanary.leaks([("out", r.all)]).isEmpty)
        }
      }
      let seen = await server.requestCounts()
      #expect(seen.isEmpty, "a request reached the server: \(seen)")
    }
  }

  /// `GET /models/aliases` (or `/models`) with a bearer key, one attempt; the status (0 when no answer).
  static func get(_ url: String, key: String) async throws -> Int {
    let root = url.components(separatedBy: "/v2")[0] + "/v2"
    var configuration = OpperClientConfiguration(baseURL: root, apiKey: key, timeout: .seconds(30))
    configuration.retry = .none
    let client = OpperClient(configuration: configuration)
    defer { Task { await client.shutdown() } }
    do {
      if url.hasSuffix("/models") {
        _ = try await client.listModels()
      } else {
        _ = try await client.listAliases()
      }
      return 200
    } catch {
      return error.status ?? 0
    }
  }
}
