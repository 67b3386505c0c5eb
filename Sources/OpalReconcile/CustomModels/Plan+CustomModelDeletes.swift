extension Plan {
  /// Counts the custom-model deletes toward the delete limit, the same rail as aliases
  /// (`--max-delete`, the default limit, `--force`): refused when aliases and custom models
  /// deleted together are more than the limit. Call after `attach(customModels:)`.
  public mutating func countCustomModelDeletes() {
    let models = customModels?.deletes.count ?? 0
    guard models > 0, !options.force else { return }
    if let refusal, refusal.rule != .tooManyDeletes { return }
    let aliases = changes(.delete).count
    guard aliases + models > deleteLimit else { return }
    let how = options.maxDelete == nil ? "the default limit of \(deleteLimit)" : "--max-delete \(deleteLimit)"
    refusal = PlanRefusal(
      rule: .tooManyDeletes,
      reason:
        "the plan deletes \(aliases) alias\(aliases == 1 ? "" : "es") and \(models) custom model"
        + "\(models == 1 ? "" : "s") (\(aliases + models) in all), more than \(how)",
      hint: "check the scope and the file; to go ahead, raise --max-delete or pass --force")
  }
}
