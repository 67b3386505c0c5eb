import Testing

@testable import OpperAPI

@Suite struct APIErrorDecodingTests {
  func kind(_ status: Int, _ body: String) -> OpperAPIError.Kind {
    APIErrorDecoding.kind(status: status, body: Array(body.utf8))
  }

  @Test func apiJSONBodyGivesTypeAndMessage() {
    let k = kind(404, #"{"type":"NotFoundError","message":"The resource was not found","detail":null}"#)
    #expect(k == .http(status: 404, type: "NotFoundError", message: "The resource was not found"))
  }

  @Test func fastAPIValidationDetailIsRenderedBriefly() {
    let body = """
      {"type":"RequestValidationError","message":"The request is invalid","detail":[
        {"loc":["body","name"],"msg":"String should have at least 1 character","type":"string_too_short"},
        {"loc":["body","fallback_models",0],"msg":"Input should be a valid string","type":"string_type"}]}
      """
    guard case .http(422, "RequestValidationError", let message) = kind(422, body) else {
      Issue.record("not decoded")
      return
    }
    #expect(message.contains("body.name: String should have at least 1 character"))
    #expect(message.contains("body.fallback_models.0: Input should be a valid string"))
  }

  @Test func longDetailListIsSummarised() {
    let item = #"{"loc":["body","x"],"msg":"bad","type":"t"}"#
    let body = #"{"type":"RequestValidationError","message":"invalid","detail":["#
      + Array(repeating: item, count: 7).joined(separator: ",") + "]}"
    guard case .http(_, _, let message) = kind(422, body) else { return }
    #expect(message.contains("(+4 more)"))
  }

  @Test func stringDetailIsAppended() {
    let body = #"{"type":"BadRequestError","message":"Unknown model","detail":"did you mean openai/gpt-4o?"}"#
    #expect(kind(400, body) == .http(status: 400, type: "BadRequestError",
      message: "Unknown model: did you mean openai/gpt-4o?"))
  }

  @Test func htmlBodyIsNotQuoted() {
    let k = kind(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
    #expect(k == .http(status: 502, type: nil, message: "HTTP 502 (non-JSON body)"))
  }

  @Test func emptyBodySaysSo() {
    #expect(kind(503, "") == .http(status: 503, type: nil, message: "HTTP 503 (empty body)"))
    #expect(kind(503, "  \n") == .http(status: 503, type: nil, message: "HTTP 503 (empty body)"))
  }

  @Test func plainTextIsAShortSanitisedExcerpt() {
    let text = "upstream\u{1B}[31m  failed\n\n" + String(repeating: "x", count: 1000)
    guard case .http(500, nil, let message) = kind(500, text) else {
      Issue.record("not decoded")
      return
    }
    #expect(message.hasPrefix("HTTP 500: upstream[31m failed x"))
    #expect(message.count < 200)
    #expect(!message.contains("\u{1B}") && !message.contains("\n"))
  }

  @Test func jsonThatIsNotTheAPIShapeFallsBack() {
    let k = kind(500, #"{"error":"boom"}"#)
    #expect(k == .http(status: 500, type: nil, message: #"HTTP 500: {"error":"boom"}"#))
  }

  @Test func errorDescriptionNamesRequestAndStatus() {
    let e = OpperAPIError(method: "GET", path: "/models/aliases/x", kind: kind(
      404, #"{"type":"NotFoundError","message":"The resource was not found"}"#))
    #expect(e.description == "GET /models/aliases/x: HTTP 404 NotFoundError: The resource was not found")
  }
}
