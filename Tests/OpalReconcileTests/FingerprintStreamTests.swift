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

  /// The canonical bytes are written straight into the hasher: strings needing every escape,
  /// no `include`, and `--target` globs must hash as the canonical documents do.
  @Test(arguments: PlanDocumentWriterTests.awkward)
  func awkwardStringsHashAsTheCanonicalDocuments(text: String) throws {
    let specs = [
      AliasSpec(name: text, description: text, models: [text, "a/b"], renamedFrom: [text]),
      AliasSpec(name: "b\(text)", description: nil, models: [], renamedFrom: []),
    ]
    let state = DesiredState(
      scope: Scope(include: nil, exclude: try GlobSet(patterns: ["x*"]), protect: GlobSet([])),
      prune: true, aliases: specs)
    let remote = [Alias(id: text, name: text, fallbackModels: [text], description: text)]
    let targets = [text, "t*"]
    let streamed = Fingerprint(desired: state, remote: remote, targets: targets)
    guard case .object(var document) = Fingerprint.canonicalDesired(state) else {
      Issue.record("the canonical desired state is an object")
      return
    }
    document["targets"] = .array(targets.map(JSONValue.string))
    #expect(streamed.desired == Fingerprint.sha256Hex(JSONValue.object(document).canonicalJSON))
    #expect(streamed.remote == Fingerprint.sha256Hex(Fingerprint.canonicalRemote(remote).canonicalJSON))
  }

  /// A fingerprint computed before the canonical bytes were streamed, kept so a saved plan's
  /// fingerprint never silently changes meaning.
  @Test func aFingerprintFromBeforeStaysTheSame() throws {
    let state = DesiredState(
      scope: Scope(include: try GlobSet(patterns: ["team/*"]), protect: try GlobSet(patterns: ["team/keep"])),
      prune: true,
      aliases: [
        AliasSpec(
          name: "team/b", description: "Quoted \"x\"\n", models: ["openai/gpt-4o", "a/b"], renamedFrom: []),
        AliasSpec(name: "team/a", description: "", models: ["m"], renamedFrom: ["team/old"]),
      ])
    let remote = [
      Alias(id: "2", name: "team/b", fallbackModels: ["openai/gpt-4o"], description: "é"),
      Alias(id: "1", name: "team/a", fallbackModels: ["m"], description: nil),
    ]
    let f = Fingerprint(desired: state, remote: remote, targets: ["team/a"])
    #expect(f.desired == "7988c377a410e7e8d516e7e9482f96d0664c9b71ea7ae765ec161ca583b41843")
    #expect(f.remote == "c84dc72f4bc243783724dce7c70a1a6817bc03f2e6048ab5d650aba6e23757f0")
  }

  @Test func knownDigest() {
    #expect(
      Fingerprint.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
