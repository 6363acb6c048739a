import GymCore

/// How to make one environment by name: what the CLI, the sweep runner and the server list and call.
public struct EnvironmentEntry: Sendable {
    public let name: String
    public let summary: String
    public let workloads: [String]
    /// Options accepted by `make` (`--env-option name=value`), with one-line descriptions.
    public let options: [String: String]
    /// Named objectives (`--objective NAME`), built for the environment's metrics.
    public let objectivePresets: [String: Objective]
    /// Options without which the environment cannot be made (e.g. the proxy's `model`); benchmarks
    /// that make every environment with its defaults skip entries that have any.
    public let requiredOptions: [String]
    let factory: @Sendable (_ workload: String, _ options: [String: String]) throws -> any Environment

    public init(name: String, summary: String, workloads: [String], options: [String: String] = [:],
                objectivePresets: [String: Objective] = [:], requiredOptions: [String] = [],
                factory: @escaping @Sendable (_ workload: String, _ options: [String: String]) throws -> any Environment)
    {
        self.name = name
        self.summary = summary
        self.workloads = workloads
        self.options = options
        self.objectivePresets = objectivePresets
        self.requiredOptions = requiredOptions
        self.factory = factory
    }

    /// Makes the environment for `workload` (the first listed when `nil`), checking option names.
    public func make(workload: String? = nil, options: [String: String] = [:]) throws -> any Environment {
        for option in options.keys.sorted() where self.options[option] == nil {
            throw EnvironmentError.unknownOption(environment: name, option: option, known: self.options.keys.sorted())
        }
        return try factory(workload ?? workloads[0], options)
    }

    /// The named objective preset, or an error listing the valid ones.
    public func objectivePreset(_ preset: String) throws -> Objective {
        guard let objective = objectivePresets[preset] else {
            throw EnvironmentError.unknownObjectivePreset(environment: name, preset: preset, known: objectivePresets.keys.sorted())
        }
        return objective
    }

    /// The description shown by `dsegym describe` (space, metrics, workloads, presets).
    public func describe(options: [String: String] = [:]) throws -> EnvironmentDescription {
        let environment = try make(options: options)
        var description = EnvironmentDescription(environment, summary: summary, workloads: workloads,
                                                 presets: objectivePresets.mapValues(\.description))
        description.details = (environment as? any DescribesDetails)?.details
        return description
    }
}

/// The environments DSEGym ships, by name. Immutable; build your own registry to add environments.
///
/// ```swift
/// let environment = try EnvironmentRegistry.standard.make("synthetic", workload: "small")
/// ```
public struct EnvironmentRegistry: Sendable {
    public let entries: [EnvironmentEntry]

    public init(_ entries: [EnvironmentEntry]) { self.entries = entries }

    public static let standard = EnvironmentRegistry([
        .synthetic,
        .systolic,
        .dram,
        .dataflow,
        .hetero,
        .npuFault,
        .proxy,
    ])

    public var names: [String] { entries.map(\.name) }

    public func entry(_ name: String) throws -> EnvironmentEntry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw EnvironmentError.unknownEnvironment(name: name, known: names)
        }
        return entry
    }

    public func make(_ name: String, workload: String? = nil, options: [String: String] = [:]) throws -> any Environment {
        try entry(name).make(workload: workload, options: options)
    }
}

