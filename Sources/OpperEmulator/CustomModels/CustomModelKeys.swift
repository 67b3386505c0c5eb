/// The last `api_key` each custom model was sent (create or PATCH), by model name, for tests
/// to check that a key arrived (`GET /_emulator/custom-model-keys`). The API never returns a
/// key; this control endpoint is the emulator's only way out for one, and nothing of it is
/// written to `--state` or logged.
actor CustomModelKeys {
  private var keys: [String: String] = [:]

  func record(_ key: String, for name: String) { keys[name] = key }
  func forget(_ name: String) { keys[name] = nil }
  var all: [String: String] { keys }
  func reset() { keys = [:] }
}
