import Foundation
import GymCore

/// A sweep: environments × workloads × agents × hyperparameter settings × seeds, each combination
/// one run with the same budget. Written as a YAML/JSON file (see `docs/sweeps.md`,
/// ``SweepFileParser``) or built in Swift.
///
/// ```swift
/// let sweep = Sweep(name: "demo", budget: 200, seeds: [1, 2, 3],
///                   environments: [SweepEnvironment(name: "synthetic")],
///                   agents: [SweepAgent(name: "random_walk", grid: ["restartProbability": ["1", "0.5"]]),
///                            SweepAgent(name: "grid")])
/// let outcome = try await SweepRunner(sweep: sweep, store: store, jobs: 2).run()
/// ```
public struct Sweep: Sendable, Hashable {
    /// The sweep's id in the results store; re-running a sweep of the same name resumes it.
    public var name: String
    /// Evaluations per run.
    public var budget: Int
    public var seeds: [UInt64]
    /// Designs per round (evaluated in parallel within a run only when `jobs` is 1).
    public var batchSize: Int
    /// Wall-time limit per run, in seconds.
    public var timeoutSeconds: Double?
    public var environments: [SweepEnvironment]
    public var agents: [SweepAgent]

    public init(name: String, budget: Int, seeds: [UInt64], batchSize: Int = 1, timeoutSeconds: Double? = nil,
                environments: [SweepEnvironment], agents: [SweepAgent])
    {
        self.name = name
        self.budget = budget
        self.seeds = seeds
        self.batchSize = batchSize
        self.timeoutSeconds = timeoutSeconds
        self.environments = environments
        self.agents = agents
    }

    /// Every run of the sweep, in a fixed order, each with a key that identifies it for resuming.
    public func plan() -> [PlannedRun] {
        var runs: [PlannedRun] = []
        for environment in environments {
            for workload in environment.workloads {
                for agent in agents {
                    for (settingIndex, setting) in agent.settings().enumerated() {
                        for seed in seeds {
                            var options = RunOptions(budget: budget, batchSize: batchSize, seed: seed, maxConcurrency: 1,
                                                     sweepID: name, timeoutSeconds: timeoutSeconds)
                            let experiment = Experiment(
                                environment: environment.name, workload: workload, environmentOptions: environment.options,
                                objectivePreset: environment.objectivePreset, targets: environment.targets,
                                constraints: environment.constraints, agent: agent.name, agentOverrides: setting, options: options)
                            options.runKey = Self.key(experiment)
                            var keyed = experiment
                            keyed.options = options
                            runs.append(PlannedRun(experiment: keyed, settingIndex: settingIndex))
                        }
                    }
                }
            }
        }
        return runs
    }

    /// A stable text identity of what a run does (FNV-1a of its canonical description).
    static func key(_ experiment: Experiment) -> String {
        let parts = [
            experiment.environment, experiment.workload ?? "", canonical(experiment.environmentOptions),
            experiment.objectivePreset ?? "", canonical(experiment.targets.mapValues { formatNumber($0) }),
            experiment.constraints.map(\.description).joined(separator: ";"), experiment.agent,
            canonical(experiment.agentOverrides), String(experiment.options.seed), String(experiment.options.budget),
            String(experiment.options.batchSize),
        ]
        return String(stableHash(parts.joined(separator: "|")), radix: 16)
    }

    private static func canonical(_ pairs: [String: String]) -> String {
        pairs.keys.sorted().map { "\($0)=\(pairs[$0]!)" }.joined(separator: ",")
    }
}

/// One run of a sweep.
public struct PlannedRun: Sendable {
    public var experiment: Experiment
    /// Index of the agent's hyperparameter setting (for the lottery plot).
    public var settingIndex: Int
    public var key: String { experiment.options.runKey ?? "" }
}

/// An environment in a sweep: its workloads, options and objective.
public struct SweepEnvironment: Sendable, Hashable {
    public var name: String
    /// Workloads to run (`nil` = the environment's default).
    public var workloads: [String?]
    public var options: [String: String]
    public var objectivePreset: String?
    public var targets: [String: Double]
    public var constraints: [Objective.Constraint]

    public init(name: String, workloads: [String?] = [nil], options: [String: String] = [:], objectivePreset: String? = nil,
                targets: [String: Double] = [:], constraints: [Objective.Constraint] = [])
    {
        self.name = name
        self.workloads = workloads.isEmpty ? [nil] : workloads
        self.options = options
        self.objectivePreset = objectivePreset
        self.targets = targets
        self.constraints = constraints
    }
}

