// swift-tools-version:6.0
// DSEGym: machine-learning-assisted hardware design-space exploration.
// Module map (arrows point down only): dsegym -> Experiments -> {Agents, Results, Environments} -> GymCore;
// Agents -> Surrogates -> Numerics; Environments -> simulators (pure, no gym imports). See README.md "Architecture".
import PackageDescription

let package = Package(
    name: "DSEGym",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dsegym", targets: ["dsegym"]),
        .library(name: "GymCore", targets: ["GymCore"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Wire", targets: ["Wire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Sweep files are YAML (JSON is read by the same parser, with line numbers for errors).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries (Debian: libzmq3-dev, libsqlite3-dev); `scripts/install-deps.sh` installs them.
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Vocabulary shared by everything: spaces, designs, environments, objectives, agents, RNG.
        .target(name: "GymCore"),

        // Pure simulators: a configuration value in, a result value out; Foundation only, no gym imports.
        .target(name: "SystolicSim"),
        .target(name: "DRAMSim"),
        .target(name: "DataflowSim"),
        .target(name: "FaultSim"),

        // Environments adapt simulators to GymCore.Environment.
        .target(name: "Environments", dependencies: ["GymCore", "Surrogates", "SystolicSim", "DRAMSim", "DataflowSim", "FaultSim"]),
        // Shared numerics (Cholesky, Nelder-Mead, normal distribution) and learned surrogates (forests, boosted
        // trees, GP regression, feasibility classifier, proxy models) used by Agents and Environments.
        .target(name: "Numerics"),
        .target(name: "Surrogates", dependencies: ["GymCore", "Numerics"]),
        .target(name: "Agents", dependencies: ["GymCore", "Numerics", "Surrogates"]),
        .target(name: "Results", dependencies: ["GymCore", "CSQLite"]),
        // ZeroMQ wire protocol: server, remote environment, socket wrappers.
        .target(name: "Wire", dependencies: ["GymCore", "Environments", "CZeroMQ"]),
        .target(name: "Experiments", dependencies: ["GymCore", "Environments", "Agents", "Results", "Wire", "Yams"]),
        .executableTarget(
            name: "dsegym",
            dependencies: [
                "Experiments", "Environments", "Agents", "Results", "GymCore", "Wire", "DataflowSim", "SystolicSim", "FaultSim", "Surrogates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "GymCoreTests", dependencies: ["GymCore"]),
        .testTarget(name: "FaultSimTests", dependencies: ["FaultSim"]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments"]),
        .testTarget(name: "SystolicSimTests", dependencies: ["SystolicSim"], exclude: ["Fixtures"]),
        .testTarget(name: "DRAMSimTests", dependencies: ["DRAMSim"], exclude: ["Fixtures"]),
        .testTarget(name: "DataflowSimTests", dependencies: ["DataflowSim"], exclude: ["Fixtures"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Environments", "Experiments", "Numerics", "Surrogates"]),
        .testTarget(name: "SurrogatesTests", dependencies: ["Surrogates", "Environments", "GymCore"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "WireTests", dependencies: ["CZeroMQ", "Wire", "Environments", "GymCore"]),
        .testTarget(name: "CLITests", dependencies: ["dsegym", "Results", "Wire"]),
    ]
)
