import Agents
import Environments
import Foundation
import GymCore
import Results
import Wire

/// One search run described by names, as the CLI, sweeps and scripts give it: an environment (and
/// workload, options, objective), an agent (and hyperparameter overrides) and run options.
///
/// ```swift
/// let experiment = Experiment(environment: "synthetic", agent: "random_walk", options: RunOptions(budget: 200, seed: 3))
/// let summary = try await experiment.run(store: try ResultsStore(directory: URL(fileURLWithPath: "results")))
/// ```
public struct Experiment: Sendable {
    public var environment: String
    public var workload: String?
    public var environmentOptions: [String: String]
    /// A named objective preset of the environment (`nil`: the environment's default objective).
    public var objectivePreset: String?
    /// Targets `metric=value` that replace the objective's goal (ArchGym-style target reward).
    public var targets: [String: Double]
    public var constraints: [Objective.Constraint]
    public var agent: String
    public var agentOverrides: [String: String]
    public var options: RunOptions
    /// A server (`tcp://HOST:PORT`) that simulates the environment; `nil`: simulate in process.
    public var remote: String?
    /// How long a remote step may take before it counts as infeasible, in seconds.
    public var remoteTimeoutSeconds: Double = 30
    /// A policy saved by an RL agent (``PolicyAgent/policyJSON()``) to start from instead of a fresh one;
    /// the agent's hyperparameters are then the policy's own.
    public var policyJSON: Data?
    /// With ``policyJSON``: propose the policy's most likely design and do not learn.
    public var greedyPolicy = false

    public init(environment: String, workload: String? = nil, environmentOptions: [String: String] = [:],
                objectivePreset: String? = nil, targets: [String: Double] = [:], constraints: [Objective.Constraint] = [],
                agent: String, agentOverrides: [String: String] = [:], options: RunOptions = RunOptions())
    {
        self.environment = environment
        self.workload = workload
        self.environmentOptions = environmentOptions
        self.objectivePreset = objectivePreset
        self.targets = targets
        self.constraints = constraints
        self.agent = agent
        self.agentOverrides = agentOverrides
        self.options = options
    }

    /// The objective this experiment chooses (preset, targets, constraints) as data.
    public var objectiveChoice: ObjectiveChoice {
        ObjectiveChoice(preset: objectivePreset, targets: targets, constraints: constraints)
    }

    /// Makes the environment with this experiment's objective adopted (references resolved on the
    /// default design, so a remote environment scores like a local one).
    public func makeEnvironment(registry: EnvironmentRegistry = .standard) throws -> any Environment {
        var made: any Environment
        var presets: [String: Objective] = [:]
        if let remote {
            // The server reports metrics; the objective (presets of a locally known environment
            // included) is built in this process.
            made = try RemoteEnvironment(endpoint: remote, environment: environment, workload: workload,
                                         options: environmentOptions, timeoutSeconds: remoteTimeoutSeconds)
            presets = (try? registry.entry(environment))?.objectivePresets ?? [:]
        } else {
            let entry = try registry.entry(environment)
            made = try entry.make(workload: workload, options: environmentOptions)
            presets = entry.objectivePresets
        }
        made.adopt(try objectiveChoice.objective(for: made, presets: presets))
        return made
    }

    /// Runs the experiment, recording it in `store` when given.
    public func run(store: ResultsStore?, environments: EnvironmentRegistry = .standard, agents: AgentRegistry = .standard,
                    progress: (@Sendable (RunProgress) -> Void)? = nil) async throws -> RunSummary
    {
        try await run(environment: try makeEnvironment(registry: environments), store: store, agents: agents, progress: progress)
    }

    /// Runs the experiment on an environment already made with ``makeEnvironment(registry:)`` (so a
    /// caller that showed it, e.g. a remote one, does not make a second session).
    /// `finished` sees the agent as it is at the end of the run (e.g. to save a trained policy).
    public func run(environment made: any Environment, store: ResultsStore?, agents: AgentRegistry = .standard,
                    progress: (@Sendable (RunProgress) -> Void)? = nil,
                    finished: ((any SearchAgent) throws -> Void)? = nil) async throws -> RunSummary
    {
        let seeds = Runner.componentSeeds(for: options.seed)
        let madeAgent: MadeAgent
        if let policyJSON {
            try agents.requirePolicyAgent(agent)
            if let override = agentOverrides.min(by: { $0.key < $1.key }) {
                throw AgentError.invalidHyperparameter(agent: agent, name: override.key, value: override.value,
                                                       allowed: "no overrides with a saved policy: it keeps the hyperparameters it was trained with")
            }
            madeAgent = try agents.entry(agent).restore(space: made.parameterSpace, policyJSON: policyJSON, seed: seeds.agent, greedy: greedyPolicy)
        } else {
            madeAgent = try agents.make(agent, space: made.parameterSpace, overrides: agentOverrides, seed: seeds.agent, objective: made.objective)
        }
        var searchAgent = madeAgent.agent
        let specification = RunSpecification(
            environment: environment, workload: made.workload, agent: agent, hyperparametersJSON: madeAgent.hyperparametersJSON,
            objective: made.objective, seed: options.seed, budget: options.budget, batchSize: options.batchSize,
            parameterNames: made.parameterSpace.names, metricNames: made.metrics.map(\.name), sweepID: options.sweepID,
            runKey: options.runKey)
        let summary = try await Runner(options: options).run(environment: made, agent: &searchAgent, store: store,
                                                             specification: specification, progress: progress)
        try finished?(searchAgent)
        return summary
    }
}
