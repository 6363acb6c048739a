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
        description.options = self.options.isEmpty ? nil : self.options
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
        options: ["noise": "standard deviation of Gaussian noise on the loss, 0...1000000 (default 0)"],
        objectivePresets: [
            "min-loss": Objective(goal: .weightedSum([.init(metric: "loss", direction: .minimize)])),
            "loss-target": Objective(goal: .targets([.init(metric: "loss", value: 0.05, direction: .minimize)])),
            "loss-under-cost": Objective(goal: .weightedSum([.init(metric: "loss", direction: .minimize)]),
                                         constraints: [.init(metric: "cost", comparison: .atMost, bound: 20)]),
            "pareto-loss-cost": Objective(goal: .pareto([.init(metric: "loss", direction: .minimize),
                                                         .init(metric: "cost", direction: .minimize, weight: 0.01)])),
        ],
        factory: { workload, options in
            let noise = try OptionValues(environment: "synthetic", options: options).number("noise", 0, 0...1e6)
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
            "min-edp": Objective(goal: .weightedSum([.init(metric: "runtime_cycles", direction: .minimize),
                                                      .init(metric: "energy_nJ", direction: .minimize)])),
            "runtime-under-area": Objective(goal: .weightedSum([.init(metric: "runtime_cycles", direction: .minimize)]),
                                            constraints: [.init(metric: "area_um2", comparison: .atMost, bound: 2e8)]),
        ],
        factory: { workload, _ in try DataflowEnvironment(workload: workload) })

    /// NASAIC-style heterogeneous accelerator for several DNNs (see ``HeteroAcceleratorEnvironment``).
    public static let hetero = EnvironmentEntry(
        name: "hetero",
        summary: "NASAIC-style heterogeneous accelerator: k sub-accelerators (template, PE and bandwidth share), networks assigned to them",
        workloads: HeteroAcceleratorEnvironment.workloads,
        options: ["k": "number of sub-accelerators, 1...8 (default 2)", "pe_budget": "total PEs, 1...1048576 (default 4096)",
                  "bw_budget": "total NoC bandwidth, elements/cycle, 1...1048576 (default 1024)"],
        objectivePresets: [
            "min-latency": Objective(goal: .weightedSum([.init(metric: "latency_cycles", direction: .minimize)])),
            // Spec limits the default design meets (2,512,651 cycles, 1.66e6 nJ, 7.42e9 µm², all MAESTRO's figures).
            "nasaic-specs": Objective(goal: .weightedSum([.init(metric: "latency_cycles", direction: .minimize),
                                                           .init(metric: "energy_nJ", direction: .minimize)]),
                                      constraints: [.init(metric: "latency_cycles", comparison: .atMost, bound: 3e6),
                                                    .init(metric: "energy_nJ", comparison: .atMost, bound: 2e6),
                                                    .init(metric: "area_um2", comparison: .atMost, bound: 1e10)]),
        ],
        factory: { workload, options in
            let values = OptionValues(environment: "hetero", options: options)
            return try HeteroAcceleratorEnvironment(workload: workload, subAccelerators: try values.integer("k", 2, 1...8),
                                                    peBudget: try values.integer("pe_budget", 4096, 1...1 << 20),
                                                    bandwidthBudget: try values.integer("bw_budget", 1024, 1...1 << 20))
        })
}
