import Foundation
import OpperAPI
import OpperEmulator

/// The fault soak of issue 7: cycles of mutate the config → `opal apply` (again, while it exits
/// 1, up to `maxRunsPerCycle`) under random seeded faults on the alias endpoints → clear the
/// faults → verify the remote equals the file exactly, with no duplicates, nothing outside the
/// scope touched, and an empty plan.
struct SoakRunner {
  var seed: UInt64
  /// Stop after this many cycles, or when `seconds` have passed, whichever comes first.
  var maxCycles: Int
  var seconds: Double
  var initialAliases = 8
  var maxRunsPerCycle = 3

  /// Aliases the soak never declares: out of scope, or in scope but protected.
  static let bystanders: [AliasCreate] = [
    AliasCreate(name: "keep/alpha", fallbackModels: ["openai/gpt-4o"], description: "other team"),
    AliasCreate(name: "keep/beta", fallbackModels: ["openai/gpt-4o-mini", "openai/gpt-4o"]),
    AliasCreate(
      name: "soakx", fallbackModels: ["gcp/gemini-2.5-flash"], description: "looks close, is not in scope"),
    AliasCreate(
      name: "soak/protected-1", fallbackModels: ["anthropic/claude-sonnet-4"], description: "protected"),
  ]

  /// The endpoint faults of one cycle; `intensity` scales every rate (0.5...1.5).
  static func faults(seed: UInt64, intensity: Double) -> FaultPlan {
    func r(_ rate: Double) -> Double { min(1, rate * intensity) }
    let mutating: [Fault] = [
      Fault(rate: r(0.10), latencyMs: 300),
      Fault(status: 429, rate: r(0.08), retryAfterS: 0.2),
      Fault(status: 500, rate: r(0.05)),
      Fault(status: 503, rate: r(0.05)),
      Fault(rate: r(0.05), drop: true),
      Fault(rate: r(0.08), loseResponse: true),
    ]
    return FaultPlan(
      seed: seed,
      endpoints: [
        "POST /models/aliases": FaultList(mutating),
        "PATCH /models/aliases/*": FaultList(mutating),
        "DELETE /models/aliases/*": FaultList(mutating),
        "GET /models/aliases": FaultList([
          Fault(rate: r(0.1), latencyMs: 200), Fault(status: 502, rate: r(0.1)),
          Fault(rate: r(0.05), drop: true),
        ]),
        "GET /models/aliases/by-name/*": FaultList([
          Fault(status: 500, rate: r(0.1)), Fault(status: 429, rate: r(0.05), retryAfterS: 0.1),
        ]),
      ])
  }

  /// Runs the soak; failures are collected (the first failing cycle ends the run).
  func run(on emu: EmulatorFixture, log: (String) -> Void = { _ in }) async throws -> SoakFigures {
    var figures = SoakFigures(seed: seed)
    let bystanders = try await emu.withClient { client in
      var made: [Alias] = []
      for body in Self.bystanders { made.append(try await client.createAlias(body)) }
      return made
    }
    var model = SoakConfigModel(seed: seed, initialCount: initialAliases)
    var random = SoakRandom(seed: seed ^ 0x5EED)
    let path = try emu.write(model.yaml)
    let started = Date()
    var first = true
    while figures.cycles < maxCycles, Date().timeIntervalSince(started) < seconds {
      if !first { figures.mutations.append(model.mutate().description) }
      first = false
      try model.yaml.write(toFile: path, atomically: true, encoding: .utf8)
      let cycle = figures.cycles + 1
      await emu.server.setFaults(
        Self.faults(seed: random.next(), intensity: 0.5 + Double(random.int(in: 0...10)) / 10))
      await emu.server.resetRequestCounts()
      var runs = 0
      var converged = false
      while runs < maxRunsPerCycle, !converged {
        runs += 1
        let r = await emu.run([
          "apply", "-f", path, "--auto-approve", "--format", "json", "--parallelism", "4", "--timeout", "5",
        ])
        figures.record(run: r, first: runs == 1)
        converged = r.exitCode == 0
        if r.exitCode != 0 && r.exitCode != 1 {
          figures.failures.append("cycle \(cycle): apply exited \(r.exitCode): \(r.all.prefix(2000))")
        }
      }
      figures.record(faults: await emu.server.faultCounts(), requests: await emu.server.requestCounts())
      await emu.server.setFaults(FaultPlan())
      figures.cycles += 1
      figures.runsPerCycle[runs, default: 0] += 1
      if !converged {
        figures.failures.append("cycle \(cycle): still failing after \(runs) apply runs")
      }
      let problems = try await verify(emu, model: model, bystanders: bystanders, path: path)
      figures.failures += problems.map { "cycle \(cycle): \($0)" }
      log(
        "cycle \(cycle): \(runs) apply run(s), \(model.aliases.count) aliases, \(problems.count) problem(s)")
      if !figures.failures.isEmpty {
        figures.failures.append("config of the failing cycle:\n\(model.yaml)")
        break
      }
    }
    figures.seconds = Date().timeIntervalSince(started)
    return figures
  }

