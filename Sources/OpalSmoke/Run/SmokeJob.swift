import Foundation
import OpalConfig
import OpalCore
import OpperAPI

/// One call the runner will make: a case through an alias (or the case's own models), or one
/// hop of a chain alone. Built up front by `SmokeJob.plan` so the run knows its total.
struct SmokeJob: Sendable {
  enum Kind: Hashable, Sendable {
    case smokeCase
    case hop(position: Int, model: String)
  }

  var aliasIndex: Int
  var alias: String
  var chain: [String]
  var kind: Kind
  /// The case's name; for a hop, the name of the case whose request it reuses.
  var caseName: String
  var request: CallRequest
  var expectation: SmokeExpectation
  /// The model `served_by: first` means: the chain's first, or the first of the case's own list.
  var firstModel: String?
  /// The case's `model` could not be read; the job is reported failed without a call.
  var problem: String?

  /// The name progress events and reports use: the case name, or `hop <model>`.
  var itemName: String {
    switch kind {
    case .smokeCase: return caseName
    case .hop(_, let model): return "hop \(model)"
    }
  }

  /// Instructions of the case made up when an alias declares none (and the defaults give none).
  static let defaultInstructions = "Reply with one short sentence."
  /// Input of that made-up case.
  static let defaultInput: JSONValue = .object(["text": .string("opal smoke: is this alias answering?")])

  /// Every call of a run, alias by alias: its cases in order, then its hops (with `eachHop`).
  static func plan(_ aliases: [AliasSpec], defaults: SmokeCase?, eachHop: Bool) -> [SmokeJob] {
    var jobs: [SmokeJob] = []
    for (aliasIndex, alias) in aliases.enumerated() {
      let declared = alias.smoke.isEmpty ? [SmokeCase(name: "default")] : alias.smoke
      var caseJobs: [SmokeJob] = []
      for (index, own) in declared.enumerated() {
        let name = own.name ?? (declared.count == 1 ? "default" : "case-\(index + 1)")
        var merged = own.merged(over: defaults)
        if merged.instructions == nil && merged.input == nil {
          merged.instructions = defaultInstructions
          merged.input = defaultInput
        }
        caseJobs.append(caseJob(alias: alias, aliasIndex: aliasIndex, name: name, merged))
      }
      jobs += caseJobs
      guard eachHop, let first = caseJobs.first else { continue }
      let options = first.request.model.flatMap(\.specOptions)
      for (position, hop) in alias.models.enumerated() {
        var job = first
        job.kind = .hop(position: position, model: hop)
        job.request.name = "opal-smoke/\(alias.name)/hop/\(hop)"
        job.request.model = options == nil ? .name(hop) : .spec(ModelSpec(name: hop, options: options))
        job.expectation = SmokeExpectation()
        job.firstModel = hop
        job.problem = nil
        jobs.append(job)
      }
    }
    return jobs
  }

  private static func caseJob(alias: AliasSpec, aliasIndex: Int, name: String, _ c: SmokeCase) -> SmokeJob {
    var request = CallRequest(
      name: "opal-smoke/\(alias.name)/\(name)", instructions: c.instructions, input: c.input,
      outputSchema: c.outputSchema, configuration: c.configuration)
    var problem: String?
    var firstModel = alias.models.first
    if let own = c.model {
      switch callModel(from: own, options: c.options) {
      case .success(let model):
        request.model = model
        let head = model.names.first
        firstModel = head == alias.name ? alias.models.first : head
      case .failure(let problemFound):
        problem = problemFound.message
      }
    } else if let options = c.options, !options.isEmpty {
      request.model = .spec(ModelSpec(name: alias.name, options: options))
    } else {
      request.model = .name(alias.name)
    }
    return SmokeJob(
      aliasIndex: aliasIndex, alias: alias.name, chain: alias.models, kind: .smokeCase,
      caseName: name, request: request, expectation: c.expect, firstModel: firstModel,
      problem: problem)
  }

  /// A case's `model` (a name, `{name, options}`, or a list of them) as the call's `model`, the
  /// case's `options` filled in under each entry's own.
  static func callModel(from value: JSONValue, options: [String: JSONValue]?) -> Result<
    CallModel, ModelProblem
  > {
    let decoded: CallModel
    do {
      let data = try JSONEncoder().encode(value)
      decoded = try JSONDecoder().decode(CallModel.self, from: data)
    } catch {
      return .failure(ModelProblem("the case's model must be a name, {name, options} or a list of them"))
    }
    guard let options, !options.isEmpty else { return .success(decoded) }
    func withOptions(_ spec: ModelSpec) -> ModelSpec {
      var s = spec
      s.options = options.merging(spec.options ?? [:]) { _, own in own }
      return s
    }
    switch decoded {
    case .name(let n): return .success(.spec(withOptions(ModelSpec(name: n))))
    case .spec(let s): return .success(.spec(withOptions(s)))
    case .list(let l): return .success(.list(l.map(withOptions)))
    }
  }

  /// Why a case's `model` could not be used.
  struct ModelProblem: Error, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
  }
}

extension CallModel {
  /// The options of a single-model call, which hops reuse.
  var specOptions: [String: JSONValue]? {
    switch self {
    case .spec(let s): return s.options
    case .list(let l): return l.first?.options
    case .name: return nil
    }
  }
}
