import OpalConfig
import OpalCore
import OpalYAML

/// The libFuzzer entry point for the config loader (SPEC §11): every input goes through the
/// YAML loader as raw bytes and, when it is valid UTF-8, through the whole config loader.
///
/// A crash, a sanitizer report, a timeout or running out of memory is a finding; so is a load
/// that fails without saying why (no state and no error diagnostic).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let parsed = YAMLLoader.load(bytes: bytes, file: "fuzz.yaml")
  if parsed.root == nil {
    precondition(
      parsed.diagnostics.contains { $0.severity == .error },
      "YAMLLoader gave neither a tree nor an error")
  }
  guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  let result = ConfigLoader().load(text: text, file: "fuzz.yaml")
  if result.state == nil {
    precondition(
      result.diagnostics.contains { $0.severity == .error },
      "ConfigLoader gave neither a state nor an error")
  }
  return 0
}
