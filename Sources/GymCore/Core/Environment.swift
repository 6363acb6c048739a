import Foundation

/// A design-space exploration environment: a parameter space, the metrics a simulator reports for a
/// design, and an objective that turns them into a reward.
///
/// Contract (after Gymnasium's `Env`, reduced to what DSE needs):
/// - ``reset(seed:)`` seeds any randomness the environment has (report noise); a deterministic
///   environment ignores it. Call it before a run to make results reproducible.
/// - ``step(_:)`` validates the design against ``parameterSpace`` (throwing ``ParameterError`` for an
///   unknown parameter or a value out of range), measures it, and applies ``objective``. A design the
///   simulator cannot realize is not an error: it comes back with `feasible == false` and a reason.
/// - Steps do not depend on each other: the same design after the same reset gives the same
///   evaluation, whatever order designs are evaluated in, so ``evaluate(batch:maxConcurrency:)`` can run
///   them in parallel and stay reproducible.
///
/// Conformers implement ``measure(_:)`` (design already validated) and describe themselves; the
/// protocol supplies `step` and the batch form.
///
/// ```swift
/// var environment = SyntheticEnvironment()
/// environment.reset(seed: 1)
/// let evaluation = try environment.step(["family": "gamma", "x": 37, "y": 16, "z": 1.0])
/// print(evaluation.metrics["loss"]!, evaluation.reward!)
/// ```
public protocol Environment: Sendable {
    /// Registry name, e.g. `synthetic`, `systolic`.
    var name: String { get }
    /// The workload this instance evaluates designs on (a network, a trace), or `default`.
    var workload: String { get }
    var parameterSpace: ParameterSpace { get }
    var metrics: [MetricDescriptor] { get }
    /// The objective applied by ``step(_:)``; settable so a run can use its own.
    var objective: Objective { get set }

    mutating func reset(seed: UInt64)

    /// Simulates a design that has already been validated. Throwing marks the design infeasible
    /// with the error's description as the reason.
    func measure(_ design: Design) throws -> SimulatorReport
}

extension Environment {
    public mutating func reset(seed: UInt64) {}

    /// Validates, measures and scores one design (see the protocol's contract).
    public func step(_ design: Design) throws(ParameterError) -> Evaluation {
        let valid = try parameterSpace.validate(design)
        return measureAndScore(valid)
    }

    /// Evaluates designs concurrently (at most `maxConcurrency` at once) and returns the evaluations
    /// in the order of `designs`. Every design is validated before any is simulated.
    public func evaluate(batch designs: [Design], maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount) async throws -> [Evaluation] {
        let valid = try designs.map { design throws(ParameterError) in try parameterSpace.validate(design) }
        if valid.count <= 1 || maxConcurrency <= 1 { return valid.map(measureAndScore) }
        return await withTaskGroup(of: (Int, Evaluation).self) { group in
            var results = [Evaluation?](repeating: nil, count: valid.count)
            var next = 0
            func submit() {
                let index = next
                let design = valid[index]
                group.addTask { (index, self.measureAndScore(design)) }
                next += 1
            }
            while next < min(maxConcurrency, valid.count) { submit() }
            while let (index, evaluation) = await group.next() {
                results[index] = evaluation
                if next < valid.count { submit() }
            }
            return results.map { $0! }
        }
    }

    /// Measures and scores a design that ``ParameterSpace/validate(_:fillingDefaults:)`` already accepted
    /// (servers validate once, then evaluate on several threads).
    public func evaluate(validated design: Design) -> Evaluation { measureAndScore(design) }

    private func measureAndScore(_ design: Design) -> Evaluation {
        let clock = ContinuousClock()
        let start = clock.now
        let report: SimulatorReport
        do {
            report = try measure(design)
        } catch {
            report = .infeasible(String(describing: error))
        }
        let elapsed = clock.now - start
        return objective.evaluate(design, report, simWallSeconds: elapsed.seconds)
    }

    /// Sets ``objective`` to `objective` with every term's missing ``Objective/Term/reference`` filled
    /// from the default design (see ``referenced(_:)``). Use it whenever a run chooses its objective.
    public mutating func adopt(_ objective: Objective) {
        self.objective = referenced(objective)
    }

    /// `objective` with every term's missing reference set to the magnitude of its metric at the
    /// parameter space's default design (measured once here, only when a reference is missing), or 1
    /// when the space has no default or the value is zero or missing.
    public func referenced(_ objective: Objective) -> Objective {
        guard objective.missesReferences else { return objective }
        var metrics: [String: Double] = [:]
        if let defaults = parameterSpace.defaults, let design = try? parameterSpace.validate(defaults) {
            metrics = (try? measure(design))?.metrics ?? [:]
        }
        return objective.referencing(metrics)
    }

    /// The metric descriptor with this name, if the environment reports it.
    public func metric(named name: String) -> MetricDescriptor? { metrics.first { $0.name == name } }
}
