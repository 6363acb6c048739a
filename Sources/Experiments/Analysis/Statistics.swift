import GymCore

/// The median of the values (mean of the middle two for an even count), `nil` when empty.
public func median(_ values: [Double]) -> Double? { quantile(values, 0.5) }

/// The `q`-quantile (0...1) with linear interpolation between order statistics, `nil` when empty.
public func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
}

/// The `q`-quantile over runs of the reward of their best evaluation (under the reward contract a
/// penalty when the run found no feasible design), where a run with no evaluation (`nil`) ranks below
/// every other; `nil` when the quantile lands on (or between) such runs. One rule for `compare`'s table, the leaderboard and the report, so all rank agents alike;
/// it is ``EvaluationRank`` applied to each run's best (feasible runs by reward, above all others).
public func bestRewardQuantile(_ finalBest: [Double?], _ q: Double) -> Double? {
    guard let value = quantile(finalBest.map { $0 ?? -.infinity }, q), value.isFinite else { return nil }
    return value
}
