import Testing

@testable import OpperAPI

@Suite struct BaseURLValidationTests {
  @Test(arguments: [
    "https://api.opper.ai/v2", "https://api.opper.ai/v2/", "http://127.0.0.1:8080/v2",
    "http://127.3.4.5/v2", "http://localhost:9/v2", "HTTP://LOCALHOST/v2", "http://[::1]:8080/v2",
    "https://10.0.0.1/v2",
  ])
  func accepted(url: String) throws {
    let normalised = try OpperClientConfiguration.validateBaseURL(url)
    #expect(!normalised.hasSuffix("/"))
  }

  @Test(arguments: [
    "http://api.opper.ai/v2", "http://10.0.0.1/v2", "http://128.0.0.1/v2",
    "http://127.0.0.1.evil.com/v2", "http://localhost.evil.com:80/v2", "http://[::2]/v2",
    "http://0.0.0.0/v2",
  ])
  func plainHTTPToNonLoopbackIsRefused(url: String) {
    do {
      try OpperClientConfiguration.validateBaseURL(url)
      Issue.record("accepted \(url)")
    } catch {
      guard case .invalidRequest(let message) = error.kind else {
        Issue.record("wrong kind \(error.kind)")
        return
      }
      #expect(message.contains("http://"))
      #expect(message.contains("loopback"))
    }
  }

  @Test(arguments: ["ftp://x/v2", "api.opper.ai/v2", "", "https:///v2", "https://user:pw@host/v2"])
  func malformedIsRefused(url: String) {
    #expect(throws: OpperAPIError.self) { try OpperClientConfiguration.validateBaseURL(url) }
  }

  @Test func trailingSlashIsDropped() throws {
    #expect(try OpperClientConfiguration.validateBaseURL("https://h/v2//") == "https://h/v2")
  }

  @Test func clientWithRefusedURLThrowsWithoutSending() async {
    let client = OpperClient(configuration: .init(baseURL: "http://example.com/v2", apiKey: "k"))
    do {
      _ = try await client.listAliases()
      Issue.record("no error")
    } catch {
      #expect(error.attempts == 0)
      if case .invalidRequest = error.kind {} else { Issue.record("wrong kind \(error.kind)") }
    }
    await client.shutdown()
  }

  @Test func pathSegmentsEscapeSlashesAndSpaces() {
    #expect(OpperClient.pathSegment("production/main") == "production%2Fmain")
    #expect(OpperClient.pathSegment("a b?c#d%") == "a%20b%3Fc%23d%25")
    #expect(OpperClient.pathSegment("ok-._~9") == "ok-._~9")
    #expect(OpperClient.pathSegment("é") == "%C3%A9")
  }
}

@Suite struct ClientLifecycleTests {
  @Test func aClientDroppedWithoutShutdownDoesNotTrap() async throws {
    do {
      let client = OpperClient(configuration: .init(baseURL: "http://127.0.0.1:1/v2", retry: .none))
      _ = try? await client.listModels()
    }
    // Reaching here without a debug-build precondition failure in HTTPClient's deinit is the test.
    let twice = OpperClient(configuration: .init())
    await twice.shutdown()
    await twice.shutdown()  // a second shutdown is harmless
    #expect(twice.configuration.baseURL == OpperClientConfiguration.defaultBaseURL)
  }
}
