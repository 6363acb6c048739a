import GymCore

/// The designs a proxy learns from: each distinct design once (the first time it was measured; the
/// simulators are deterministic) with its metrics, or `nil` metrics when the simulator could not
/// measure it (the evaluation has no metrics). Designs that do not fit the space are skipped.
///
/// ```swift
/// let data = ProxyTrainingSet(evaluations: records.map(\.evaluation), space: environment.parameterSpace)
/// ```
public struct ProxyTrainingSet: Sendable {
    public var designs: [Design]
    public var metrics: [[String: Double]?]
    /// Evaluations skipped because their design does not belong to the space.
    public var skipped: Int

    public init(evaluations: [Evaluation], space: ParameterSpace) {
        var seen: Set<Design> = []
        designs = []
        metrics = []
        skipped = 0
        for evaluation in evaluations {
            guard let design = try? space.validate(evaluation.design) else { skipped += 1; continue }
            guard seen.insert(design).inserted else { continue }
            designs.append(design)
            metrics.append(evaluation.metrics.isEmpty ? nil : evaluation.metrics)
        }
    }

    init(designs: [Design], metrics: [[String: Double]?]) {
        self.designs = designs
        self.metrics = metrics
        self.skipped = 0
    }

    public var count: Int { designs.count }
    public var measuredCount: Int { metrics.filter { $0 != nil }.count }

    /// The rows at `indices`.
    public func subset(_ indices: [Int]) -> ProxyTrainingSet {
        ProxyTrainingSet(designs: indices.map { designs[$0] }, metrics: indices.map { metrics[$0] })
    }

    /// A random split: `count` rows held out (the second set) and the rest.
    public func split(holdingOut count: Int, seed: UInt64) -> (training: ProxyTrainingSet, heldOut: ProxyTrainingSet) {
        var order = Array(designs.indices)
        var generator = SeededGenerator(seed: seed)
        order.shuffle(using: &generator)
        let heldOut = Array(order.prefix(count)).sorted(), training = Array(order.dropFirst(count)).sorted()
        return (subset(training), subset(heldOut))
    }
}
