import Crypto
import OpalCore
import OpperAPI

/// Carries out a plan's route half (SPEC §13), up to `parallelism` routes at a time (each route's
/// steps in order), creates and updates first, deletes after them: write the draft
/// (create with `deploy: false`, or `PUT …/draft` after checking the draft revision is still
/// the plan's), stop that route on validation errors (diagnostics at its config line), run its
/// tests with simulate against the draft (stop on a failure), then deploy **guarded** with the
/// plan's uuid and active version, the revision just written, and an idempotency key derived
/// from the plan's fingerprint and the route, so a stale plan is refused (409) and a retried
/// deploy is a replay, never a second version. One route's failure does not stop the others.
///
/// A route that failed on a transient error (5XX, 429 or a dropped connection, after the
/// client's own retries) is carried out again, at most `extraPasses` more times: its draft,
/// when an earlier attempt of this apply already wrote it, is recognised by its content, and its
/// deploy reuses the same idempotency key, so a repeat never makes a second version.
public struct RouteApplier: Sendable {
  /// How many more times a route that failed transiently is tried.
  static let extraPasses = 2
  /// How many times a create that certainly did not land (not found by name) is sent.
  static let createAttempts = 3

  let api: any DynamicRoutesAPI
  /// `--draft-only`: stage drafts, deploy nothing.
  let draftOnly: Bool
  /// The release note of each new version (default: the plan fingerprint).
  let note: String?
  /// Routes in flight at once (`--parallelism`).
  let parallelism: Int

  public init(
    api: any DynamicRoutesAPI, draftOnly: Bool = false, note: String? = nil, parallelism: Int = 8
  ) {
    self.api = api
    self.draftOnly = draftOnly
    self.note = note
    self.parallelism = max(1, parallelism)
  }

  /// The idempotency key of `route`'s deploy under the plan `fingerprint`: the same plan
  /// applied again sends the same key.
  public static func idempotencyKey(fingerprint: String, route: String) -> String {
    var hasher = SHA256()
    var text = "opal-route-deploy\n\(fingerprint)\n\(route)"
    text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    return "opal-" + String(hex.prefix(40))
  }

  /// The results in plan order (creates, updates, deletes); a route not started because the
  /// apply was cancelled is `notStarted`.
  public func apply(
    _ plan: RoutePlan, fingerprint: String, diagnostics: some DiagnosticCollector
  ) async -> [RouteApplyResult] {
    let writes = await applyAll(
      plan.changes(.create) + plan.changes(.update), fingerprint: fingerprint, diagnostics: diagnostics)
    let deletes = await applyAll(plan.changes(.delete), fingerprint: fingerprint, diagnostics: diagnostics)
    return writes + deletes
  }

  /// One phase through a sliding window of at most `parallelism` routes.
  private func applyAll(
    _ changes: [RouteChange], fingerprint: String, diagnostics: some DiagnosticCollector
  ) async -> [RouteApplyResult] {
    let slots = await BoundedConcurrency.mapUnlessCancelled(changes, width: parallelism) { change in
      // A route that failed on a transient error (5XX, 429, a dropped connection) is tried
      // again, at most `extraPasses` times: its draft is recognised and its deploy keeps its key.
      var attempt = await apply(change, fingerprint: fingerprint, diagnostics: diagnostics)
      var pass = 0
      while attempt.transient, pass < Self.extraPasses, !Task.isCancelled {
        pass += 1
        attempt = await apply(change, fingerprint: fingerprint, diagnostics: diagnostics)
      }
      return attempt.result
    }
    return changes.indices.map { index in
      slots[index]
        ?? RouteApplyResult(name: changes[index].name, action: changes[index].action, outcome: .notStarted)
    }
  }

  private func apply(
    _ change: RouteChange, fingerprint: String, diagnostics: some DiagnosticCollector
  ) async -> (result: RouteApplyResult, transient: Bool) {
    func result(_ outcome: RouteApplyResult.Outcome, _ message: String? = nil) -> RouteApplyResult {
      RouteApplyResult(name: change.name, action: change.action, outcome: outcome, message: message)
    }
    do throws(OpperAPIError) {
      let done = try await carryOut(change, fingerprint: fingerprint, diagnostics: diagnostics, result)
      return (done, false)
    } catch {
      return (result(.failed, "\(error)"), error.isTransient)
    }
  }

