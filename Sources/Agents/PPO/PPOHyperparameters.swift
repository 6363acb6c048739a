import GymCore

/// Hyperparameters of ``PPOAgent`` (and of each learner of ``MultiAgentPPOAgent``).
///
/// The defaults learn within a DSE budget of about 1,000 evaluations: chosen by a one-at-a-time sweep
/// on the `synthetic` environment (median best reward over 10 seeds; figures in
/// `agents/presets/README.md`). ``archgym`` is ArchGym's setting (`agents/presets/ppo-archgym.json`).
public struct PPOHyperparameters: Hyperparameters, Equatable {
    /// Hidden layer widths, comma-separated (ArchGym: 32,32,32).
    public var hiddenLayers: String = "32,32,32"
    /// `tanh` or `relu`.
    public var activation: String = "tanh"
    /// Adam step size of actor and critic.
    public var learningRate: Double = 3e-3
    /// Weight of the entropy bonus in the actor loss.
    public var entropyCoefficient: Double = 0.01
    /// PPO's ratio clipping ε.
    public var clipRange: Double = 0.2
    /// Discount γ per step. The default 0 treats each evaluation as a contextual bandit: in DSE a
    /// design's reward does not depend on the previous design (raise it for stateful environments).
    public var discount: Double = 0
    /// GAE λ.
    public var gaeLambda: Double = 0.95
    /// Steps (evaluations) per episode; the observation resets to zeros after each.
    public var episodeLength: Int = 16
    /// Transitions collected before each update.
    public var rolloutSize: Int = 32
    /// Passes over each rollout per update.
    public var epochs: Int = 8
    /// Transitions per gradient step.
    public var minibatchSize: Int = 16
    /// Global gradient-norm clip per step.
    public var maxGradientNorm: Double = 0.5
    /// Initial standard deviation of Gaussian heads (normalized units of a continuous parameter).
    public var initialStandardDeviation: Double = 0.15
    /// Metrics of the last evaluation in the observation (sorted by name; extra metrics are dropped).
    public var metricSlots: Int = 4
    /// Whether the observation includes the last design (normalized).
    public var observeDesign: Bool = true

    public init() {}

    /// ArchGym's PPO settings: learning rate 2e-5, entropy cost 0.1, clipping 0.2, hidden 32-32-32.
    public static var archgym: PPOHyperparameters {
        var hyperparameters = PPOHyperparameters()
        hyperparameters.learningRate = 2e-5
        hyperparameters.entropyCoefficient = 0.1
        hyperparameters.clipRange = 0.2
        hyperparameters.hiddenLayers = "32,32,32"
        return hyperparameters
    }

    /// The hidden widths parsed from ``hiddenLayers`` (empty for a linear policy).
    public var hiddenWidths: [Int] {
        hiddenLayers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    var activationFunction: Activation { Activation(rawValue: activation) ?? .tanh }

    public func validate(agent: String) throws {
        let widths = hiddenLayers.split(separator: ",")
        try require(widths.count <= 8 && widths.allSatisfy { Int($0.trimmingCharacters(in: .whitespaces)).map { (1...1024).contains($0) } ?? false },
                    agent: agent, field: "hiddenLayers", value: hiddenLayers, allowed: "up to 8 comma-separated widths in 1...1024, e.g. 32,32,32")
        try require(Activation(rawValue: activation) != nil, agent: agent, field: "activation", value: activation, allowed: "tanh, relu")
        try require(learningRate > 0 && learningRate < 1, agent: agent, field: "learningRate", value: learningRate, allowed: "a number in (0, 1)")
        try require(entropyCoefficient >= 0, agent: agent, field: "entropyCoefficient", value: entropyCoefficient, allowed: "a number >= 0")
        try require(clipRange > 0 && clipRange < 1, agent: agent, field: "clipRange", value: clipRange, allowed: "a number in (0, 1)")
        try require((0...1).contains(discount), agent: agent, field: "discount", value: discount, allowed: "a number in [0, 1]")
        try require((0...1).contains(gaeLambda), agent: agent, field: "gaeLambda", value: gaeLambda, allowed: "a number in [0, 1]")
        try require((1...1_000_000).contains(episodeLength), agent: agent, field: "episodeLength", value: episodeLength, allowed: "an integer in 1...1000000")
        try require((2...1_000_000).contains(rolloutSize), agent: agent, field: "rolloutSize", value: rolloutSize, allowed: "an integer in 2...1000000")
        try require((1...1000).contains(epochs), agent: agent, field: "epochs", value: epochs, allowed: "an integer in 1...1000")
        try require((1...1_000_000).contains(minibatchSize), agent: agent, field: "minibatchSize", value: minibatchSize, allowed: "an integer in 1...1000000")
        try require(maxGradientNorm > 0, agent: agent, field: "maxGradientNorm", value: maxGradientNorm, allowed: "a number > 0")
        try require(initialStandardDeviation > 0 && initialStandardDeviation <= 2, agent: agent, field: "initialStandardDeviation",
                    value: initialStandardDeviation, allowed: "a number in (0, 2]")
        try require((0...1024).contains(metricSlots), agent: agent, field: "metricSlots", value: metricSlots, allowed: "an integer in 0...1024")
    }
}
