import GymCore

/// A design as a vector of genes, one per parameter, for evolutionary and swarm agents.
///
/// A discrete parameter's gene is its level index (`0..<levelCount`) stored as a `Double`; a continuous
/// parameter's gene is its normalized position in `[0, 1]`. Integer ranges are indexed arithmetically,
/// so a wide range costs nothing.
///
/// ```swift
/// let codec = GeneCodec(space: environment.parameterSpace)
/// let genes = codec.genes(design)        // e.g. [2, 37, 4, 0.5]
/// let back = codec.design(genes)          // == design
/// ```
public struct GeneCodec: Sendable {
    public let space: ParameterSpace
    /// Number of levels of each discrete parameter; `nil` for a continuous one.
    public let levelCounts: [Int?]

    public init(space: ParameterSpace) {
        self.space = space
        self.levelCounts = space.parameters.map(\.cardinality)
    }

    public var count: Int { levelCounts.count }

    /// The genes of a valid design.
    public func genes(_ design: Design) -> [Double] {
        zip(space.parameters, levelCounts).map { parameter, levels in
            guard let value = design[parameter.name] else { return 0 }
            let position = parameter.normalize(value)
            guard let levels else { return position }
            return (position * Double(levels - 1)).rounded()
        }
    }

    /// The design a gene vector denotes (genes are clamped and rounded to valid levels).
    public func design(_ genes: [Double]) -> Design {
        var design = Design()
        for (index, parameter) in space.parameters.enumerated() {
            design[parameter.name] = value(of: genes[index], parameter: index)
        }
        return design
    }

    /// The parameter value gene `gene` denotes for parameter number `index`.
    public func value(of gene: Double, parameter index: Int) -> ParameterValue {
        let parameter = space.parameters[index]
        guard let levels = levelCounts[index] else { return parameter.denormalize(gene) }
        let level = min(max(Int(gene.rounded()), 0), levels - 1)
        switch parameter.kind {
        case .categorical(let choices): return .choice(choices[level])
        case .integer(let low, _): return .integer(low + level)
        case .ordinal(let choices): return .number(choices[level])
        case .continuous: return parameter.denormalize(gene)
        }
    }

    /// A uniformly random gene for parameter number `index`.
    public func randomGene(_ index: Int, using generator: inout SeededGenerator) -> Double {
        guard let levels = levelCounts[index] else { return Double.random(in: 0...1, using: &generator) }
        return Double(Int.random(in: 0..<levels, using: &generator))
    }

    /// A uniformly random gene vector.
    public func randomGenes(using generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { randomGene($0, using: &generator) }
    }

    /// A mutated copy of a gene: another choice for a categorical parameter; a Gaussian step of
    /// `stepSize` × range (at least one level) for an ordered one, reflected into range.
    public func mutate(_ gene: Double, parameter index: Int, stepSize: Double, using generator: inout SeededGenerator) -> Double {
        let parameter = space.parameters[index]
        guard let levels = levelCounts[index] else {
            var position = gene + stepSize * generator.nextGaussian()
            if position < 0 { position = -position }
            if position > 1 { position = 2 - position }
            return min(max(position, 0), 1)
        }
        guard levels > 1 else { return gene }
        if case .categorical = parameter.kind {
            let other = Int.random(in: 0..<(levels - 1), using: &generator)
            return Double(other >= Int(gene) ? other + 1 : other)
        }
        let sigma = max(1, stepSize * Double(levels - 1))
        var step = Int((sigma * generator.nextGaussian()).rounded())
        if step == 0 { step = Bool.random(using: &generator) ? 1 : -1 }
        var level = Int(gene) + step
        if level < 0 { level = -level }
        if level > levels - 1 { level = 2 * (levels - 1) - level }
        return Double(min(max(level, 0), levels - 1))
    }
}
