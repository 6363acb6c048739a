import Foundation
import GymCore

/// An agent made for a run, with the resolved hyperparameters recorded in the results store.
public struct MadeAgent {
    public var agent: any SearchAgent
    /// The hyperparameters actually used (defaults plus overrides), as compact JSON.
    public var hyperparametersJSON: String
}

/// How to make one agent by name, from a space, `name=value` hyperparameter overrides and a seed.
public struct AgentEntry: Sendable {
    public let name: String
    public let summary: String
    /// The default hyperparameters as JSON (for `dsegym agents`).
    public let defaultsJSON: String
    private let factory: @Sendable (ParameterSpace, [String: String], UInt64, Objective?) throws -> MadeAgent
    /// Restores the agent from a saved policy (`policyJSON`, seed, greedy); `nil` for agents without one.
    private var restorer: (@Sendable (ParameterSpace, Data, UInt64, Bool) throws -> MadeAgent)?

    /// An entry for an agent whose hyperparameters are `H`.
    public init<H: Hyperparameters>(name: String, summary: String, hyperparameters: H.Type,
                                    make: @escaping @Sendable (ParameterSpace, H, UInt64) throws -> any SearchAgent)
    {
        self.init(name: name, summary: summary, hyperparameters: H.self) { space, hyperparameters, seed, _ in try make(space, hyperparameters, seed) }
    }

    /// An entry for an agent that also reads the run's objective (e.g. NSGA-II reads its Pareto terms).
    public init<H: Hyperparameters>(name: String, summary: String, hyperparameters: H.Type,
                                    make: @escaping @Sendable (ParameterSpace, H, UInt64, Objective?) throws -> any SearchAgent)
    {
        self.name = name
        self.summary = summary
        self.defaultsJSON = H().jsonText
        self.factory = { space, overrides, seed, objective in
            let resolved = try H().applying(overrides, agent: name)
            return MadeAgent(agent: try make(space, resolved, seed, objective), hyperparametersJSON: resolved.jsonText)
        }
    }

    /// Makes the agent; `objective` is the run's objective when known (only some agents read it).
    public func make(space: ParameterSpace, overrides: [String: String] = [:], seed: UInt64, objective: Objective? = nil) throws -> MadeAgent {
        try factory(space, overrides, seed, objective)
    }

    /// This entry, able to save and restore policies of `A` (see ``PolicyAgent``).
    public func savingPolicies<A: PolicyAgent & SendableMetatype>(of _: A.Type) -> AgentEntry {
        var entry = self
        entry.restorer = { space, policyJSON, seed, greedy in
            let agent = try A(space: space, policyJSON: policyJSON, seed: seed, greedy: greedy)
            return MadeAgent(agent: agent, hyperparametersJSON: agent.hyperparameters.jsonText)
        }
        return entry
    }

    /// Whether the agent learns a policy that `dsegym run --save-policy/--load-policy` can keep.
    public var learnsPolicy: Bool { restorer != nil }

    /// Restores the agent from a saved policy (the hyperparameters are the policy's own).
    public func restore(space: ParameterSpace, policyJSON: Data, seed: UInt64, greedy: Bool) throws -> MadeAgent {
        guard let restorer else { throw AgentError.noPolicy(agent: name) }
        do {
            return try restorer(space, policyJSON, seed, greedy)
        } catch let error as DecodingError {
            let detail: String
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                detail = (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
            @unknown default:
                detail = String(describing: error)
            }
            throw AgentError.invalidHyperparameter(agent: name, name: "policy", value: detail,
                                                   allowed: "a policy saved by `dsegym run --agent \(name) --save-policy`")
        }
    }
}

/// The agents DSEGym ships, by name.
///
/// ```swift
/// let made = try AgentRegistry.standard.make("random_walk", space: space, seed: 1)
/// ```
public struct AgentRegistry: Sendable {
    public let entries: [AgentEntry]

    public init(_ entries: [AgentEntry]) { self.entries = entries }