/// An agent in a sweep and the hyperparameter settings to try: fixed values, a grid (Cartesian
/// product), and random samples from distributions; at most `maxSettings` of them (a seeded random
/// subsample when the product is larger).
public struct SweepAgent: Sendable, Hashable {
    public var name: String
    public var fixed: [String: String]
    public var grid: [String: [String]]
    /// Random settings drawn per grid point (0: none).
    public var samples: Int
    public var distributions: [String: Distribution]
    public var maxSettings: Int?
    /// Seed of the random samples and subsampling, so a sweep always expands the same way.
    public var samplingSeed: UInt64

    public init(name: String, fixed: [String: String] = [:], grid: [String: [String]] = [:], samples: Int = 0,
                distributions: [String: Distribution] = [:], maxSettings: Int? = nil, samplingSeed: UInt64 = 0)
    {
        self.name = name
        self.fixed = fixed
        self.grid = grid
        self.samples = samples
        self.distributions = distributions
        self.maxSettings = maxSettings
        self.samplingSeed = samplingSeed
    }

    /// Random settings drawn per grid point (1 when the agent has no random part).
    private var samplesPerGridPoint: Int { samples > 0 && !distributions.isEmpty ? samples : 1 }

    /// Number of settings before `maxSettings` subsamples them: grid points × random samples per
    /// point; `nil` when that does not fit in an `Int`.
    public var settingCount: Int? {
        var count = samplesPerGridPoint
        for values in grid.values {
            let (product, overflow) = count.multipliedReportingOverflow(by: values.count)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// Number of settings the sweep runs (after `maxSettings`); `nil` when it does not fit in an `Int`.
    public var keptSettingCount: Int? { settingCount.map { min($0, maxSettings ?? .max) } }

    /// The hyperparameter overrides of each setting, in a fixed order. Only the kept settings are
    /// built: `maxSettings` picks their indices first, so a grid of billions of points costs nothing.
    public func settings() -> [[String: String]] {
        guard let count = settingCount, count > 0 else { return [] }
        guard let maxSettings, count > maxSettings else { return (0..<count).map(setting(at:)) }
        // Floyd's sampling: `maxSettings` distinct indices of 0..<count, seeded, without listing them all.
        var generator = SeededGenerator(seed: samplingSeed ^ 0x5eed)
        var chosen = Set<Int>()
        for upper in (count - maxSettings)..<count {
            let index = Int.random(in: 0...upper, using: &generator)
            chosen.insert(chosen.contains(index) ? upper : index)
        }
        return chosen.sorted().map(setting(at:))
    }

    /// Setting `index` of the full list: grid point `index / samples` (the last grid name in sorted
    /// order varying fastest), with random draws seeded by the sampling seed and `index`.
    func setting(at index: Int) -> [String: String] {
        var setting = fixed
        var remainder = index / samplesPerGridPoint
        for name in grid.keys.sorted().reversed() {
            let values = grid[name]!
            setting[name] = values[remainder % values.count]
            remainder /= values.count
        }
        if samplesPerGridPoint > 1 || (samples > 0 && !distributions.isEmpty) {
            var generator = SeededGenerator(seed: stableHash("\(samplingSeed)|\(index)"))
            for name in distributions.keys.sorted() { setting[name] = distributions[name]!.sample(using: &generator) }
        }
        return setting
    }
}

/// A distribution of one hyperparameter for random sweeps. Values are rendered as text overrides.
public enum Distribution: Sendable, Hashable {
    case uniform(low: Double, high: Double)
    case logUniform(low: Double, high: Double)
    case integerUniform(low: Int, high: Int)
    case choice([String])

    public func sample(using generator: inout SeededGenerator) -> String {
        switch self {
        case .uniform(let low, let high): return formatNumber(Double.random(in: low...high, using: &generator))
        case .logUniform(let low, let high): return formatNumber(exp(Double.random(in: log(low)...log(high), using: &generator)))
        case .integerUniform(let low, let high): return String(Int.random(in: low...high, using: &generator))
        case .choice(let values): return values[Int.random(in: 0..<values.count, using: &generator)]
        }
    }

    /// A fractional value a continuous distribution draws (its midpoint, or just past it when that is
    /// a whole number), used to reject a continuous distribution on an integer hyperparameter; `nil`
    /// for the others and for a distribution of one value.
    public var fractionalProbe: String? {
        let low: Double, high: Double
        switch self {
        case .uniform(let a, let b): (low, high) = (a, b)
        case .logUniform(let a, let b): (low, high) = (a, b)
        case .integerUniform, .choice: return nil
        }
        guard high > low else { return nil }
        var probe = low + (high - low) / 2
        if probe == probe.rounded() { probe += min(0.5, (high - low) / 4) }
        return formatNumber(probe)
    }

    /// Values at the edges of the distribution, used to validate it before a sweep runs.
    public var extremes: [String] {
        switch self {
        case .uniform(let low, let high), .logUniform(let low, let high): return [formatNumber(low), formatNumber(high)]
        case .integerUniform(let low, let high): return [String(low), String(high)]
        case .choice(let values): return values
        }
    }
}
