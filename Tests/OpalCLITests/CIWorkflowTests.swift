import Foundation
import OpalYAML
import Testing

/// The example CI workflows are not just prose: every `$OPAL …` step they run is run here, in
/// order, against the emulator (with its management API, so the routes are planned and applied
/// too), with the exit codes the workflow relies on.
@Suite struct CIWorkflowTests {
  static let config = """
    version: 1
    aliases:
      sonnet4:
        models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, gcp/claude-sonnet-4]
    routes:
      support:
        description: EU first
        models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, openai/gpt-4o]
        tests:
          - name: primary down
            overrides: {model_outcomes: {m1: fallback}}
            expect: {node: m2}

    """

  /// What the test passes for a workflow's own variables (`"$RELEASE_NOTE"`, `"$CI_COMMIT_SHORT_SHA"`).
  static let variableValue = "ci-release-note"

  /// Each `$OPAL …` command line of a workflow, split into arguments up to a redirection or pipe.
  static func opalSteps(_ file: String) throws -> [[String]] {
    let url = CLIHarness.repositoryRoot.appendingPathComponent(file)
    let bytes = try [UInt8](Data(contentsOf: url))
    let loaded = YAMLLoader.load(bytes: bytes, file: file)
    guard let root = loaded.root else { throw CancellationError() }
    var scripts: [String] = []
    // Walk in file order (jobs as written), so a plan step before the apply sees the change.
    func walk(_ node: YAMLNode) {
      if let pairs = node.mappingPairs {
        for pair in pairs {
          if ["run", "script"].contains(pair.key.scalarText) {
            if let text = pair.value.scalarText { scripts.append(text) }
            scripts += (pair.value.sequenceItems ?? []).compactMap(\.scalarText)
          } else {
            walk(pair.value)
          }
        }
      }
      node.sequenceItems?.forEach(walk)
    }
    walk(root)
    return scripts.flatMap { $0.split(separator: "\n") }.compactMap { line in
      let words = line.split(separator: " ").map(String.init)
      guard let start = words.firstIndex(of: "$OPAL") else { return nil }
      return Array(
        words[(start + 1)...].prefix { !["|", ">", "2>", ">>"].contains($0) && !$0.hasPrefix("#") })
    }
  }

  @Test(arguments: ["examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"])
  func everyOpalStepRunsAgainstTheEmulator(workflow: String) async throws {
    let steps = try Self.opalSteps(workflow)
    #expect(steps.count >= 5, "\(workflow) lost its opal steps")
    // The management key is a CI secret, under the name opal reads.
    let text = try String(
      contentsOf: CLIHarness.repositoryRoot.appendingPathComponent(workflow), encoding: .utf8)
    #expect(text.contains("OPPER_MANAGEMENT_KEY"), "\(workflow) does not pass the management key")
    if workflow.contains("github") {
      #expect(text.contains("OPPER_MANAGEMENT_KEY: ${{ secrets.OPPER_MANAGEMENT_KEY }}"))
    }
    try await RouteFixture.with { emu in
      let config = try emu.write(Self.config)
      var sawApply = false
      for step in steps {
        let command = step.first ?? ""
        var args = step.map { arg -> String in
          // Files the workflow writes go to the test's folder; $CONFIG is the test's config.
          if arg == "$CONFIG" { return config }
          if arg.hasPrefix("$") || arg.hasPrefix("\"$") { return Self.variableValue }
          return arg.hasSuffix(".json") || arg.hasSuffix(".xml")
            ? emu.directory.appendingPathComponent(arg).path : arg
        }
        // A step must say which config it reads (`-f $CONFIG`), or apply a saved plan, which
        // holds its own: a workflow that triggers on a folder and plans `opal.yaml` is wrong.
        let readsConfig =
          args.contains("-f") || (command == "apply" && args.contains { $0.hasSuffix(".json") })
        #expect(
          readsConfig || command == "export",
          "\(workflow): `opal \(step.joined(separator: " "))` names no config")
        if !readsConfig && command != "export" { args += ["-f", config] }
        let r = await emu.run(args)
        // Before the apply, plan --detailed-exitcode reports the pending change with 2; after it, 0.
        let expected: Int32 = step.contains("--detailed-exitcode") && !sawApply ? 2 : 0
        #expect(r.exitCode == expected, "\(workflow): opal \(step.joined(separator: " ")): \(r.all)")
        if command == "apply" { sawApply = true }
      }
      #expect(sawApply)
      let export = await emu.run(["export"])
      #expect(export.stdout.contains("sonnet4:"), "\(export.all)")
      // The route was applied once, by the apply step, with the workflow's release note.
      let versions = try await emu.routes.versions(name: "support")
      #expect(versions.map(\.versionNumber) == [1], "\(workflow)")
      #expect(versions.first?.note == Self.variableValue, "\(workflow)")
    }
  }
}