  /// What is wrong with the remote after a cycle (empty when it matches the file exactly).
  func verify(
    _ emu: EmulatorFixture, model: SoakConfigModel, bystanders: [Alias], path: String
  ) async throws -> [String] {
    var problems: [String] = []
    let remote = try await emu.withClient { try await $0.listAliases() }
    let duplicates = Dictionary(grouping: remote, by: \.name).filter { $0.value.count > 1 }.keys
    if !duplicates.isEmpty { problems.append("duplicate names: \(duplicates.sorted())") }
    let bystanderIDs = Set(bystanders.map(\.id))
    for alias in bystanders where !remote.contains(alias) {
      let now = remote.first { $0.id == alias.id }
      problems.append("bystander \(alias.name) was touched: now \(now.map { "\($0)" } ?? "deleted")")
    }
    var owned: [String: SoakConfigModel.Entry] = [:]
    for alias in remote where !bystanderIDs.contains(alias.id) {
      owned[alias.name] = SoakConfigModel.Entry(models: alias.fallbackModels, description: alias.description)
    }
    // An empty description means none (AliasContent): the API stores it as null.
    let want = model.aliases.mapValues { entry in
      SoakConfigModel.Entry(
        models: entry.models, description: entry.description == "" ? nil : entry.description)
    }
    for name in Set(want.keys).union(owned.keys).sorted() where want[name] != owned[name] {
      let w = want[name].map { "\($0.models) \($0.description.debugDescription)" } ?? "absent"
      let h = owned[name].map { "\($0.models) \($0.description.debugDescription)" } ?? "absent"
      problems.append("\(name): file says \(w), remote has \(h)")
    }
    let plan = await emu.run(["plan", "-f", path, "--detailed-exitcode", "--no-color"])
    if plan.exitCode != 0 {
      problems.append("plan after apply is not empty (exit \(plan.exitCode)):\n\(plan.all)")
    }
    return problems
  }
}

/// What a soak did and found.
struct SoakFigures: CustomStringConvertible {
  var seed: UInt64
  var cycles = 0
  var seconds = 0.0
  var applyRuns = 0
  /// Apply runs a cycle needed → how many cycles needed that many.
  var runsPerCycle: [Int: Int] = [:]
  /// Changes by action, as planned by each cycle's first apply.
  var changes: [String: Int] = [:]
  /// Changes that failed in some run (and were completed by a later one).
  var failedChanges = 0
  /// Why they failed (the apply report's messages).
  var failedChangeMessages: [String] = []
  /// Changes sent (succeeded or failed, not skipped or not started), over every run.
  var changesSent = 0
  var faults: [String: Int] = [:]
  var requests = 0
  var mutatingRequests = 0
  var readBacks = 0
  var listReads = 0
  var mutations: [String] = []
  var failures: [String] = []

  var totalChanges: Int { changes.values.reduce(0, +) }
  var totalFaults: Int { faults.values.reduce(0, +) }
  /// Mutating requests beyond one per change sent: retries and re-sends after ambiguous creates.
  var resends: Int { mutatingRequests - changesSent }

  mutating func record(run: CLIHarness.Result, first: Bool) {
    applyRuns += 1
    guard let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
      let results = object["results"] as? [[String: Any]]
    else {
      if run.exitCode != 0 { failedChangeMessages.append("apply failed before applying: \(run.stderr)") }
      return
    }
    for result in results {
      let status = (result["outcome"] as? [String: Any])?["status"] as? String
      if status == "succeeded" || status == "failed" { changesSent += 1 }
      if status == "failed" {
        failedChanges += 1
        let message = (result["outcome"] as? [String: Any])?["message"] as? String ?? "?"
        failedChangeMessages.append(message)
      }
      if first, let action = (result["change"] as? [String: Any])?["action"] as? String {
        changes[action, default: 0] += 1
      }
    }
  }

  mutating func record(faults fired: [String: Int], requests counts: [String: Int]) {
    faults.merge(fired, uniquingKeysWith: +)
    for (key, count) in counts where key.contains(" /v2/models/aliases") {
      requests += count
      if key.hasPrefix("GET /v2/models/aliases/by-name/") {
        readBacks += count
      } else if key == "GET /v2/models/aliases" {
        listReads += count
      } else if !key.hasPrefix("GET ") {
        mutatingRequests += count
      }
    }
  }

  var description: String {
    let actions = changes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    let faultList = faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    let runs = runsPerCycle.sorted { $0.key < $1.key }.map { "\($0.key) run(s): \($0.value)" }
      .joined(separator: ", ")
    return """
      fault soak: seed \(seed), \(cycles) cycles in \(String(format: "%.1f", seconds)) s
        changes applied: \(totalChanges) (\(actions))
        apply runs: \(applyRuns) (cycles needing \(runs)); \
      changes failed in a run and redone: \(failedChanges)
        alias-endpoint requests: \(requests) (\(mutatingRequests) mutating, \(listReads) list reads, \
      \(readBacks) read-backs by name)
        faults injected: \(totalFaults) (\(faultList))
        retries and re-sends of mutating requests: \(resends)
        problems: \(failures.isEmpty ? "none" : "\(failures.count)")
      """ + failedChangeMessages.map { "\n    failed once: \($0)" }.joined()
  }
}
