import OpalCore
import OpperAPI

/// The organization's model policy as the emulator plays it (`--policy FILE`): rows whose id
/// matches a rule's glob are marked `policy.allowed: false` under `include=policy`.
///
/// The file (YAML or JSON):
/// ```yaml
/// blocked:
///   - model: "xai/*"                 # a glob over model ids
///     blocked_by: org                # org | project | entitlement (default org)
///     reason: "xAI is not approved for customer data"
///   - groq/gemma2-9b-it              # a bare glob: blocked by org with a default reason
/// ```
public struct ModelPolicyRules: Sendable {
  /// One blocking rule.
  public struct Rule: Sendable {
    public var pattern: Glob
    public var blockedBy: String
    public var reason: String

    public init(pattern: Glob, blockedBy: String = "org", reason: String? = nil) {
      self.pattern = pattern
      self.blockedBy = blockedBy
      self.reason =
        reason ?? "model \"\(pattern.pattern)\" is not allowed by the \(blockedBy) model allowlist"
    }
  }

  public var rules: [Rule]

  public init(rules: [Rule] = []) { self.rules = rules }

  /// The verdict on one model: the first matching rule blocks it.
  public func policy(for id: String) -> ModelPolicy {
    guard let rule = rules.first(where: { $0.pattern.matches(id) }) else { return ModelPolicy(allowed: true) }
    return ModelPolicy(allowed: false, blockedBy: rule.blockedBy, reason: rule.reason)
  }

  /// Reads a `--policy FILE`.
  public static func load(path: String) throws -> ModelPolicyRules {
    let value = try EmulatorFile.loadDocument(path: path)
    guard let list = value["blocked"]?.arrayValue else {
      throw EmulatorFileError(path: path, message: "a policy file has a `blocked:` list")
    }
    var rules: [Rule] = []
    for (i, entry) in list.enumerated() {
      let pattern = entry.stringValue ?? entry["model"]?.stringValue
      guard let pattern else {
        throw EmulatorFileError(path: path, message: "blocked[\(i)]: a glob or {model, blocked_by, reason}")
      }
      let glob: Glob
      do {
        glob = try Glob(pattern)
      } catch {
        throw EmulatorFileError(path: path, message: "blocked[\(i)]: \(error.message)")
      }
      let by = entry["blocked_by"]?.stringValue ?? "org"
      guard ["org", "project", "entitlement"].contains(by) else {
        throw EmulatorFileError(path: path, message: "blocked[\(i)].blocked_by: org, project or entitlement")
      }
      rules.append(Rule(pattern: glob, blockedBy: by, reason: entry["reason"]?.stringValue))
    }
    return ModelPolicyRules(rules: rules)
  }
}