extension EnvironmentEntry {
    /// The synthetic test environment (see ``SyntheticEnvironment``).
    public static let synthetic = EnvironmentEntry(
        name: "synthetic",
        summary: "Synthetic mixed categorical/integer/ordinal/continuous space with a known optimum (loss 0)",
        workloads: SyntheticEnvironment.workloads,
        options: ["noise": "standard deviation of Gaussian noise on the loss (default 0)"],
        objectivePresets: [
            "min-loss": Objective(goal: .weightedSum([.init(metric: "loss", direction: .minimize)])),
            "loss-target": Objective(goal: .targets([.init(metric: "loss", value: 0.05, direction: .minimize)])),
            "loss-under-cost": Objective(goal: .weightedSum([.init(metric: "loss", direction: .minimize)]),
                                         constraints: [.init(metric: "cost", comparison: .atMost, bound: 20)]),
            "pareto-loss-cost": Objective(goal: .pareto([.init(metric: "loss", direction: .minimize),
                                                         .init(metric: "cost", direction: .minimize, weight: 0.01)])),
        ],
        factory: { workload, options in
            let noiseText = options["noise"] ?? "0"
            guard let noise = Double(noiseText) else {
                throw EnvironmentError.invalidOption(environment: "synthetic", option: "noise", value: noiseText, allowed: "a number >= 0")
            }
            return try SyntheticEnvironment(workload: workload, noise: noise)
        })
}

extension EnvironmentEntry {
    /// One accelerator for one DNN on DataflowSim (see ``DataflowEnvironment``).
    public static let dataflow = EnvironmentEntry(
        name: "dataflow",
        summary: "MAESTRO-style spatial accelerator for one DNN: dataflow template, PEs, buffers, NoC, mapping knobs",
        workloads: DataflowWorkloads.names,
        objectivePresets: [
            "min-runtime": Objective(goal: .weightedSum([.init(metric: "runtime_cycles", direction: .minimize)])),
            "min-energy": Objective(goal: .weightedSum([.init(metric: "energy_nJ", direction: .minimize)])),
            "min-edp": Objective(goal: .weightedSum([.init(metric: "runtime_cycles", direction: .minimize, weight: 1, scale: 1e6),
                                                      .init(metric: "energy_nJ", direction: .minimize, weight: 1, scale: 1e6)])),
            "runtime-under-area": Objective(goal: .weightedSum([.init(metric: "runtime_cycles", direction: .minimize)]),
                                            constraints: [.init(metric: "area_um2", comparison: .atMost, bound: 2e8)]),
        ],
        factory: { workload, _ in try DataflowEnvironment(workload: workload) })

    /// NASAIC-style heterogeneous accelerator for several DNNs (see ``HeteroAcceleratorEnvironment``).
    public static let hetero = EnvironmentEntry(
        name: "hetero",
        summary: "NASAIC-style heterogeneous accelerator: k sub-accelerators (template, PE and bandwidth share), networks assigned to them",
        workloads: HeteroAcceleratorEnvironment.workloads,
        options: ["k": "number of sub-accelerators (default 2)", "pe_budget": "total PEs (default 4096)",
                  "bw_budget": "total NoC bandwidth, elements/cycle (default 1024)"],
        objectivePresets: [
            "min-latency": Objective(goal: .weightedSum([.init(metric: "latency_cycles", direction: .minimize)])),
            "nasaic-specs": Objective(goal: .weightedSum([.init(metric: "latency_cycles", direction: .minimize, weight: 1, scale: 1e5),
                                                           .init(metric: "energy_nJ", direction: .minimize, weight: 1, scale: 1e5)]),
                                      constraints: [.init(metric: "latency_cycles", comparison: .atMost, bound: 2e6),
                                                    .init(metric: "energy_nJ", comparison: .atMost, bound: 2e6),
                                                    .init(metric: "area_um2", comparison: .atMost, bound: 1e10)]),
        ],
        factory: { workload, options in
            func integer(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
                guard let text = options[key] else { return fallback }
                guard let value = Int(text), range.contains(value) else {
                    throw EnvironmentError.invalidOption(environment: "hetero", option: key, value: text, allowed: "an integer in \(range)")
                }
                return value
            }
            return try HeteroAcceleratorEnvironment(workload: workload, subAccelerators: try integer("k", 2, 1...8),
                                                    peBudget: try integer("pe_budget", 4096, 1...1 << 20),
                                                    bandwidthBudget: try integer("bw_budget", 1024, 1...1 << 20))
        })
}
