import OpalConfig
import OpalCore
import OpalReconcile
import OpalSmoke
import OpperAPI

/// `apply --verify` wired up: the desired state with its smoke cases (the config the plan was
/// made from, read again quietly: its findings were already reported; else the content a
/// saved plan carries), a `SmokeVerifier` on the run's client, and the library's `VerifiedApply`.
struct VerifyStage {
  var io: CommandOutput
  var apply: ApplyOptions
  /// The config the plan was made from (with its smoke cases), read once.
  let desired: DesiredState
  /// One verifier for the whole run, so `--budget-usd` holds across its batches.
  let verifier: SmokeVerifier

  init(io: CommandOutput, smoke: SmokeOptions, apply: ApplyOptions, plan: Plan, client: OpperClient) {
    self.io = io
    self.apply = apply
    desired = Self.desiredState(plan)
    verifier = SmokeVerifier(client: client, desired: desired, options: smoke)
  }

  /// Checks for each alias change as it lands, beside the apply (`EarlyVerification`); nil when
  /// the plan changes no alias that would be smoked (only deletes, routes or custom models), so
  /// `run` checks everything at the end and says so.
  func early(for plan: Plan) -> EarlyVerification? {
    guard plan.changes.contains(where: { $0.action != .delete }) else { return nil }
    io.note("verify: smoking each changed alias as it lands, then the routes…")
    return EarlyVerification(verifier: verifier)
  }

  /// Checks what `early` did not, and rolls the whole apply back if anything failed.
  func run(
    _ report: ApplyReport, plan: Plan, snapshot: Snapshot, client: OpperClient, routes: DynamicRoutesClient?,
    early: EarlyVerification? = nil
  ) async -> VerificationReport {
    if early == nil { io.note("verify: smoking what this apply changed…") }
    // A custom model this apply deleted is created again with the key the config declares.
    var keyReader = RollbackKeyReader(io: io)
    let keys = keyReader.keys(for: snapshot, desired: desired)
    let keyClient = CustomModelStage.keyClient(beside: client, keys: keys.values)
    let verified = VerifiedApply(
      verifier: verifier, aliases: client, routes: routes, customModels: keyClient, keys: keys,
      options: apply,
      note: "opal apply --verify: rolled back (plan \(plan.fingerprint.short))")
    // Ctrl-C stops the smoke and any rollback from starting new calls or changes; the report
    // then says what was not checked or not rolled back.
    let running = Task { await verified.verify(report, snapshot: snapshot, early: early) }
    InterruptSignal.current?.onInterrupt { running.cancel() }
    let verification = await running.value
    await keyClient.shutdown()
    for entry in verification.entries
    where entry.target.kind == .customModel && entry.status == .rolledBack
      && entry.message?.contains("created again without a key") == true
    {
      io.diagnostics.emit(
        .warning(
          "custom model \(entry.target.name) was created again without its key "
            + "(\(keyReader.missing[entry.target.name] ?? "no key at hand"))",
          hint: "send its key with `opal apply --rotate-keys \(ShellWord.quoted(entry.target.name))`"))
    }
    return verification
  }

  private static func desiredState(_ plan: Plan) -> DesiredState {
    if !plan.configPaths.isEmpty,
      let loaded = ConfigLoader().load(paths: plan.configPaths, into: DiagnosticList())
    {
      return loaded
    }
    return (try? plan.desired?.state(files: plan.configPaths)) ?? DesiredState()
  }
}
