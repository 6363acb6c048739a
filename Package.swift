// swift-tools-version:6.0
// DSEGym: machine-learning-assisted hardware design-space exploration.
// Module map (arrows point down only): dsegym -> Experiments -> {Agents, Results, Environments} -> GymCore;
// Environments -> simulators (pure, no gym imports). See README.md "Architecture".
import PackageDescription

let package = Package(
    name: "DSEGym",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dsegym", targets: ["dsegym"]),
        .library(name: "GymCore", targets: ["GymCore"]),
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries (Debian: libzmq3-dev, libsqlite3-dev); `scripts/install-deps.sh` installs them.
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Vocabulary shared by everything: spaces, designs, environments, objectives, agents, RNG.
        .target(name: "GymCore"),

        // Environments adapt simulators to GymCore.Environment.
        // Pure simulators: Foundation only, no gym imports.
        .target(name: "FaultSim"),
        .target(name: "Environments", dependencies: ["GymCore", "FaultSim"]),
        .target(name: "Agents", dependencies: ["GymCore"]),
        .target(name: "Results", dependencies: ["GymCore", "CSQLite"]),
        .target(name: "Experiments", dependencies: ["GymCore", "Environments", "Agents", "Results"]),
        .executableTarget(
            name: "dsegym",
            dependencies: [
                "Experiments", "Environments", "Agents", "Results", "GymCore", "FaultSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "GymCoreTests", dependencies: ["GymCore"]),
        .testTarget(name: "FaultSimTests", dependencies: ["FaultSim"]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Environments"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "WireTests", dependencies: ["CZeroMQ"]),
        .testTarget(name: "CLITests", dependencies: ["dsegym", "Results"]),
    ]
)
