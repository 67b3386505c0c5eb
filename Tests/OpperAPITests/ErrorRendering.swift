import Foundation

/// Everything a person or a log could read of an error.
func allRenderings(_ error: some Error) -> String {
  var dumped = ""
  dump(error, to: &dumped)
  return "\(error)|\(String(reflecting: error))|\(dumped)|\(error.localizedDescription)"
}
