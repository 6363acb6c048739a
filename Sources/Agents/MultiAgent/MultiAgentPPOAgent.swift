import Foundation
import GymCore

/// Multi-agent PPO, after ArchGym's multi-agent DRAM formulation: the parameter space is split into
/// groups, each a PPO learner choosing its group's values from the shared observation, all trained on
/// the shared reward. By default each learner has its own critic (independent PPO, IPPO); with
/// `centralizedCritic` one value network serves all (MAPPO). The agents' sub-actions are joined into
/// one design per proposal. The shared reward is the evaluation's contract reward, shaped for
/// constraints like ``PPOAgent``'s (infeasible: a penalty below every feasible reward, ordered by violation).
///
/// ```swift
/// var agent = try MultiAgentPPOAgent(space: environment.parameterSpace, seed: 1)
/// agent.tell(try agent.ask(count: 1).map(environment.step))
/// agent.groupNames            // ["family", "x", "y", "z"]
/// agent.entropyHistory        // per update, each agent's mean policy entropy
/// ```
public struct MultiAgentPPOAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: MultiAgentPPOHyperparameters
    /// Agent (group) names, in order.
    public let groupNames: [String]
    public private(set) var actors: [PolicyLearner]
    /// One critic per agent (IPPO) or one shared critic (MAPPO).
    public private(set) var critics: [ValueLearner]
    private let codecs: [SpaceActionCodec]
    /// The PPO settings every learner uses.
    private var settings: PPOHyperparameters { hyperparameters.learner }
    private var encoder: ObservationEncoder
    private var rewards = RewardScaler()
    private var generator: SeededGenerator
    private var observation: [Double]
    private var stepInEpisode = 0
    /// Per proposal, one transition per agent.
    private var pending: [[Transition]] = []
    /// Per agent, its transitions of the current rollout.
    private var rollouts: [[Transition]]
    /// Proposals are every agent's most likely sub-action and no learning happens.
    public var isGreedy = false
    public private(set) var updateCount = 0
    /// Per update, each agent's mean policy entropy (nats) over the rollout, in ``groupNames`` order.
    public private(set) var entropyHistory: [[Double]] = []

    /// Throws when `groups` names a parameter the space does not have.
    public init(space: ParameterSpace, hyperparameters: MultiAgentPPOHyperparameters = .init(), seed: UInt64) throws {
        var groups: [(String, [Parameter])] = []
        var assigned = Set<String>()
        for (name, parameterNames) in hyperparameters.namedGroups {
            let parameters = try parameterNames.map { parameterName in
                do { return try space.parameter(named: parameterName) } catch {
                    throw AgentError.invalidHyperparameter(agent: "mappo", name: "groups", value: parameterName,
                                                           allowed: "parameters of the space: \(space.names.joined(separator: ", "))")
                }
            }
            groups.append((name, parameters))
            assigned.formUnion(parameterNames)
        }
        for parameter in space.parameters where !assigned.contains(parameter.name) { groups.append((parameter.name, [parameter])) }

        self.space = space
        self.hyperparameters = hyperparameters
        self.groupNames = groups.map(\.0)
        self.codecs = groups.map { SpaceActionCodec(parameters: $0.1) }
        let settings = hyperparameters.learner
        self.encoder = ObservationEncoder(space: space, metricSlots: settings.metricSlots, includeDesign: settings.observeDesign)
        var root = SeededGenerator(seed: seed)
        var initialization = root.split(label: "initialization")
        self.generator = root.split(label: "sampling")
        let width = encoder.width
        self.actors = codecs.map { codec in
            PolicyLearner(observationWidth: width, head: codec.head, hidden: settings.hiddenWidths, activation: settings.activationFunction,
                          learningRate: settings.learningRate, initialStandardDeviation: settings.initialStandardDeviation,
                          maxGradientNorm: settings.maxGradientNorm, generator: &initialization)
        }
        self.critics = (0..<(hyperparameters.centralizedCritic ? 1 : groups.count)).map { _ in
            ValueLearner(observationWidth: width, hidden: settings.hiddenWidths, activation: settings.activationFunction,
                         learningRate: settings.learningRate, maxGradientNorm: settings.maxGradientNorm, generator: &initialization)
        }
        self.rollouts = Array(repeating: [], count: groups.count)
        self.observation = encoder.initial
    }

    /// An agent that continues from saved policies (same space and groups), e.g. for greedy evaluation.
    public init(space: ParameterSpace, snapshot: MultiAgentPPOPolicySnapshot, seed: UInt64) throws {
        try self.init(space: space, hyperparameters: snapshot.hyperparameters, seed: seed)
        guard snapshot.parameters == space.domains, snapshot.actors.count == actors.count, snapshot.critics.count == critics.count else {
            throw AgentError.policyMismatch(agent: "mappo", saved: snapshot.parameters, space: space)
        }
        actors = snapshot.actors
        critics = snapshot.critics
        encoder = snapshot.encoder
        rewards = snapshot.rewards
        observation = snapshot.observation
    }

    /// The trained policies and what they need to act, for saving.
    public var snapshot: MultiAgentPPOPolicySnapshot {
        MultiAgentPPOPolicySnapshot(parameters: space.domains, hyperparameters: hyperparameters, actors: actors, critics: critics,
                                    encoder: encoder, rewards: rewards, observation: observation)
    }

    private func critic(of agent: Int) -> Int { critics.count == 1 ? 0 : agent }

    public mutating func ask(count: Int) -> [Design] {
        (0..<count).map { _ in
            var design = Design()
            var transitions: [Transition] = []
            for agent in actors.indices {
                let action: [Double]
                if isGreedy {
                    action = actors[agent].greedy(observation: observation)
                } else {
                    let (sampled, logProbability) = actors[agent].sample(observation: observation, using: &generator)
                    action = sampled
                    transitions.append(Transition(observation: observation, action: sampled, logProbability: logProbability,
                                                  value: critics[critic(of: agent)].value(observation)))
                }
                for (name, value) in codecs[agent].values(for: action) { design[name] = value }
            }
            if !isGreedy { pending.append(transitions) }
            return design
        }
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        guard !isGreedy, !evaluations.isEmpty else { return }
        let count = min(evaluations.count, pending.count)
        var round = Array(pending.prefix(count))
        pending.removeFirst(count)
        for index in round.indices {
            let raw = rewards.rawReward(evaluations[index])
            let scaled = rewards.scale(raw)
            for agent in round[index].indices { round[index][agent].reward = scaled }
            observation = encoder.observe(evaluations[index], reward: raw, space: space)
        }
        stepInEpisode += 1
        let ended = stepInEpisode >= settings.episodeLength
        if ended {
            stepInEpisode = 0
            observation = encoder.initial
        }
        for proposal in round {
            for agent in proposal.indices {
                var transition = proposal[agent]
                transition.done = ended
                rollouts[agent].append(transition)
            }
        }
        if rollouts[0].count >= settings.rolloutSize, pending.isEmpty { update() }
    }

    /// Every agent's most likely sub-action for the current observation, joined.
    public func greedyDesign() -> Design {
        var design = Design()
        for agent in actors.indices {
            for (name, value) in codecs[agent].values(for: actors[agent].greedy(observation: observation)) { design[name] = value }
        }
        return design
    }

    private mutating func update() {
        var entropies: [Double] = []
        var trainedCritics = Set<Int>()
        for agent in actors.indices {
            let rollout = rollouts[agent], criticIndex = critic(of: agent)
            let bootstrap = rollout.last!.done ? 0 : critics[criticIndex].value(observation)
            let targets = PPOTraining.advantages(for: rollout, bootstrapValue: bootstrap, hyperparameters: settings)
            var actor: PolicyLearner? = actors[agent]
            // A shared critic is trained once per update, with the first agent's (identical) targets.
            var critic: ValueLearner? = trainedCritics.contains(criticIndex) ? nil : critics[criticIndex]
            PPOTraining.train(actor: &actor, critic: &critic, rollout: rollout, targets: targets, hyperparameters: settings, generator: &generator)
            actors[agent] = actor!
            if let critic {
                critics[criticIndex] = critic
                trainedCritics.insert(criticIndex)
            }
            entropies.append(actors[agent].meanEntropy(rollout.map(\.observation)))
            rollouts[agent].removeAll(keepingCapacity: true)
        }
        entropyHistory.append(entropies)
        updateCount += 1
    }
}
