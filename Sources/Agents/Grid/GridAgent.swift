import GymCore

/// Hyperparameters of ``GridAgent``.
public struct GridHyperparameters: Hyperparameters, Equatable {
    /// Levels per continuous parameter (evenly spaced, log-spaced on a log scale).
    public var resolution: Int = 5
    /// At most this many designs are proposed; larger grids are visited in strided order (below).
    public var cap: Int = 100_000
    /// `lexicographic` (last parameter fastest) or `strided` (a fixed stride coprime with the grid
    /// size, so a capped search still spreads over the whole grid).
    public var order: String = "lexicographic"

    public init() {}

    public func validate(agent: String) throws {
        try require((2...1024).contains(resolution), agent: agent, field: "resolution", value: resolution, allowed: "an integer in 2...1024")
        try require(cap >= 1, agent: agent, field: "cap", value: cap, allowed: "an integer >= 1")
        try require(["lexicographic", "strided"].contains(order), agent: agent, field: "order", value: order, allowed: "lexicographic, strided")
    }
}

/// Exhaustive grid search over every level of every parameter, up to a cap. On a space small enough to
/// enumerate, it is guaranteed to find the optimum; it is deterministic and ignores feedback.
///
/// ```swift
/// var agent = GridAgent(space: try SyntheticEnvironment(workload: "small").parameterSpace)
/// agent.ask(count: 480).count   // 480: the whole space
/// ```
public struct GridAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: GridHyperparameters
    private let levels: [[ParameterValue]]
    /// Number of grid points (saturating at Int.max).
    public let gridSize: Int
    private let stride: Int
    private var proposed = 0

    public init(space: ParameterSpace, hyperparameters: GridHyperparameters = .init()) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.levels = space.parameters.map { $0.levels(resolution: hyperparameters.resolution) }
        var size = 1
        for level in levels {
            let (product, overflow) = size.multipliedReportingOverflow(by: level.count)
            size = overflow ? Int.max : product
        }
        self.gridSize = size
        self.stride = hyperparameters.order == "strided" ? Self.coprimeStride(for: size) : 1
    }

    public var isExhausted: Bool { proposed >= min(gridSize, hyperparameters.cap) }

    public mutating func ask(count: Int) -> [Design] {
        let end = min(proposed + count, min(gridSize, hyperparameters.cap))
        guard end > proposed else { return [] }
        let designs = (proposed..<end).map { design(at: Int((UInt64(truncatingIfNeeded: $0).multipliedFullWidth(by: UInt64(stride)).low) % UInt64(gridSize))) }
        proposed = end
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {}

    /// The design at a flat grid index (mixed radix, last parameter fastest).
    private func design(at flatIndex: Int) -> Design {
        var remainder = flatIndex
        var design = Design()
        for (parameter, values) in zip(space.parameters, levels).reversed() {
            design[parameter.name] = values[remainder % values.count]
            remainder /= values.count
        }
        return design
    }

    /// A stride near size·0.618 that is coprime with `size`, so index·stride mod size is a permutation.
    private static func coprimeStride(for size: Int) -> Int {
        guard size > 2 else { return 1 }
        var candidate = max(1, Int(Double(size) * 0.6180339887))
        while gcd(candidate, size) != 1 { candidate += 1 }
        return candidate
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
