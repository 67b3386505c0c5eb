import OpalConfig
import OpalCore
import OpperAPI

/// Carries out the custom-model half of a plan (SPEC §15), one model at a time (they are few):
/// `writes` (creates, updates, rotations) before the aliases that may name them, `deletes`
/// after the aliases and routes stop naming them. A key is sent only in the body of a create
/// or of a rotation's PATCH, from `keys`; it is never in a result, a message or a log. A create
/// that may have landed (or answers 409) is resolved by reading the model by name and, when it
/// exists, one PATCH to the desired content with the key: never a duplicate, never a model
/// left with a key other than the declared one.
public struct CustomModelApplier: Sendable {
  let api: any CustomModelAPI
  /// The key of each model whose change sends one, by name.
  let keys: [String: SecretValue]

  public init(api: any CustomModelAPI, keys: [String: SecretValue]) {
    self.api = api
    self.keys = keys
  }

  /// Creates, updates and rotations, in plan order; after a cancellation nothing new starts.
  public func applyWrites(_ plan: CustomModelPlan) async -> [CustomModelApplyResult] {
    await run(plan.writes)
  }

  /// Deletes, in plan order (a 404 is success: already gone).
  public func applyDeletes(_ plan: CustomModelPlan) async -> [CustomModelApplyResult] {
    await run(plan.deletes)
  }

  /// The changes as not started (an apply stopped before them).
  public static func notStarted(_ changes: [CustomModelChange]) -> [CustomModelApplyResult] {
    changes.map { CustomModelApplyResult(name: $0.name, action: $0.action, outcome: .notStarted) }
  }

  private func run(_ changes: [CustomModelChange]) async -> [CustomModelApplyResult] {
    var results: [CustomModelApplyResult] = []
    for change in changes {
      if Task.isCancelled {
        results.append(CustomModelApplyResult(name: change.name, action: change.action, outcome: .notStarted))
        continue
      }
      let outcome = await execute(change)
      results.append(
        CustomModelApplyResult(
          name: change.name, action: change.action, outcome: outcome,
          keySent: change.sendsKey && outcome.isSuccess))
    }
    return results
  }

  private func execute(_ change: CustomModelChange) async -> ChangeOutcome {
    let key = keys[change.name]
    if change.sendsKey && key == nil {
      return .failed(message: "the key of \(change.name) was not read", hint: "run `opal plan` to see why")
    }
    switch change.action {
    case .create: return await create(change, key: key)
    case .update, .rotateKey: return await patch(change, key: key)
    case .delete: return await delete(change)
    }
  }

  private func create(_ change: CustomModelChange, key: SecretValue?) async -> ChangeOutcome {
    guard let want = change.after else {
      return .failed(message: "internal: a create without content", hint: nil)
    }
    let body = CustomModelCreate(
      name: change.name, identifier: want.identifier, extra: want.extra, apiKey: key?.revealed)
    let error: OpperAPIError
    do {
      let created = try await api.createCustomModel(body)
      return Self.check(created, want, change.name, "create")
    } catch let e {
      error = e
    }
    guard error.status == 409 || error.mayHaveLanded else {
      return .failed(message: error.description, hint: Applier.hint(for: error))
    }
    let existing: CustomModel?
    do {
      existing = try await api.customModel(named: change.name)
    } catch let readError {
      return .failed(
        message: "\(error.description); reading \(change.name) back to check also failed: \(readError)",
        hint: "the custom model may or may not exist now: run `opal plan` to see, then apply again")
    }
    guard let existing else {
      return .failed(message: error.description, hint: "run `opal apply` again: it converges")
    }
    // It exists (this create landed, or someone else's): make it the declared one, key included.
    do {
      let fixed = try await api.updateCustomModel(
        id: existing.id,
        CustomModelUpdate(identifier: want.identifier, extra: want.extra, apiKey: key?.revealed))
      let outcome = Self.check(fixed, want, change.name, "update")
      guard outcome.isSuccess else { return outcome }
      return .succeeded(
        detail: error.status == 409
          ? "already existed; set to the declared content and key" : "the answer was lost; read back and set")
    } catch let patchError {
      return .failed(
        message: "\(change.name) already exists and updating it failed: \(patchError)",
        hint: Applier.hint(for: patchError))
    }
  }

  private func patch(_ change: CustomModelChange, key: SecretValue?) async -> ChangeOutcome {
    guard let id = change.id, let want = change.after else {
      return .failed(message: "internal: an update without a remote id", hint: nil)
    }
    var body = CustomModelUpdate(apiKey: key?.revealed)
    if change.before?.identifier != want.identifier { body.identifier = want.identifier }
    if change.before?.extra != want.extra { body.extra = want.extra }
    do {
      let updated = try await api.updateCustomModel(id: id, body)
      return Self.check(updated, want, change.name, "update")
    } catch {
      if error.status == 404 {
        return .failed(
          message: "\(change.name) no longer exists (\(error.description))", hint: Applier.replanHint)
      }
      return .failed(message: error.description, hint: Applier.hint(for: error))
    }
  }

  private func delete(_ change: CustomModelChange) async -> ChangeOutcome {
    guard let id = change.id else {
      return .failed(message: "internal: a delete without a remote id", hint: nil)
    }
    do {
      try await api.deleteCustomModel(id: id)
      return .succeeded(detail: nil)
    } catch {
      if error.status == 404 { return .succeeded(detail: "already gone") }
      return .failed(message: error.description, hint: Applier.hint(for: error))
    }
  }

  /// Success when the server's answer holds the declared content.
  private static func check(_ answer: CustomModel, _ want: CustomModelContent, _ name: String, _ what: String)
    -> ChangeOutcome
  {
    guard CustomModelContent(answer) != want else { return .succeeded(detail: nil) }
    return .failed(
      message:
        "the server answered the \(what) of \(name) with other content (identifier \(answer.identifier))",
      hint: "run `opal plan` to see what the custom model holds now")
  }
}
