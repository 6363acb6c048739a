/// How an environment's metrics become the single reward that agents maximize, plus constraints.
///
/// Agents always maximize; the objective carries the direction. Rewards follow the reward contract
/// (docs/objectives.md, "Reward contract"): every term is scale-free and bounded, so a reward is O(1)
/// and comparable across environments, and an infeasible design gets a finite penalty below every
/// feasible reward (``RewardContract``). Three goals:
/// - ``Goal/weightedSum(_:)``: reward = Σ wᵢ·sᵢ·soft(mᵢ / refᵢ), sᵢ = −1 for a minimized metric and +1 for
///   a maximized one, soft(x) = x / (1 + |x|) ∈ (−1, 1), refᵢ the term's ``Term/reference`` (by default
///   the metric's value at the environment's default design, see ``Environment/adopt(_:)``). A single
///   minimized term is −0.5 at its reference, → 0 as the metric → 0, → −1 as it grows without bound.
/// - ``Goal/targets(_:)``: ArchGym-style. dᵢ = |mᵢ − tᵢ| / |tᵢ|, the relative distance to each target,
///   counted only for metrics on the wrong side of their target (above it for a minimized metric,
///   below it for a maximized one); reward = −Σ wᵢ·soft(dᵢ). The objective is *met* when every metric
///   is at or on the better side of its target, ArchGym's stop condition; runners stop early then.
///   ArchGym's own reward is two-sided (it also penalizes beating a target), which can rank a design
///   that misses the target above one that meets it; set ``Target/twoSided`` for that form.
/// - ``Goal/pareto(_:)``: a multi-objective run. The terms name the metrics whose trade-off (Pareto
///   front) matters; multi-objective agents (NSGA-II) read ``paretoVector(_:)``, and the scalar reward
///   is the same weighted sum as ``Goal/weightedSum(_:)`` so single-objective agents still work.
///
/// ``constraints`` (e.g. `area_mm2 <= 4`): a violated one makes the evaluation infeasible with a reason
/// naming the constraint and the value, and a ``Evaluation/violation`` (the sum over violated
/// constraints of the relative distance to the bound) that orders infeasible designs.
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

    /// One term of a weighted sum: metric, direction, weight and the reference value (in the metric's
    /// unit) it is normalized by.
    public struct Term: Sendable, Hashable, Codable {
        public var metric: String
        public var direction: MetricDescriptor.Direction
        public var weight: Double
        /// The metric's reference value (its unit): the term is soft(metric / reference). `nil` until
        /// resolved: ``Environment/adopt(_:)`` sets it to the metric's magnitude at the default design
        /// (1 when that is zero or missing); an unresolved term counts with reference 1.
        public var reference: Double?
        public init(metric: String, direction: MetricDescriptor.Direction, weight: Double = 1, reference: Double? = nil) {
            self.metric = metric
            self.direction = direction
            self.weight = weight
            self.reference = reference
        }

        /// sᵢ·value/refᵢ: the metric in units of its reference, signed so that larger is better.
        public func normalized(_ value: Double) -> Double {
            (direction == .maximize ? 1 : -1) * value / (reference ?? 1)
        }

        enum CodingKeys: String, CodingKey { case metric, direction, weight, reference, scale }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            metric = try container.decode(String.self, forKey: .metric)
            direction = try container.decode(MetricDescriptor.Direction.self, forKey: .direction)
            weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
            // Runs stored before the reward contract called the reference `scale`.
            reference = try container.decodeIfPresent(Double.self, forKey: .reference)
                ?? container.decodeIfPresent(Double.self, forKey: .scale)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metric, forKey: .metric)
            try container.encode(direction, forKey: .direction)
            try container.encode(weight, forKey: .weight)
            try container.encodeIfPresent(reference, forKey: .reference)
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
        /// Parses `metric<=number` or `metric>=number` (spaces allowed); `nil` for anything else.
        public init?(parsing text: String) {
            for comparison in [Comparison.atMost, .atLeast] {
                let parts = text.components(separatedBy: comparison.rawValue)
                if parts.count == 2, let bound = Double(parts[1].trimmingCharacters(in: .whitespaces)), bound.isFinite {
                    let metric = parts[0].trimmingCharacters(in: .whitespaces)
                    guard !metric.isEmpty else { return nil }
                    self.init(metric: metric, comparison: comparison, bound: bound)
                    return
                }
            }
            return nil
        }

        /// The relative distance of `value` beyond the bound: (value − bound) / |bound| for `<=`,
        /// (bound − value) / |bound| for `>=` (divided by 1 when the bound is 0); 0 when satisfied.
        public func violation(by value: Double) -> Double {
            guard !isSatisfied(by: value) else { return 0 }
            let distance = abs(value - bound) / (bound == 0 ? 1 : abs(bound))
            return max(distance, .leastNormalMagnitude)
        }
        /// `metric <= bound`, or `metric < x` when the bound is the double just below a round `x`
        /// (a strict limit such as ISO 26262's PMHF < 10 FIT is stored as `10.nextDown`): the same
        /// constraint, written as people write it rather than as `9.999999999999998`.
        public var description: String {
            let strict = comparison == .atMost ? bound.nextUp : bound.nextDown
            if bound.isFinite, formatNumber(strict).count + 8 < formatNumber(bound).count {
                return "\(metric) \(comparison == .atMost ? "<" : ">") \(formatNumber(strict))"
            }
            return "\(metric) \(comparison.rawValue) \(formatNumber(bound))"
        }
    }

    public var goal: Goal
    public var constraints: [Constraint]

    public init(goal: Goal, constraints: [Constraint] = []) {
        self.goal = goal
        self.constraints = constraints
    }

    /// Minimize or maximize one metric (reward = ∓soft(metric / reference)); `reference` `nil`: the
    /// default design's value once the environment adopts the objective.
    public static func optimize(_ metric: MetricDescriptor, reference: Double? = nil) -> Objective {
        Objective(goal: .weightedSum([Term(metric: metric.name, direction: metric.direction, reference: reference)]))
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

    /// Whether a goal term has no reference yet (see ``Environment/adopt(_:)``).
    public var missesReferences: Bool {
        switch goal {
        case .targets: return false
        case .weightedSum(let terms), .pareto(let terms): return terms.contains { $0.reference == nil }
        }
    }

    /// This objective with each term's missing reference set to |metrics[term]| (1 when that is zero,
    /// non-finite or missing). Terms that have a reference keep it.
    public func referencing(_ metrics: [String: Double]) -> Objective {
        func fill(_ terms: [Term]) -> [Term] {
            terms.map { term in
                guard term.reference == nil else { return term }
                var filled = term
                let magnitude = abs(metrics[term.metric] ?? 0)
                filled.reference = magnitude.isFinite && magnitude > 0 ? magnitude : 1
                return filled
            }
        }
        var copy = self
        switch goal {
        case .targets: break
        case .weightedSum(let terms): copy.goal = .weightedSum(fill(terms))
        case .pareto(let terms): copy.goal = .pareto(fill(terms))
        }
        return copy
    }

    /// The Pareto terms of a ``Goal/pareto(_:)`` goal (empty for other goals).
    public var paretoTerms: [Term] {
        if case .pareto(let terms) = goal { return terms }
        return []
    }

    /// For a Pareto goal, each term's ``Term/normalized(_:)`` value sᵢ·mᵢ/refᵢ (larger is better);
    /// `nil` when a metric is missing or the goal is not Pareto.
    public func paretoVector(_ metrics: [String: Double]) -> [Double]? {
        let terms = paretoTerms
        guard !terms.isEmpty else { return nil }
        var vector: [Double] = []
        for term in terms {
            guard let value = metrics[term.metric] else { return nil }
            vector.append(term.normalized(value))
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
