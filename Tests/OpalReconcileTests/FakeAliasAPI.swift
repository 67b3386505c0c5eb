import OpperAPI

/// An in-memory `AliasAPI` with switches for the failures the applier must survive.
actor FakeAliasAPI: AliasAPI {
  private(set) var aliases: [String: Alias] = [:]  // by id
  private var nextID = 1
  /// Every request, in the order it started: "create NAME", "update NAME", "delete NAME", "read NAME".
  private(set) var log: [String] = []
  private(set) var maxInFlight = 0
  private var inFlight = 0

  /// Per request latency (makes overlap observable).
  var latency: Duration = .zero
  /// Creates of these names land, then the answer is "lost" (mayHaveLanded), this many times.
  var landThenLose: [String: Int] = [:]
  /// Creates of these names fail ambiguously without landing, this many times.
  var loseWithoutLanding: [String: Int] = [:]
  /// Updates of aliases with these (current) names fail with this status.
  var failUpdates: [String: Int] = [:]

  init(_ initial: [Alias] = []) {
    for alias in initial { aliases[alias.id] = alias }
    nextID = initial.count + 1
  }

  func set(latency: Duration) { self.latency = latency }
  func set(landThenLose: [String: Int]) { self.landThenLose = landThenLose }
  func set(loseWithoutLanding: [String: Int]) { self.loseWithoutLanding = loseWithoutLanding }
  func set(failUpdates: [String: Int]) { self.failUpdates = failUpdates }

  /// Puts an alias behind the tool's back.
  func insert(_ alias: Alias) { aliases[alias.id] = alias }
  func remove(id: String) { aliases[id] = nil }

  var all: [Alias] { aliases.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) } }

  private func begin(_ entry: String) async {
    log.append(entry)
    inFlight += 1
    maxInFlight = max(maxInFlight, inFlight)
    if latency > .zero { try? await Task.sleep(for: latency) }
    inFlight -= 1
  }

  func listAliases() async throws(OpperAPIError) -> [Alias] { all }

  func alias(named name: String) async throws(OpperAPIError) -> Alias? {
    await begin("read \(name)")
    return aliases.values.first { $0.name == name }
  }

  func createAlias(_ body: AliasCreate) async throws(OpperAPIError) -> Alias {
    await begin("create \(body.name)")
    if let n = loseWithoutLanding[body.name], n > 0 {
      loseWithoutLanding[body.name] = n - 1
      throw OpperAPIError(method: "POST", path: "/models/aliases", kind: .timeout, mayHaveLanded: true)
    }
    if aliases.values.contains(where: { $0.name == body.name }) {
      throw OpperAPIError(
        method: "POST", path: "/models/aliases",
        kind: .http(status: 409, type: "ConflictError", message: "The resource already exists"))
    }
    let alias = Alias(
      id: "id\(nextID)", name: body.name, fallbackModels: body.fallbackModels, description: body.description)
    nextID += 1
    aliases[alias.id] = alias
    if let n = landThenLose[body.name], n > 0 {
      landThenLose[body.name] = n - 1
      throw OpperAPIError(
        method: "POST", path: "/models/aliases", kind: .transport("connection reset"), mayHaveLanded: true)
    }
    return alias
  }

  func updateAlias(id: String, _ body: AliasUpdate) async throws(OpperAPIError) -> Alias {
    await begin("update \(aliases[id]?.name ?? id)")
    guard var alias = aliases[id] else {
      throw OpperAPIError(
        method: "PATCH", path: "/models/aliases/\(id)",
        kind: .http(status: 404, type: "NotFoundError", message: "nf"))
    }
    if let status = failUpdates[alias.name] {
      throw OpperAPIError(
        method: "PATCH", path: "/models/aliases/\(id)",
        kind: .http(status: status, type: nil, message: "boom"))
    }
    if let name = body.name {
      if aliases.values.contains(where: { $0.name == name && $0.id != id }) {
        throw OpperAPIError(
          method: "PATCH", path: "/models/aliases/\(id)",
          kind: .http(status: 409, type: nil, message: "taken"))
      }
      alias.name = name
    }
    if let models = body.fallbackModels { alias.fallbackModels = models }
    if let description = body.description { alias.description = description }
    aliases[id] = alias
    return alias
  }

  func deleteAlias(id: String) async throws(OpperAPIError) {
    await begin("delete \(aliases[id]?.name ?? id)")
    guard aliases.removeValue(forKey: id) != nil else {
      throw OpperAPIError(
        method: "DELETE", path: "/models/aliases/\(id)",
        kind: .http(status: 404, type: "NotFoundError", message: "nf"))
    }
  }
}
