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

  /// A route detail as the emulator serves it, with a uuid as bytes and a number written `1.0`.
  static let detail = #"""
    {"meta":{"total_count":1},"data":{"version_count":1,"latest_version_number":1,
     "draft":{"validation":[],"revision":1,"layout":{},"graph":{"elements":[
       {"type":"start","outputs":{"next":{"elementId":"m1"}},"id":"START"},
       {"properties":{"model":"openai/gpt-4o-mini","weight":1.0},"type":"model",
        "outputs":{"fallback":{"elementId":"END"},"success":{"elementId":"END"}},"id":"m1"},
       {"type":"end","outputs":{},"id":"END"}]}},
     "route":{"created_at":"2026-11-01T00:00:00Z","name":"route-1","uuid":[10,11,12,13,0,0,0,0,0,0,0,0,0,0,0,1],
      "invocation_model":"dynamic/route-1","draft_revision":1,"updated_at":"2026-11-01T00:00:00Z"},
     "active_version":{"note":"seed","uuid":"4cf9e0e3-99ad-5532-a3e3-d4340866551d","version_number":1}}}
    """#

  /// The client decodes management answers with `JSONTreeDecoder`: the same values as
  /// `JSONDecoder`, and the same path in a broken answer's message.
  @Test func managementAnswersDecodeAlikeThroughTheTree() throws {
    let bytes = Array(Self.detail.utf8)
    let expected = try JSONDecoder().decode(ManagementEnvelope<RouteDetail>.self, from: Data(bytes))
    let tree = try JSONTreeDecoder.decode(ManagementEnvelope<RouteDetail>.self, from: bytes)
    #expect(tree.data == expected.data)
    #expect(tree.meta == expected.meta)
    #expect(tree.data.route.uuid.value == "0a0b0c0d-0000-0000-0000-000000000001")
    let broken = Array(Self.detail.replacingOccurrences(of: #""name":"route-1","#, with: "").utf8)
    let error = #expect(throws: DecodingError.self) {
      try JSONTreeDecoder.decode(ManagementEnvelope<RouteDetail>.self, from: broken)
    }
    guard case .keyNotFound(let key, let context) = error else {
      Issue.record("\(String(describing: error))"); return
    }
    #expect((context.codingPath + [key]).map(\.stringValue) == ["data", "route", "name"])
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
