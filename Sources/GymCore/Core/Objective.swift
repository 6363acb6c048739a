/// How an environment's metrics become the single reward that agents maximize, plus constraints.
///
/// Agents always maximize; the objective carries the direction. Two goals:
/// - ``Goal/targets(_:)``: ArchGym-style. Reward = −Σ wᵢ·|mᵢ − tᵢ| / |tᵢ|, the weighted relative
///   distance to each target, counted only for metrics on the wrong side of their target (above it
///   for a minimized metric, below it for a maximized one). The objective is *met* when every metric
///   is at or on the better side of its target, ArchGym's stop condition; runners stop early then.
///   ArchGym's own reward is two-sided (it also penalizes beating a target), which can rank a design
///   that misses the target above one that meets it; set ``Target/twoSided`` for that exact form.
/// - ``Goal/weightedSum(_:)``: reward = Σ wᵢ·sᵢ·mᵢ / scaleᵢ, with sᵢ = −1 for a minimized metric and
///   +1 for a maximized one. A single term is "minimize (or maximize) this metric".
/// - ``Goal/pareto(_:)``: a multi-objective run. The terms name the metrics whose trade-off (Pareto
///   front) matters; multi-objective agents (NSGA-II) read ``paretoVector(_:)``, and the scalar reward
///   is the same weighted sum as ``Goal/weightedSum(_:)`` so single-objective agents still work.
///
/// ``constraints`` (e.g. `area_mm2 <= 4`) never change the reward: a violated one makes the
/// evaluation infeasible with a reason naming the constraint and the value.
///
/// ```swift
/// let objective = Objective(goal: .targets([.init(metric: "latency_ns", value: 1e5, direction: .minimize)]),
///                           constraints: [.init(metric: "area_mm2", comparison: .atMost, bound: 4)])
/// ```
public struct Objective: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Goal: Sendable, Hashable, Codable {
        case targets([Target])
        case weightedSum([Term])
        /// Several metrics traded off on a Pareto front; the reward is their weighted sum.
        case pareto([Term])
    }

    /// A target value for one metric (ArchGym's `target_latency`, `target_power`, ...).
    public struct Target: Sendable, Hashable, Codable {
        public var metric: String
        public var value: Double
        public var direction: MetricDescriptor.Direction
        public var weight: Double
        /// Penalize distance on both sides of the target (ArchGym's exact reward), not only misses.
        public var twoSided: Bool
        public init(metric: String, value: Double, direction: MetricDescriptor.Direction, weight: Double = 1, twoSided: Bool = false) {
            self.metric = metric
            self.value = value
            self.direction = direction
            self.weight = weight
            self.twoSided = twoSided
        }

        /// Whether `value` is at or on the better side of the target.
        public func isReached(by value: Double) -> Bool {
            direction == .minimize ? value <= self.value : value >= self.value
        }
    }

    /// One term of a weighted sum; `scale` (in the metric's unit) makes terms comparable.
    public struct Term: Sendable, Hashable, Codable {
        public var metric: String
        public var direction: MetricDescriptor.Direction
        public var weight: Double
        public var scale: Double
        public init(metric: String, direction: MetricDescriptor.Direction, weight: Double = 1, scale: Double = 1) {
            self.metric = metric
            self.direction = direction
            self.weight = weight
            self.scale = scale
        }
    }

    /// A bound on a metric that a feasible design must respect.
    public struct Constraint: Sendable, Hashable, Codable, CustomStringConvertible {
        public enum Comparison: String, Sendable, Hashable, Codable { case atMost = "<=", atLeast = ">=" }
        public var metric: String
        public var comparison: Comparison
        public var bound: Double
        public init(metric: String, comparison: Comparison, bound: Double) {
            self.metric = metric
            self.comparison = comparison
            self.bound = bound
        }
        public func isSatisfied(by value: Double) -> Bool {
            comparison == .atMost ? value <= bound : value >= bound
        }
        public var description: String { "\(metric) \(comparison.rawValue) \(formatNumber(bound))" }
    }

    public var goal: Goal
    public var constraints: [Constraint]

    public init(goal: Goal, constraints: [Constraint] = []) {
        self.goal = goal
        self.constraints = constraints
    }

    /// Minimize or maximize one metric (reward = ∓ metric / scale).
    public static func optimize(_ metric: MetricDescriptor, scale: Double = 1) -> Objective {
        Objective(goal: .weightedSum([Term(metric: metric.name, direction: metric.direction, scale: scale)]))
    }

    /// The metrics the reward and constraints read.
    public var metricNames: [String] {
        let goalMetrics: [String]
        switch goal {
        case .targets(let targets): goalMetrics = targets.map(\.metric)
        case .weightedSum(let terms), .pareto(let terms): goalMetrics = terms.map(\.metric)
        }
        return goalMetrics + constraints.map(\.metric)
    }

    /// The reward for `metrics`, or `nil` when a metric the goal needs is missing.
    public func reward(_ metrics: [String: Double]) -> Double? {
        var total = 0.0
        switch goal {
        case .targets(let targets):
            for target in targets {
                guard let value = metrics[target.metric] else { return nil }
                if target.isReached(by: value) && !target.twoSided { continue }
                total -= target.weight * abs(value - target.value) / max(abs(target.value), .leastNormalMagnitude)
            }
        case .weightedSum(let terms), .pareto(let terms):
            for term in terms {
                guard let value = metrics[term.metric] else { return nil }
                total += term.weight * (term.direction == .maximize ? 1 : -1) * value / term.scale
            }
        }
        return total
    }

    /// The Pareto terms of a ``Goal/pareto(_:)`` goal (empty for other goals).
    public var paretoTerms: [Term] {
        if case .pareto(let terms) = goal { return terms }
        return []
    }

    /// For a Pareto goal, each term's sᵢ·mᵢ/scaleᵢ (larger is better, like the reward); `nil` when a
    /// metric is missing or the goal is not Pareto.
    public func paretoVector(_ metrics: [String: Double]) -> [Double]? {
        let terms = paretoTerms
        guard !terms.isEmpty else { return nil }
        var vector: [Double] = []
        for term in terms {
            guard let value = metrics[term.metric] else { return nil }
            vector.append((term.direction == .maximize ? 1 : -1) * value / term.scale)
        }
        return vector
    }

    /// Whether every target is reached (always false for a weighted-sum goal, which has no target).
    public func isMet(by metrics: [String: Double]) -> Bool {
        guard case .targets(let targets) = goal, !targets.isEmpty else { return false }
        return targets.allSatisfy { target in
            guard let value = metrics[target.metric] else { return false }
            return target.isReached(by: value)
        }
    }

    /// Applies the objective to a report and returns the evaluation agents see.
    public func evaluate(_ design: Design, _ report: SimulatorReport, simWallSeconds: Double) -> Evaluation {
        var feasible = report.feasible
        var reason = report.reason
        let reward = report.feasible || !report.metrics.isEmpty ? reward(report.metrics) : nil
        if feasible, reward == nil {
            let missing = metricNames.filter { report.metrics[$0] == nil }
            feasible = false
            reason = "objective needs metric(s) not reported: \(missing.joined(separator: ", "))"
        }
        if feasible {
            for constraint in constraints {
                guard let value = report.metrics[constraint.metric] else {
                    feasible = false
                    reason = "constraint \(constraint) needs metric '\(constraint.metric)', which was not reported"
                    break
                }
                if !constraint.isSatisfied(by: value) {
                    feasible = false
                    reason = "constraint \(constraint) violated: \(constraint.metric) = \(formatNumber(value))"
                    break
                }
            }
        }
        return Evaluation(design: design, metrics: report.metrics, feasible: feasible, reason: reason,
                          reward: reward, simWallSeconds: simWallSeconds)
    }

    public var description: String {
        var text: String
        switch goal {
        case .targets(let targets):
            text = "targets " + targets.map { "\($0.metric)\($0.direction == .minimize ? "<=" : ">=")\(formatNumber($0.value))" }.joined(separator: ", ")
        case .weightedSum(let terms) where terms.count == 1:
            text = "\(terms[0].direction.rawValue) \(terms[0].metric)"
        case .weightedSum(let terms):
            text = "weighted " + terms.map { "\(formatNumber($0.weight))*\($0.direction.rawValue)(\($0.metric))" }.joined(separator: " + ")
        case .pareto(let terms):
            text = "pareto " + terms.map { "\($0.direction.rawValue)(\($0.metric))" }.joined(separator: ", ")
        }
        if !constraints.isEmpty { text += " subject to " + constraints.map(\.description).joined(separator: ", ") }
        return text
    }
}
