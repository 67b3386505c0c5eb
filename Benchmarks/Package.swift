// swift-tools-version: 6.1
// In-process benchmarks of opal's loader (package-benchmark). A package of its own so that the main
// build and `make test` never build it; `make bench` runs it with its own scratch path:
//   swift package --package-path Benchmarks --scratch-path Benchmarks/.build benchmark
import PackageDescription

import struct Foundation.URL

// A path dependency is known by its folder's name, which depends on where the repo was cloned.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "opal-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "OpalLoad",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "OpalLoading", package: root),
      ],
      path: "Benchmarks/OpalLoad",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // The load path alone, for callgrind and perf (see BENCHMARKS.md).
    .executableTarget(
      name: "LoadProfile",
      dependencies: [.product(name: "OpalLoading", package: root)],
      path: "Sources/LoadProfile"
    ),
  ]
)