    public static let standard = AgentRegistry([
        AgentEntry(name: "random_walk", summary: "Uniform random sampling, optionally stepping from the best design (ArchGym's RW)",
                   hyperparameters: RandomWalkHyperparameters.self) { space, hyperparameters, seed in
            RandomWalkAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "grid", summary: "Exhaustive grid over every parameter level, up to a cap",
                   hyperparameters: GridHyperparameters.self) { space, hyperparameters, _ in
            GridAgent(space: space, hyperparameters: hyperparameters)
        },
        AgentEntry(name: "ga", summary: "Genetic algorithm: tournament/roulette selection, uniform/one-point crossover, elitism (ArchGym's GA)",
                   hyperparameters: GeneticHyperparameters.self) { space, hyperparameters, seed in
            GeneticAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "aco", summary: "Ant colony system: pheromone per (parameter, level), greediness, evaporation, depth (ArchGym's ACO)",
                   hyperparameters: AntColonyHyperparameters.self) { space, hyperparameters, seed in
            AntColonyAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "bo", summary: "Bayesian optimization: GP (ARD Matern-5/2 or RBF), EI/PI/UCB, batch by Kriging believer (ArchGym's BO)",
                   hyperparameters: BayesianHyperparameters.self) { space, hyperparameters, seed in
            BayesianAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "tpe", summary: "Tree-structured Parzen estimator: good/bad split by rank (constraint-aware), l(x)/g(x) over candidates (Optuna's TPE)",
                   hyperparameters: TPEHyperparameters.self) { space, hyperparameters, seed in
            TPEAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "cmaes", summary: "CMA-ES on the normalized encoding: margin for discrete parameters, IPOP restarts, constraint-aware ranking",
                   hyperparameters: CMAESHyperparameters.self) { space, hyperparameters, seed in
            CMAESAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        },
        AgentEntry(name: "nsga2", summary: "NSGA-II multi-objective evolution: non-dominated sorting, crowding distance, Pareto front",
                   hyperparameters: NSGA2Hyperparameters.self) { space, hyperparameters, seed, objective in
            NSGA2Agent(space: space, hyperparameters: hyperparameters, objective: objective, seed: seed)
        },
        AgentEntry(name: "ppo", summary: "Proximal policy optimization with a factored actor-critic MLP (ArchGym's RL agent)",
                   hyperparameters: PPOHyperparameters.self) { space, hyperparameters, seed in
            PPOAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        }.savingPolicies(of: PPOAgent.self),
        AgentEntry(name: "mappo", summary: "Multi-agent PPO: one learner per parameter group, shared reward (IPPO, or MAPPO with a centralized critic)",
                   hyperparameters: MultiAgentPPOHyperparameters.self) { space, hyperparameters, seed in
            try MultiAgentPPOAgent(space: space, hyperparameters: hyperparameters, seed: seed)
        }.savingPolicies(of: MultiAgentPPOAgent.self),
        AgentEntry(name: "mf", summary: "Multi-fidelity: screens many designs on its own random-forest proxy, evaluates only the most promising (EI from tree spread)",
                   hyperparameters: MultiFidelityHyperparameters.self) { space, hyperparameters, seed, objective in
            try MultiFidelityAgent(space: space, hyperparameters: hyperparameters, objective: objective, seed: seed)
        },
    ])

    public var names: [String] { entries.map(\.name) }

    public func entry(_ name: String) throws -> AgentEntry {
        guard let entry = entries.first(where: { $0.name == name }) else { throw AgentError.unknownAgent(name: name, known: names) }
        return entry
    }

    public func make(_ name: String, space: ParameterSpace, overrides: [String: String] = [:], seed: UInt64,
                     objective: Objective? = nil) throws -> MadeAgent {
        try entry(name).make(space: space, overrides: overrides, seed: seed, objective: objective)
    }

    /// The agents whose policies can be saved and restored.
    public var policyAgentNames: [String] { entries.filter(\.learnsPolicy).map(\.name) }

    /// Checks that `name` learns a policy, naming the agents that do when it does not.
    public func requirePolicyAgent(_ name: String) throws {
        guard try entry(name).learnsPolicy else {
            throw AgentError.invalidHyperparameter(agent: name, name: "policy", value: "a saved policy",
                                                   allowed: "agents that learn a policy: \(policyAgentNames.joined(separator: ", "))")
        }
    }
}
