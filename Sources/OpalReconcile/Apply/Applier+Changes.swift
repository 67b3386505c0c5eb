import OpalCore
import OpperAPI

extension Applier {
  static let replanHint = "the remote changed since the plan: run `opal plan` again"

  /// Create, resolving every ambiguous failure by reading the alias by name.
  func create(_ change: AliasChange) async -> ChangeOutcome {
    guard let body = change.createBody, let want = change.after else {
      return .failed(message: "internal: a create without content", hint: nil)
    }
    var attempt = 0
    while true {
      attempt += 1
      let error: OpperAPIError
      do {
        let created = try await api.createAlias(body)
        if let mismatch = Self.mismatch(AliasContent(created), want) {
          return .failed(
            message: "the server answered the create of \(change.name) with other content: \(mismatch)",
            hint: "run `opal plan` to see what the alias holds now")
        }
        return .succeeded(detail: attempt > 1 ? "created on attempt \(attempt)" : nil)
      } catch let e {
        error = e
      }
      let conflict = error.status == 409
      guard conflict || error.mayHaveLanded else {
        return .failed(message: error.description, hint: Self.hint(for: error))
      }
      let existing: Alias?
      do {
        existing = try await api.alias(named: change.name)
      } catch let readError {
        return .failed(
          message: "\(error.description); reading \(change.name) back to check also failed: \(readError)",
          hint: "the alias may or may not exist now: run `opal plan` to see, then apply again")
      }
      if let existing {
        let have = AliasContent(existing)
        if have == want {
          return .succeeded(
            detail: conflict
              ? "already existed, identical" : "the answer was lost; read back, it exists as desired")
        }
        var fix = AliasUpdate()
        if have.models != want.models { fix.fallbackModels = want.models }
        if have.description != want.description { fix.description = .some(want.description) }
        do {
          let updated = try await api.updateAlias(id: existing.id, fix)
          if let mismatch = Self.mismatch(AliasContent(updated), want) {
            return .failed(
              message: "the server answered the update of \(change.name) with other content: \(mismatch)",
              hint: "run `opal plan` to see what the alias holds now")
          }
          return .succeeded(detail: "already existed with other content; updated to the desired content")
        } catch let patchError {
          return .failed(
            message: "\(change.name) already exists with other content and updating it failed: \(patchError)",
            hint: Self.hint(for: patchError))
        }
      }
      if attempt >= options.maxCreateAttempts {
        return .failed(
          message: "\(error.description) (\(attempt) create attempts, each ambiguous; the alias is absent)",
          hint: "run `opal apply` again: it converges")
      }
    }
  }

  /// Update or rename: one PATCH with the changed fields on the remote id.
  func patch(_ change: AliasChange) async -> ChangeOutcome {
    guard let id = change.id, let body = change.updateBody else {
      return .failed(message: "internal: an update without a remote id", hint: nil)
    }
    if body.isEmpty { return .succeeded(detail: "nothing to send") }
    do {
      let updated = try await api.updateAlias(id: id, body)
      // Only what was sent is compared: a field left out of the PATCH is not this change's.
      var problems: [String] = []
      if let models = body.fallbackModels, updated.fallbackModels != models {
        problems.append("the chain is \(updated.fallbackModels), not \(models)")
      }
      if let description = body.description,
        AliasContent(description: updated.description, models: [])
          != AliasContent(description: description, models: [])
      {
        problems.append("the description was not changed")
      }
      if !problems.isEmpty {
        return .failed(
          message: "the server said it updated \(change.name) but answered with other content: "
            + problems.joined(separator: "; "),
          hint: "run `opal plan` to see what the alias holds now")
      }
      return .succeeded(detail: nil)
    } catch {
      switch error.status {
      case 404:
        let what = change.oldName ?? change.name
        return .failed(message: "\(what) no longer exists (\(error.description))", hint: Self.replanHint)
      case 409:
        return .failed(
          message: "the name \(change.name) is already taken (\(error.description))", hint: Self.replanHint)
      default:
        return .failed(message: error.description, hint: Self.hint(for: error))
      }
    }
  }

  /// Delete; a 404 means it is already gone, which is what was wanted.
  func delete(_ change: AliasChange) async -> ChangeOutcome {
    guard let id = change.id else {
      return .failed(message: "internal: a delete without a remote id", hint: nil)
    }
    do {
      try await api.deleteAlias(id: id)
      return .succeeded(detail: nil)
    } catch {
      if error.status == 404 { return .succeeded(detail: "already gone") }
      return .failed(message: error.description, hint: Self.hint(for: error))
    }
  }

  /// With `--preflight`, calls the desired chain; a reason to skip when it does not answer.
  func preflightSkip(_ change: AliasChange) async -> ChangeOutcome? {
    guard options.preflight, let caller = preflight, change.action != .delete,
      let models = change.after?.models, !models.isEmpty
    else { return nil }
    let request = CallRequest(
      name: "opal-preflight", instructions: "Reply with the single word OK.", input: .string("preflight"),
      model: .list(models.map { ModelSpec(name: $0) }))
    do {
      _ = try await caller.call(request)
      return nil
    } catch {
      return .skipped(reason: "preflight: the new chain did not answer: \(error.description)")
    }
  }

  /// How `have` differs from `want`, in words, or nil when they are the same.
  static func mismatch(_ have: AliasContent, _ want: AliasContent) -> String? {
    var problems: [String] = []
    if have.models != want.models { problems.append("the chain is \(have.models), not \(want.models)") }
    if have.description != want.description { problems.append("the description differs") }
    return problems.isEmpty ? nil : problems.joined(separator: "; ")
  }

  static func hint(for error: OpperAPIError) -> String? {
    switch error.kind {
    case .http(401, _, _): "check OPPER_API_KEY (or --api-key-file)"
    case .http(400, _, _), .http(422, _, _): "fix the file (run `opal validate --online`), then apply again"
    case .http(404, _, _): replanHint
    case .http, .transport, .timeout: "run `opal apply` again: it converges"
    case .cancelled where error.mayHaveLanded:
      "interrupted in flight: the change may or may not have landed; run `opal plan` to see"
    default: nil
    }
  }
}
