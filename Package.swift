// swift-tools-version: 6.1
import PackageDescription

// Targets import only downward (see ARCHITECTURE.md):
//   opal → OpalCLI → {OpalReconcile, OpalSmoke, OpperEmulator} → {OpalConfig, OpperAPI} → OpalYAML → CYAML
// and everything may use OpalCore (JSON values, diagnostics, globs).
let package = Package(
  name: "opal",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "opal", targets: ["opal"]),
    // For Benchmarks/ (a package of its own that depends on this one by path).
    .library(name: "OpalLoading", targets: ["OpalCore", "OpalYAML", "OpalConfig"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "OpalCore"),
    .target(name: "OpalYAML", dependencies: ["CYAML", "OpalCore"]),
    .target(name: "OpalConfig", dependencies: ["OpalYAML", "OpalCore"]),
    .target(
      name: "OpperAPI",
      dependencies: [
        "OpalCore",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "OpalReconcile",
      dependencies: [
        "OpalConfig", "OpperAPI", "OpalCore",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(name: "OpalSmoke", dependencies: ["OpalConfig", "OpperAPI", "OpalCore"]),
    .target(
      name: "OpperEmulator",
      dependencies: [
        "OpperAPI", "OpalYAML", "OpalCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "OpalCLI",
      dependencies: [
        "OpalCore", "OpalConfig", "OpperAPI", "OpalReconcile", "OpalSmoke", "OpperEmulator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      plugins: ["BuildCommitPlugin"]
    ),
    .executableTarget(
      name: "opal", dependencies: ["OpalCLI"],
      linkerSettings: [
        // Cold start (SPEC §16): the release binary carries the Swift runtime and Foundation
        // instead of binding ~9,500 symbols across 20 shared libraries at every start (the
        // dynamic loader was ~30 % of a cold `opal validate`). The modules are compiled against
        // the shared SDK, whose autolink entries do not name Foundation's own static archives
        // (CoreFoundation, ICU, ...), so they are listed here. Debug builds and tests stay dynamic.
        // `-no-pie`: a position-dependent executable has its addresses fixed at link time, so the
        // loader applies 926 relative relocations instead of 136,605 at every start (each one a
        // write that faults in and copies a page of metadata): 957 → 610 page faults for a cold
        // `opal validate` (BENCHMARKS.md). Shared libraries (libc,
        // libyaml) are still placed at random addresses; the executable's own image is not.
        .unsafeFlags(
          [
            "-static-stdlib", "-lFoundationInternationalization", "-lFoundationEssentials",
            "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
            "-Xclang-linker", "-no-pie",
          ], .when(platforms: [.linux], configuration: .release))
      ]),
    // Writes the commit `opal --version` prints into OpalCLI before each build.
    .plugin(name: "BuildCommitPlugin", capability: .buildTool()),

    // What the test targets share: `withEmulator`, the golden-file check, faults documents.
    .target(
      name: "OpalTestSupport",
      dependencies: [
        "OpperEmulator", "OpperAPI",
        // The scripted hostile server (HostileServer.swift) writes raw bytes on NIO's sockets.
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Tests/OpalTestSupport"),

    .testTarget(name: "OpalCoreTests", dependencies: ["OpalCore"]),
    .testTarget(
      name: "OpalYAMLTests", dependencies: ["OpalYAML", "OpalCore"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "OpalConfigTests", dependencies: ["OpalConfig", "OpalYAML", "OpalCore"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "OpperAPITests",
      dependencies: [
        "OpperAPI", "OpperEmulator", "OpalCore", "OpalTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(
      name: "OpperEmulatorTests",
      dependencies: [
        "OpperEmulator", "OpperAPI", "OpalCore", "OpalTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]),
    .testTarget(
      name: "OpalReconcileTests",
      dependencies: [
        "OpalReconcile", "OpalConfig", "OpperAPI", "OpalCore", "OpperEmulator", "OpalTestSupport",
      ],
      resources: [.copy("Golden")]),
    .testTarget(
      name: "OpalSmokeTests",
      dependencies: ["OpalSmoke", "OpalConfig", "OpperAPI", "OpalCore", "OpperEmulator", "OpalTestSupport"],
      resources: [.copy("Golden")]),
    .testTarget(
      name: "OpalCLITests",
      dependencies: [
        "OpalCLI", "OpperEmulator", "OpperAPI", "OpalYAML", "OpalCore", "OpalTestSupport", "OpalReconcile",
        "OpalConfig", "OpalSmoke",
      ]),
  ]
)
