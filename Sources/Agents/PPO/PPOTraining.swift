import GymCore

/// The PPO update loop shared by ``PPOAgent`` and ``MultiAgentPPOAgent``: advantages by GAE
/// (standardized over the rollout), then `epochs` passes over shuffled minibatches, each taking one
/// Adam step on the actor's clipped surrogate and one on the critic's value loss.
///
/// ```swift
/// let targets = PPOTraining.advantages(for: rollout, bootstrapValue: 0, hyperparameters: hyperparameters)
/// PPOTraining.train(actor: &actor, critic: &critic, rollout: rollout, targets: targets,
///                   hyperparameters: hyperparameters, generator: &generator)
/// ```
public enum PPOTraining {
    /// Standardized advantages and unscaled returns of a rollout.
    public static func advantages(for rollout: [Transition], bootstrapValue: Double,
                                  hyperparameters: PPOHyperparameters) -> (advantages: [Double], returns: [Double])
    {
        let (advantages, returns) = GeneralizedAdvantageEstimation.compute(
            rewards: rollout.map(\.reward), values: rollout.map(\.value), dones: rollout.map(\.done), bootstrapValue: bootstrapValue,
            discount: hyperparameters.discount, lambda: hyperparameters.gaeLambda)
        return (GeneralizedAdvantageEstimation.standardized(advantages), returns)
    }

    /// Trains `actor` and/or `critic` on a rollout.
    public static func train(actor: inout PolicyLearner?, critic: inout ValueLearner?, rollout: [Transition],
                             targets: (advantages: [Double], returns: [Double]), hyperparameters: PPOHyperparameters,
                             generator: inout SeededGenerator)
    {
        let settings = PolicyLearner.LossSettings(clipRange: hyperparameters.clipRange, entropyCoefficient: hyperparameters.entropyCoefficient)
        var order = Array(rollout.indices)
        let size = min(hyperparameters.minibatchSize, rollout.count)
        for _ in 0..<hyperparameters.epochs {
            order.shuffle(using: &generator)
            for start in stride(from: 0, to: order.count, by: size) {
                let batch = order[start..<min(start + size, order.count)]
                if actor != nil {
                    actor!.update(batch.map { index in
                        PolicyLearner.Sample(observation: rollout[index].observation, action: rollout[index].action,
                                             oldLogProbability: rollout[index].logProbability, advantage: targets.advantages[index])
                    }, settings: settings)
                }
                if critic != nil {
                    critic!.update(observations: batch.map { rollout[$0].observation }, targets: batch.map { targets.returns[$0] })
                }
            }
        }
    }
}