  private func carryOut(
    _ change: RouteChange, fingerprint: String, diagnostics: some DiagnosticCollector,
    _ result: (RouteApplyResult.Outcome, String?) -> RouteApplyResult
  ) async throws(OpperAPIError) -> RouteApplyResult {
    do {
      if change.action == .delete {
        do throws(OpperAPIError) {
          try await api.deleteRoute(name: change.name)
        } catch  where error.status == 404 {}  // gone already (or a retried delete that landed)
        return result(.deleted, nil)
      }
      guard let content = change.after else {
        return result(.failed, "the plan holds no content for this route")
      }
      let written: RouteDetailAnswer
      switch try await writeDraft(change, content) {
      case .written(let answer): written = answer
      case .stale(let why): return result(.stalePlan, why)
      }
      let errors = written.issues.filter(\.isError)
      for issue in written.issues {
        let where_ = [issue.node.map { "node '\($0)'" }, issue.field].compactMap { $0 }.joined(
          separator: ", ")
        let text =
          "route '\(change.name)': \(issue.message)\(where_.isEmpty ? "" : " (\(where_))") [\(issue.code)]"
        diagnostics.emit(
          issue.isError
            ? .error(
              text, at: content.location, keyPath: ConfigKeyPath.root.child("routes").child(change.name))
            : .warning(
              text, at: content.location, keyPath: ConfigKeyPath.root.child("routes").child(change.name)))
      }
      if !errors.isEmpty {
        return result(
          .invalidDraft,
          "the server found \(errors.count) validation error\(errors.count == 1 ? "" : "s") in the draft")
      }
      if let failure = try await runTests(change.name, content, diagnostics: diagnostics) {
        return result(.testFailed, failure)
      }
      if draftOnly {
        var staged = result(.staged, nil)
        staged.draftRevision = written.detail.draftRevision
        return staged
      }
      let body = RouteDeployment(
        expectedRouteUUID: change.before.map { RouteUUID($0.uuid) } ?? written.detail.route.uuid,
        expectedDraftRevision: written.detail.draftRevision,
        expectedActiveVersionNumber: change.before?.activeVersionNumber ?? 0,
        idempotencyKey: Self.idempotencyKey(fingerprint: fingerprint, route: change.name),
        note: note ?? "opal plan \(fingerprint.prefix(12))")
      do throws(OpperAPIError) {
        let deployed = try await api.deploy(name: change.name, body)
        var done = result(.deployed, nil)
        done.version = deployed.meta.deployedVersion?.versionNumber ?? deployed.detail.activeVersionNumber
        done.replayed = deployed.meta.idempotencyReplayed ?? false
        done.draftRevision = deployed.detail.draftRevision
        return done
      } catch  where error.status == 409 {
        return result(
          .stalePlan,
          "stale plan: the route changed on the server since the plan (\(error.description)); run plan again")
      }
    }
  }

  private enum DraftWrite {
    case written(RouteDetailAnswer)
    case stale(String)
  }

  /// Creates the route as a draft, or replaces the draft after checking it is still the one the
  /// plan saw. A create that may have landed is resolved by reading the route by name.
  private func writeDraft(_ change: RouteChange, _ content: RouteContent) async throws(OpperAPIError)
    -> DraftWrite
  {
    guard let before = change.before else { return try await createDraft(change, content) }
    guard let current = try await api.route(named: change.name) else {
      return .stale("stale plan: the route was deleted since the plan")
    }
    if current.detail.route.uuid != RouteUUID(before.uuid) {
      return .stale("stale plan: the route was deleted and re-created since the plan (new uuid)")
    }
    if current.detail.draftRevision != before.draftRevision {
      // An earlier attempt of this apply wrote this very draft (its answer was lost): go on
      // from it. Any other draft moved behind the plan's back.
      if Self.holds(current, content) { return .written(current) }
      return .stale(
        "stale plan: the draft moved from revision \(before.draftRevision) to \(current.detail.draftRevision) since the plan"
      )
    }
    let updated = try await api.updateDraft(
      name: change.name, RouteDraftUpdate(graph: content.graph, description: content.description ?? ""))
    return .written(updated)
  }

  /// Creates the route as a draft. A create that may have landed is resolved by reading the
  /// route by name: found with this content, it is the one this apply made; not found, it did
  /// not land and is sent again (at most `createAttempts` times in all).
  private func createDraft(_ change: RouteChange, _ content: RouteContent) async throws(OpperAPIError)
    -> DraftWrite
  {
    var attempt = 1
    while true {
      do throws(OpperAPIError) {
        let created = try await api.createRoute(
          RouteCreate(
            name: change.name, graph: content.graph, description: content.description, deploy: false))
        return .written(created)
      } catch  where error.mayHaveLanded || error.status == 409 {
        if let found = try await api.route(named: change.name) {
          // Even when already deployed (this apply's deploy landed, its answer lost): the deploy
          // with the same key is then a replay; anyone else's version makes it a 409, stale.
          if Self.holds(found, content) { return .written(found) }
          if error.status == 409 {
            return .stale("stale plan: a route named '\(change.name)' was created since the plan")
          }
          throw error
        }
        guard error.status != 409, attempt < Self.createAttempts else { throw error }
        attempt += 1
      }
    }
  }

  /// Whether a route's draft already holds `content` (graph and description; "" ≡ none).
  static func holds(_ route: RouteDetailAnswer, _ content: RouteContent) -> Bool {
    route.detail.draft?.graph == content.graph
      && (route.detail.route.description ?? "") == (content.description ?? "")
  }

  /// Runs the route's tests with simulate against the draft; the first failure's message, or nil.
  private func runTests(
    _ name: String, _ content: RouteContent, diagnostics: some DiagnosticCollector
  ) async throws(OpperAPIError) -> String? {
    for (index, test) in content.tests.enumerated() {
      let simulation = try await api.simulate(
        name: name, RouteSimulationRequest(input: test.input, overrides: test.overrides))
      let label = test.name.map { "'\($0)'" } ?? "#\(index + 1)"
      let path = simulation.path.map(\.nodeId)
      var problem: String?
      if let node = test.expectNode, simulation.answeredBy != node {
        problem =
          "expected node '\(node)' to answer, got \(simulation.answeredBy.map { "'\($0)'" } ?? "no answer") (path \(path.joined(separator: " → ")))"
      } else if let expected = test.expectPath, path != expected {
        problem = "expected path \(expected.joined(separator: " → ")), got \(path.joined(separator: " → "))"
      }
      if let problem {
        let message = "route '\(name)': test \(label) failed: \(problem); not deployed"
        diagnostics.emit(
          .error(
            message, at: content.location,
            keyPath: ConfigKeyPath.root.child("routes").child(name).child("tests").index(index)))
        return message
      }
    }
    return nil
  }
}
