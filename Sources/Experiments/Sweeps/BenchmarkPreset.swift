import Agents
import Environments

/// The built-in benchmark sweeps behind `dsegym bench`: every agent on every environment with its
/// default hyperparameters and objective (environments that need an option, such as `proxy`, are left out).
public enum BenchmarkPreset: String, Sendable, CaseIterable {
    /// 3 seeds × 100 evaluations: a minute-scale smoke benchmark.
    case quick
    /// 5 seeds × 500 evaluations.
    case full

    public var seeds: Int { self == .quick ? 3 : 5 }
    public var budget: Int { self == .quick ? 100 : 500 }

    public func sweep(environments: EnvironmentRegistry = .standard, agents: AgentRegistry = .standard) -> Sweep {
        Sweep(name: "bench-\(rawValue)", budget: budget, seeds: (1...UInt64(seeds)).map { $0 }, timeoutSeconds: 600,
              environments: environments.entries.filter(\.requiredOptions.isEmpty).map { SweepEnvironment(name: $0.name) },
              agents: agents.entries.map { SweepAgent(name: $0.name) })
    }
}
