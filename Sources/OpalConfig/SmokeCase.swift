import OpalCore

/// One smoke case: a real call through an alias and what its answer must satisfy.
/// Every field is optional so that `smoke_defaults` can be merged under a case. The fields a case
/// usually leaves unset are held out of line, so a case is small and cheap to copy.
public struct SmokeCase: Hashable, Sendable {
  public var name: String?
  public var input: JSONValue?
  public var expect: SmokeExpectation
  public var location: SourceLocation?
  /// `instructions`, `options`, `output_schema`, `configuration` and `model`; nil when all
  /// five are unset (so equal cases hold equal storage).
  private var rare: OutOfLine<Rare>?

  /// The fields most cases leave unset.
  struct Rare: Hashable, Sendable {
    var instructions: String?
    var options: [String: JSONValue]?
    var outputSchema: JSONValue?
    var configuration: [String: JSONValue]?
    var model: JSONValue?

    var isEmpty: Bool {
      instructions == nil && options == nil && outputSchema == nil && configuration == nil
        && model == nil
    }
  }

  public var instructions: String? {
    get { rare?.value.instructions }
    set { update { $0.instructions = newValue } }
  }
  /// Per-model options carried to every model tried (e.g. `temperature`).
  public var options: [String: JSONValue]? {
    get { rare?.value.options }
    set { update { $0.options = newValue } }
  }
  public var outputSchema: JSONValue? {
    get { rare?.value.outputSchema }
    set { update { $0.outputSchema = newValue } }
  }
  /// Call configuration, flat dotted keys (`invocation.structured_generation.max_attempts`).
  public var configuration: [String: JSONValue]? {
    get { rare?.value.configuration }
    set { update { $0.configuration = newValue } }
  }
  /// Call these models instead of the alias: a name, `{name, options}`, or a list of them.
  public var model: JSONValue? {
    get { rare?.value.model }
    set { update { $0.model = newValue } }
  }

  public init(
    name: String? = nil, instructions: String? = nil, input: JSONValue? = nil,
    options: [String: JSONValue]? = nil, outputSchema: JSONValue? = nil,
    configuration: [String: JSONValue]? = nil, model: JSONValue? = nil,
    expect: SmokeExpectation = SmokeExpectation(), location: SourceLocation? = nil
  ) {
    self.name = name
    self.input = input
    self.expect = expect
    self.location = location
    let rare = Rare(
      instructions: instructions, options: options, outputSchema: outputSchema,
      configuration: configuration, model: model)
    self.rare = rare.isEmpty ? nil : OutOfLine(rare)
  }

  private mutating func update(_ change: (inout Rare) -> Void) {
    var value = rare?.value ?? Rare()
    change(&value)
    rare = value.isEmpty ? nil : OutOfLine(value)
  }

  /// This case with `defaults` filled in wherever the case is silent (expectations field by field,
  /// options and configuration key by key).
  public func merged(over defaults: SmokeCase?) -> SmokeCase {
    guard let d = defaults else { return self }
    var out = self
    out.name = name ?? d.name
    out.input = input ?? d.input
    out.expect = expect.merged(over: d.expect)
    guard rare != nil || d.rare != nil else { return out }
    var merged = rare?.value ?? Rare()
    let mine = merged
    let theirs = d.rare?.value ?? Rare()
    merged.instructions = mine.instructions ?? theirs.instructions
    merged.outputSchema = mine.outputSchema ?? theirs.outputSchema
    merged.model = mine.model ?? theirs.model
    if let dOptions = theirs.options {
      merged.options = dOptions.merging(mine.options ?? [:]) { _, mine in mine }
    }
    if let dConf = theirs.configuration {
      merged.configuration = dConf.merging(mine.configuration ?? [:]) { _, mine in mine }
    }
    out.rare = merged.isEmpty ? nil : OutOfLine(merged)
    return out
  }
}
