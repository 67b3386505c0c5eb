import Foundation
import OpalCore
import Testing

@testable import OpperAPI

/// The tolerant decoding of opper-routes-api.md §1: uuids as strings or byte arrays, `error`
/// as a string or an object, the 403 gate body, and the base-URL roots.
@Suite struct RouteWireDecodingTests {
  @Test func aUUIDDecodesFromAStringOrSixteenBytes() throws {
    let text = try JSONDecoder().decode(
      RouteUUID.self, from: Data(#""0A0B0C0D-0000-0000-0000-000000000001""#.utf8))
    #expect(text.value == "0a0b0c0d-0000-0000-0000-000000000001")
    let bytes = try JSONDecoder().decode(
      RouteUUID.self, from: Data("[10,11,12,13,0,0,0,0,0,0,0,0,0,0,0,1]".utf8))
    #expect(bytes == text)
    #expect(throws: (any Error).self) { try JSONDecoder().decode(RouteUUID.self, from: Data("[1,2]".utf8)) }
    let encoded = String(decoding: try JSONEncoder().encode(bytes), as: UTF8.self)
    #expect(encoded == #""0a0b0c0d-0000-0000-0000-000000000001""#)
  }

  @Test func errorBodiesAsStringObjectAndGate() {
    let bare = APIErrorDecoding.kind(
      status: 404, body: Array(#"{"error": "route not found"}"#.utf8), management: true)
    #expect(bare == .http(status: 404, type: nil, message: "route not found"))
    let envelope = APIErrorDecoding.kind(
      status: 409,
      body: Array(#"{"error": {"code": "conflict", "message": "stale", "details": null}, "meta": {}}"#.utf8),
      management: true)
    #expect(envelope == .http(status: 409, type: "conflict", message: "stale"))
    let gate = APIErrorDecoding.kind(
      status: 403,
      body: Array(
        #"{"error": "forbidden", "current_plan": "free", "allowed_plans": ["team", "enterprise"]}"#.utf8),
      management: true)
    guard case .http(_, _, let message) = gate else { Issue.record("not http"); return }
    #expect(message.contains("'free'"))
    #expect(message.contains("team, enterprise"))
    // The v2 body still decodes as before.
    let v2 = APIErrorDecoding.kind(
      status: 400, body: Array(#"{"type": "BadRequestError", "message": "bad"}"#.utf8))
    #expect(v2 == .http(status: 400, type: "BadRequestError", message: "bad"))
    // On /v2 a management-shaped body stays an excerpt.
    let plain = APIErrorDecoding.kind(status: 500, body: Array(#"{"error": "boom"}"#.utf8))
    #expect(plain != .http(status: 500, type: nil, message: "boom"))
  }

  @Test func theBaseURLNamesTheHost() {
    #expect(APIRoot.management(of: "https://api.opper.ai") == "https://api.opper.ai/management/v1")
    #expect(APIRoot.management(of: "https://api.opper.ai/v2") == "https://api.opper.ai/management/v1")
    #expect(APIRoot.management(of: "https://api.opper.ai/v2/") == "https://api.opper.ai/management/v1")
    #expect(APIRoot.v2(of: "https://api.opper.ai") == "https://api.opper.ai/v2")
    #expect(APIRoot.v2(of: "http://127.0.0.1:8080/v2") == "http://127.0.0.1:8080/v2")
  }

  @Test func aDetailWithMissingOptionalFieldsDecodes() throws {
    let json =
      #"{"data": {"route": {"uuid": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,7], "name": "r"}}, "meta": {"deployed_version": 3}}"#
    let answer = try JSONDecoder().decode(ManagementEnvelope<RouteDetail>.self, from: Data(json.utf8))
    #expect(answer.data.activeVersionNumber == 0)
    #expect(answer.data.draftRevision == 0)
    #expect(answer.meta.deployedVersion?.versionNumber == 3)
  }
}
