/// The offline rules an alias must meet to be written in a config file (SPEC §2), for content
/// that did not come from a file: `opal export` checks each remote alias with them, so it never
/// writes a file that does not validate.
public enum AliasRules {
  /// Every reason the alias could not be declared in a config file; empty when it can.
  public static func problems(name: String, models: [String], description: String?) -> [String] {
    var problems: [String] = []
    if let problem = AliasNameCheck.problem(name) { problems.append("its name \(problem)") }
    if models.isEmpty { problems.append("its chain is empty") }
    var seen = Set<String>()
    for model in models where !seen.insert(model).inserted {
      problems.append("model '\(model)' appears twice in its chain")
    }
    for model in models where model.isEmpty || AliasNameCheck.problem(model) != nil {
      problems.append("its chain holds a model name that is not valid (\(model.debugDescription))")
    }
    if let description, description.count > AliasNameCheck.maxDescriptionLength {
      problems.append(
        "its description is \(description.count) characters; the limit is \(AliasNameCheck.maxDescriptionLength)"
      )
    }
    return problems
  }

  /// Why a custom model's name could not be declared in a config file, or nil when it can (the
  /// same rule as an alias name: a chain names both).
  public static func customModelNameProblem(_ name: String) -> String? {
    AliasNameCheck.problem(name)
  }
}
