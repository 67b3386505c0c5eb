import Foundation
import OpalConfig
import OpalYAML

// Loads the files given on the command line N times (`--repeat N`, default 1) with the same
// loader `opal validate` uses, and nothing else: a target for callgrind and perf.
// `--max-nodes N` raises YAMLLimits.maxExpandedNodes (the default refuses 100,000 aliases).
//   Benchmarks/.build/release/LoadProfile [--yaml-only] [--repeat N] [--max-nodes N] FILE...
var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 1
var yamlOnly = false
var limits = YAMLLimits()
if let i = arguments.firstIndex(of: "--max-nodes"), i + 1 < arguments.count {
  limits.maxExpandedNodes = Int(arguments[i + 1]) ?? limits.maxExpandedNodes
  arguments.removeSubrange(i...(i + 1))
}
if let i = arguments.firstIndex(of: "--repeat"), i + 1 < arguments.count {
  repeats = Int(arguments[i + 1]) ?? 1
  arguments.removeSubrange(i...(i + 1))
}
if let i = arguments.firstIndex(of: "--yaml-only") {
  yamlOnly = true
  arguments.remove(at: i)
}
var diagnostics = 0
for _ in 0..<repeats {
  if yamlOnly {
    for path in arguments {
      let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
      diagnostics += YAMLLoader.load(bytes: bytes, file: path, limits: limits).diagnostics.count
    }
  } else {
    let result = ConfigLoader(limits: limits).load(paths: arguments)
    diagnostics += result.diagnostics.count
    if let state = result.state, repeats == 1 { print("\(state.aliases.count) aliases") }
  }
}
print("\(diagnostics) diagnostics")
