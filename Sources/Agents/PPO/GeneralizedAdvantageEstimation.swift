/// Generalized advantage estimation (Schulman et al., 2016) over one rollout.
///
/// `δ_t = r_t + γ·V(s_{t+1})·(1 − done_t) − V(s_t)`, `A_t = δ_t + γλ·(1 − done_t)·A_{t+1}`; the value
/// after the last step is `bootstrapValue`. Returns are `A_t + V(s_t)`.
///
/// ```swift
/// let (advantages, returns) = GeneralizedAdvantageEstimation.compute(
///     rewards: [1, 1], values: [0, 0], dones: [false, true], bootstrapValue: 0, discount: 0.9, lambda: 1)
/// // advantages [1.9, 1]
/// ```
public enum GeneralizedAdvantageEstimation {
    public static func compute(rewards: [Double], values: [Double], dones: [Bool], bootstrapValue: Double,
                               discount: Double, lambda: Double) -> (advantages: [Double], returns: [Double])
    {
        precondition(rewards.count == values.count && rewards.count == dones.count, "GAE: length mismatch")
        var advantages = [Double](repeating: 0, count: rewards.count)
        var nextAdvantage = 0.0, nextValue = bootstrapValue
        for t in rewards.indices.reversed() {
            let continuing = dones[t] ? 0.0 : 1.0
            let delta = rewards[t] + discount * nextValue * continuing - values[t]
            nextAdvantage = delta + discount * lambda * continuing * nextAdvantage
            advantages[t] = nextAdvantage
            nextValue = values[t]
        }
        return (advantages, zip(advantages, values).map(+))
    }

    /// `values` shifted to mean 0 and standard deviation 1 (unchanged when constant).
    public static func standardized(_ values: [Double]) -> [Double] {
        guard values.count > 1 else { return values.map { _ in 0 } }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let deviation = variance.squareRoot()
        return values.map { deviation > 1e-12 ? ($0 - mean) / deviation : 0 }
    }
}
