import OpalCore

/// One model named in a call, with per-model options and headers.
public struct ModelSpec: Codable, Hashable, Sendable {
  public var name: String
  public var options: [String: JSONValue]?
  public var extraHeaders: [String: String]?

  public init(name: String, options: [String: JSONValue]? = nil, extraHeaders: [String: String]? = nil) {
    self.name = name
    self.options = options
    self.extraHeaders = extraHeaders
  }

  enum CodingKeys: String, CodingKey {
    case name, options
    case extraHeaders = "extra_headers"
  }
}

/// The `model` field of a call: a name (model or alias), an object with options, or a list
/// tried in order (the API's built-in fallback). List entries are names or objects.
public enum CallModel: Codable, Hashable, Sendable {
  case name(String)
  case spec(ModelSpec)
  case list([ModelSpec])

  /// The model names in the order they would be tried (an alias name is returned as is).
  public var names: [String] {
    switch self {
    case .name(let n): return [n]
    case .spec(let s): return [s.name]
    case .list(let l): return l.map(\.name)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) {
      self = .name(s)
    } else if let spec = try? c.decode(ModelSpec.self) {
      self = .spec(spec)
    } else if let list = try? c.decode([ListEntry].self) {
      self = .list(list.map(\.spec))
    } else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "model must be a string, an object with a name, or a list of them")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .name(let n): try c.encode(n)
    case .spec(let s): try c.encode(s)
    case .list(let l):
      try c.encode(
        l.map { $0.options == nil && $0.extraHeaders == nil ? ListEntry.name($0.name) : .spec($0) })
    }
  }

  private enum ListEntry: Codable {
    case name(String)
    case spec(ModelSpec)
    var spec: ModelSpec {
      switch self {
      case .name(let n): return ModelSpec(name: n)
      case .spec(let s): return s
      }
    }
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        self = .name(s)
      } else {
        self = .spec(try c.decode(ModelSpec.self))
      }
    }
    func encode(to encoder: any Encoder) throws {
      var c = encoder.singleValueContainer()
      switch self {
      case .name(let n): try c.encode(n)
      case .spec(let s): try c.encode(s)
      }
    }
  }
}

/// A few-shot example for a call.
public struct CallExample: Codable, Hashable, Sendable {
  public var input: JSONValue
  public var output: JSONValue
  public var comment: String?
  public init(input: JSONValue, output: JSONValue, comment: String? = nil) {
    self.input = input
    self.output = output
    self.comment = comment
  }
}

/// Body of `POST /call`.
public struct CallRequest: Codable, Hashable, Sendable {
  public var name: String
  public var instructions: String?
  public var input: JSONValue?
  public var inputSchema: JSONValue?
  public var outputSchema: JSONValue?
  public var model: CallModel?
  public var examples: [CallExample]?
  public var parentSpanId: String?
  public var tags: [String: String]?
  /// Flat object keyed by literal dotted strings, e.g. `invocation.structured_generation.max_attempts`.
  public var configuration: [String: JSONValue]?

  public init(
    name: String, instructions: String? = nil, input: JSONValue? = nil,
    inputSchema: JSONValue? = nil, outputSchema: JSONValue? = nil, model: CallModel? = nil,
    examples: [CallExample]? = nil, parentSpanId: String? = nil, tags: [String: String]? = nil,
    configuration: [String: JSONValue]? = nil
  ) {
    self.name = name
    self.instructions = instructions
    self.input = input
    self.inputSchema = inputSchema
    self.outputSchema = outputSchema
    self.model = model
    self.examples = examples
    self.parentSpanId = parentSpanId
    self.tags = tags
    self.configuration = configuration
  }

  enum CodingKeys: String, CodingKey {
    case name, instructions, input, model, examples, tags, configuration
    case inputSchema = "input_schema"
    case outputSchema = "output_schema"
    case parentSpanId = "parent_span_id"
  }
}

/// Token counts of a call.
public struct CallUsage: Codable, Hashable, Sendable {
  public var inputTokens: Int?
  public var outputTokens: Int?
  public var totalTokens: Int?
  public init(inputTokens: Int? = nil, outputTokens: Int? = nil, totalTokens: Int? = nil) {
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.totalTokens = totalTokens
  }
  enum CodingKeys: String, CodingKey {
    case inputTokens = "input_tokens"
    case outputTokens = "output_tokens"
    case totalTokens = "total_tokens"
  }
}

/// Cost of a call in USD.
public struct CallCost: Codable, Hashable, Sendable {
  public var total: Double?
  public var generation: Double?
  public var platform: Double?
  public init(total: Double? = nil, generation: Double? = nil, platform: Double? = nil) {
    self.total = total
    self.generation = generation
    self.platform = platform
  }
}

/// Response of `POST /call`.
public struct CallResponse: Codable, Hashable, Sendable {
  public var spanId: String
  public var message: String?
  public var jsonPayload: JSONValue?
  public var cached: Bool?
  public var images: [String]?
  public var usage: CallUsage?
  public var cost: CallCost?
  /// Routing facts of a `dynamic/<name>` call (`meta.routing`).
  public var meta: CallMeta?

  public init(
    spanId: String, message: String? = nil, jsonPayload: JSONValue? = nil, cached: Bool? = nil,
    images: [String]? = nil, usage: CallUsage? = nil, cost: CallCost? = nil, meta: CallMeta? = nil
  ) {
    self.meta = meta
    self.spanId = spanId
    self.message = message
    self.jsonPayload = jsonPayload
    self.cached = cached
    self.images = images
    self.usage = usage
    self.cost = cost
  }

  enum CodingKeys: String, CodingKey {
    case message, cached, images, usage, cost, meta
    case spanId = "span_id"
    case jsonPayload = "json_payload"
  }
}
