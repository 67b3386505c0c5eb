import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The fingerprint is streamed alias by alias; it must hash exactly the canonical JSON documents
/// `canonicalDesired` / `canonicalRemote` describe, or plan files and --expect-fingerprint break.
@Suite struct FingerprintStreamTests {
  @Test(arguments: [0, 1, 3])
  func streamedHashesEqualTheCanonicalDocuments(count: Int) throws {
    var specs: [AliasSpec] = []
    for i in 0..<count {
      specs.append(
        AliasSpec(
          name: "z\(count - i)/\"quoted\" é", description: i % 2 == 0 ? "d\(i)\n" : nil,
          models: ["openai/gpt-4o", "m\(i)"], renamedFrom: i == 1 ? ["old"] : []))
    }
    let state = DesiredState(
      scope: Scope(include: try GlobSet(patterns: ["z*"]), protect: try GlobSet(patterns: ["z1*"])),
      prune: count % 2 == 1, aliases: specs)
    let remote = (0..<count).map { i in
      Alias(id: "id-\(count - i)", name: "z\(i)", fallbackModels: ["a/b"], description: i == 0 ? "x" : nil)
    }
    let streamed = Fingerprint(desired: state, remote: remote)
    #expect(streamed.desired == Fingerprint.sha256Hex(Fingerprint.canonicalDesired(state).canonicalJSON))
    #expect(streamed.remote == Fingerprint.sha256Hex(Fingerprint.canonicalRemote(remote).canonicalJSON))
  }

  @Test func knownDigest() {
    #expect(Fingerprint.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
