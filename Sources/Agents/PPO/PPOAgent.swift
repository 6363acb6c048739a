import Foundation
import GymCore

/// Proximal policy optimization (Schulman et al., 2017) as a search agent, after ArchGym's PPO agent.
///
/// Each proposal is an action sampled from a factored policy (a categorical head per discrete
/// parameter, a Gaussian per continuous one) given the observation of the last evaluation (see
/// ``ObservationEncoder``). ``tell(_:)`` pairs evaluations with the pending proposals in order, stores
/// their scaled rewards, ends an episode every `episodeLength` rounds, and updates actor and critic
/// when `rolloutSize` transitions have been collected. The reward learned from is the evaluation's
/// reward under the reward contract, so it is shaped for constraints: a design that violates them
/// earns a penalty below every feasible reward that grows with the violation (an unbuildable one the
/// lowest). With ``isGreedy`` set, proposals are the policy's most likely design and nothing is learned.
///
/// ```swift
/// var agent = PPOAgent(space: environment.parameterSpace, seed: 1)
/// for _ in 0..<100 { agent.tell(try agent.ask(count: 1).map(environment.step)) }
/// let snapshot = agent.snapshot     // save with `try snapshot.jsonData()`
/// ```
public struct PPOAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: PPOHyperparameters
    public private(set) var actor: PolicyLearner
    public private(set) var critic: ValueLearner
    private let codec: SpaceActionCodec
    private var encoder: ObservationEncoder
    private var rewards = RewardScaler()
    private var generator: SeededGenerator
    private var observation: [Double]
    private var stepInEpisode = 0
    private var pending: [Transition] = []
    private var rollout: [Transition] = []
    /// Proposals are the greedy (most likely) design and no learning happens.
    public var isGreedy = false
    /// Number of PPO updates so far.
    public private(set) var updateCount = 0
    /// Mean policy entropy (nats) over each update's rollout, one entry per update.
    public private(set) var entropyHistory: [Double] = []

    public init(space: ParameterSpace, hyperparameters: PPOHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = SpaceActionCodec(parameters: space.parameters)
        self.encoder = ObservationEncoder(space: space, metricSlots: hyperparameters.metricSlots, includeDesign: hyperparameters.observeDesign)
        var root = SeededGenerator(seed: seed)
        var initialization = root.split(label: "initialization")
        self.generator = root.split(label: "sampling")
        self.actor = PolicyLearner(observationWidth: encoder.width, head: codec.head, hidden: hyperparameters.hiddenWidths,
                                   activation: hyperparameters.activationFunction, learningRate: hyperparameters.learningRate,
                                   initialStandardDeviation: hyperparameters.initialStandardDeviation,
                                   maxGradientNorm: hyperparameters.maxGradientNorm, generator: &initialization)
        self.critic = ValueLearner(observationWidth: encoder.width, hidden: hyperparameters.hiddenWidths, activation: hyperparameters.activationFunction,
                                   learningRate: hyperparameters.learningRate, maxGradientNorm: hyperparameters.maxGradientNorm,
                                   generator: &initialization)
        self.observation = encoder.initial
    }

    /// An agent that continues from a saved policy (same space), e.g. for greedy evaluation.
    public init(space: ParameterSpace, snapshot: PPOPolicySnapshot, seed: UInt64) throws {
        guard snapshot.parameters == space.domains else {
            throw AgentError.policyMismatch(agent: "ppo", saved: snapshot.parameters, space: space)
        }
        self.init(space: space, hyperparameters: snapshot.hyperparameters, seed: seed)
        actor = snapshot.actor
        critic = snapshot.critic
        encoder = snapshot.encoder
        rewards = snapshot.rewards
        observation = snapshot.observation
    }

    /// The trained policy and what it needs to act, for saving (see ``PPOPolicySnapshot``).
    public var snapshot: PPOPolicySnapshot {
        PPOPolicySnapshot(parameters: space.domains, hyperparameters: hyperparameters, actor: actor, critic: critic,
                          encoder: encoder, rewards: rewards, observation: observation)
    }

    public mutating func ask(count: Int) -> [Design] {
        (0..<count).map { _ in
            if isGreedy { return design(for: actor.greedy(observation: observation)) }
            let (action, logProbability) = actor.sample(observation: observation, using: &generator)
            pending.append(Transition(observation: observation, action: action, logProbability: logProbability, value: critic.value(observation)))
            return design(for: action)
        }
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        guard !isGreedy, !evaluations.isEmpty else { return }
        let count = min(evaluations.count, pending.count)
        var round = Array(pending.prefix(count))
        pending.removeFirst(count)
        for index in round.indices {
            let raw = rewards.rawReward(evaluations[index])
            round[index].reward = rewards.scale(raw)
            observation = encoder.observe(evaluations[index], reward: raw, space: space)
        }
        stepInEpisode += 1
        if stepInEpisode >= hyperparameters.episodeLength {
            for index in round.indices { round[index].done = true }
            stepInEpisode = 0
            observation = encoder.initial
        }
        rollout += round
        if rollout.count >= hyperparameters.rolloutSize, pending.isEmpty { update() }
    }

    /// The policy's most likely design for the current observation.
    public func greedyDesign() -> Design { design(for: actor.greedy(observation: observation)) }

    private mutating func update() {
        let bootstrap = rollout.last!.done ? 0 : critic.value(observation)
        let targets = PPOTraining.advantages(for: rollout, bootstrapValue: bootstrap, hyperparameters: hyperparameters)
        var trainedActor: PolicyLearner? = actor, trainedCritic: ValueLearner? = critic
        PPOTraining.train(actor: &trainedActor, critic: &trainedCritic, rollout: rollout, targets: targets,
                          hyperparameters: hyperparameters, generator: &generator)
        actor = trainedActor!
        critic = trainedCritic!
        entropyHistory.append(actor.meanEntropy(rollout.map(\.observation)))
        updateCount += 1
        rollout.removeAll(keepingCapacity: true)
    }

    private func design(for action: [Double]) -> Design {
        Design(Dictionary(uniqueKeysWithValues: codec.values(for: action).map { ($0.name, $0.value) }))
    }
}
