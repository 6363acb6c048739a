/// The reward contract: how an ``Objective`` scores a simulator report (docs/objectives.md, "Reward
/// contract"). One place computes every reward, violation and penalty.
extension Objective {
    /// soft(x) = x / (1 + |x|): monotone, odd, in (−1, 1); ≈ x for small x. Bounds every term.
    public static func soft(_ x: Double) -> Double { x / (1 + abs(x)) }

    /// W = Σ|wᵢ| over the goal's terms or targets: feasible rewards lie in [−W, W] (in exact arithmetic
    /// the open interval; a metric 2⁵³ times its reference rounds to the bound).
    public var weightBound: Double {
        switch goal {
        case .targets(let targets): return targets.map { abs($0.weight) }.reduce(0, +)
        case .weightedSum(let terms), .pareto(let terms): return terms.map { abs($0.weight) }.reduce(0, +)
        }
    }

    /// The goal's reward for `metrics` (see the type's formulas), in [−W, W]; `nil` when a metric the
    /// goal needs is missing. Constraints are not applied here; ``evaluate(_:_:simWallSeconds:)`` does.
    public func reward(_ metrics: [String: Double]) -> Double? {
        var total = 0.0
        switch goal {
        case .targets(let targets):
            for target in targets {
                guard let value = metrics[target.metric] else { return nil }
                if target.isReached(by: value) && !target.twoSided { continue }
                total -= target.weight * Self.soft(abs(value - target.value) / max(abs(target.value), .leastNormalMagnitude))
            }
        case .weightedSum(let terms), .pareto(let terms):
            for term in terms {
                guard let value = metrics[term.metric] else { return nil }
                total += term.weight * Self.soft(term.normalized(value))
            }
        }
        return total.isFinite ? total : nil
    }

    /// The reward of a design that violates constraints by `violation` (> 0): −W − 1 − soft(violation),
    /// in [−W − 2, −W − 1], so at least 1 below every feasible reward and larger for a smaller violation.
    public func infeasibleReward(violation: Double) -> Double { -weightBound - 1 - Self.soft(max(violation, 0)) }

    /// The reward of a design the simulator could not build (no metrics): −W − 3, at least 1 below
    /// every other.
    public var unbuildableReward: Double { -weightBound - 3 }

    /// The total violation of the constraints by `metrics` (Σ ``Constraint/violation(by:)``), or `nil`
    /// when a constrained metric is missing (the first such constraint is returned as well).
    func violation(_ metrics: [String: Double]) -> (total: Double, firstViolated: Constraint?, missing: Constraint?) {
        var total = 0.0
        var first: Constraint?
        for constraint in constraints {
            guard let value = metrics[constraint.metric] else { return (total, first, constraint) }
            let amount = constraint.violation(by: value)
            if amount > 0, first == nil { first = constraint }
            total += amount
        }
        return (total, first, nil)
    }

    /// Applies the objective to a report and returns the evaluation agents see. Every evaluation gets
    /// a finite reward: the goal's reward when feasible; ``infeasibleReward(violation:)`` when a
    /// constraint is violated; ``unbuildableReward`` when the simulator could not build the design or
    /// a metric the objective needs is missing.
    public func evaluate(_ design: Design, _ report: SimulatorReport, simWallSeconds: Double) -> Evaluation {
        func unbuildable(_ reason: String?) -> Evaluation {
            Evaluation(design: design, metrics: report.metrics, feasible: false, reason: reason, reward: unbuildableReward,
                       violation: 0, simWallSeconds: simWallSeconds)
        }
        guard report.feasible else { return unbuildable(report.reason) }
        guard let goalReward = reward(report.metrics) else {
            let missing = metricNames.filter { report.metrics[$0] == nil }
            return unbuildable("objective needs metric(s) not reported: \(missing.joined(separator: ", "))")
        }
        let (violation, first, missing) = self.violation(report.metrics)
        if let missing {
            return unbuildable("constraint \(missing) needs metric '\(missing.metric)', which was not reported")
        }
        guard let first else {
            return Evaluation(design: design, metrics: report.metrics, feasible: true, reason: nil, reward: goalReward,
                              violation: 0, simWallSeconds: simWallSeconds)
        }
        let value = report.metrics[first.metric]!
        return Evaluation(design: design, metrics: report.metrics, feasible: false,
                          reason: "constraint \(first) violated: \(first.metric) = \(formatNumber(value))",
                          reward: infeasibleReward(violation: violation), violation: violation, simWallSeconds: simWallSeconds)
    }

    /// The reward formula in words with the resolved references, e.g.
    /// `-soft(total_cycles / 2.1e+06)`, shown by `describe` and the `make` reply.
    public var rewardFormula: String {
        func weighted(_ weight: Double, _ text: String) -> String { weight == 1 ? text : "\(formatNumber(weight))*\(text)" }
        switch goal {
        case .targets(let targets):
            return targets.map { weighted($0.weight, "-soft(miss(\($0.metric), \(formatNumber($0.value))))") }.joined(separator: " + ")
        case .weightedSum(let terms), .pareto(let terms):
            return terms.map { term in
                let sign = term.direction == .maximize ? "" : "-"
                return weighted(term.weight, "\(sign)soft(\(term.metric) / \(formatNumber(term.reference ?? 1)))")
            }.joined(separator: " + ")
        }
    }
}
