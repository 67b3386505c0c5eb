import Foundation
import OpperEmulator

/// A faults document (SPEC §8), YAML or JSON text, read exactly as `opal emulator --faults FILE`
/// reads it (`FaultPlan.load(path:)`: JSON first, else YAML, then `FaultPlan.parse`, the same
/// check `POST /_emulator/faults` applies), so a test cannot pass with a document the product
/// would refuse. Throws the product's `EmulatorFileError` for a bad document.
public func faultPlan(_ document: String) throws -> FaultPlan {
  let file = FileManager.default.temporaryDirectory
    .appendingPathComponent("opal-faults-\(UUID().uuidString).yaml")
  try Data(document.utf8).write(to: file)
  defer { try? FileManager.default.removeItem(at: file) }
  return try FaultPlan.load(path: file.path)
}
