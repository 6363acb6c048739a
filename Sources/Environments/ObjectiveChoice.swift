import GymCore

/// A run's choice of objective, as data: a preset name, or weighted terms, or targets (ArchGym), each
/// optionally with extra constraints. The CLI (`--objective`, `--target`, `--constraint`) and the wire's
/// `make` (its `objective` field) both build one, so both give the same objective and rewards.
///
/// ```swift
/// let choice = ObjectiveChoice(preset: "min-cycles-area-2mm2")
/// environment.adopt(try choice.objective(for: environment, presets: EnvironmentEntry.systolic.objectivePresets))
/// ```
public struct ObjectiveChoice: Sendable, Hashable {
    /// A named preset of the environment (`nil`: its default objective).
    public var preset: String?
    /// Weighted terms that replace the goal (a weighted sum, or a Pareto goal when ``pareto``); a term's
    /// direction is the metric's own when `nil`, its reference the default design's value when `nil`.
    public var terms: [TermChoice]
    public var pareto: Bool
    /// Targets (metric → value, in the metric's unit) that replace the goal with ArchGym's target reward.
    public var targets: [String: Double]
    /// Constraints added to the objective's own.
    public var constraints: [Objective.Constraint]

    /// One term as a client names it.
    public struct TermChoice: Sendable, Hashable {
        public var metric: String
        public var direction: MetricDescriptor.Direction?
        public var weight: Double
        /// In the metric's unit; `nil`: the metric's value at the default design.
        public var reference: Double?
        public init(metric: String, direction: MetricDescriptor.Direction? = nil, weight: Double = 1, reference: Double? = nil) {
            self.metric = metric
            self.direction = direction
            self.weight = weight
            self.reference = reference
        }
    }

    public init(preset: String? = nil, terms: [TermChoice] = [], pareto: Bool = false, targets: [String: Double] = [:],
                constraints: [Objective.Constraint] = [])
    {
        self.preset = preset
        self.terms = terms
        self.pareto = pareto
        self.targets = targets
        self.constraints = constraints
    }

    /// The chosen objective for `environment` given its presets (an ``EnvironmentEntry``'s), references
    /// not yet resolved (pass it to ``Environment/adopt(_:)``). Throws ``EnvironmentError`` for an
    /// unknown preset or metric.
    public func objective(for environment: any Environment, presets: [String: Objective]) throws -> Objective {
        var objective = environment.objective
        if let preset {
            guard let chosen = presets[preset] else {
                throw EnvironmentError.unknownObjectivePreset(environment: environment.name, preset: preset, known: presets.keys.sorted())
            }
            objective = chosen
        }
        func metric(_ name: String) throws -> MetricDescriptor {
            guard let metric = environment.metric(named: name) else {
                throw EnvironmentError.unknownMetric(environment: environment.name, metric: name, known: environment.metrics.map(\.name))
            }
            return metric
        }
        if !terms.isEmpty {
            let resolved = try terms.map { term in
                Objective.Term(metric: term.metric, direction: try term.direction ?? metric(term.metric).direction,
                               weight: term.weight, reference: term.reference)
            }
            objective.goal = pareto ? .pareto(resolved) : .weightedSum(resolved)
        }
        if !targets.isEmpty {
            objective.goal = .targets(try targets.keys.sorted().map { name in
                Objective.Target(metric: name, value: targets[name]!, direction: try metric(name).direction)
            })
        }
        for constraint in constraints { _ = try metric(constraint.metric) }
        objective.constraints += constraints
        return objective
    }
}
