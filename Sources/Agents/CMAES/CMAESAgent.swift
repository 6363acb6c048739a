import Foundation
import GymCore
import Numerics

/// CMA-ES (covariance matrix adaptation evolution strategy) on the normalized encoding, with margin
/// for discrete parameters and IPOP restarts.
///
/// Every parameter is a coordinate in [0, 1]: a continuous one its normalized position (log-scaled
/// where the parameter is), a discrete one (integer, ordinal, categorical) its level index over
/// (levels − 1), rounded to the nearest level when the design is made — so a categorical parameter's
/// choices are ordered as the space lists them (the documented mapping). Each generation samples λ
/// points x = m + σ·a∘y, y ~ N(0, C) (resampled up to ten times when outside the cube, then clipped),
/// ranks them with ``EvaluationRank`` (feasible by reward, then smaller violation, unbuildable last),
/// and updates m, σ, C and the evolution paths from the best ⌊λ/2⌋ (``CMAESStrategy``). The margin
/// scaling a keeps a discrete coordinate's width such that a sample leaves the mean's level with
/// probability ≥ α (``CMAESHyperparameters/margin``). IPOP restarts from a random mean with a larger
/// population when the run stalls or degenerates.
///
/// Batches: ``ask(count:)`` hands out the generation's samples; asked for more before the generation
/// is told, it samples extra members from the same distribution (the update then selects among all).
///
/// ```swift
/// var agent = CMAESAgent(space: environment.parameterSpace, seed: 1)
/// let designs = agent.ask(count: agent.populationSize)
/// agent.tell(try designs.map(environment.step))
/// ```
public struct CMAESAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: CMAESHyperparameters
    private let codec: GeneCodec
    private var generator: SeededGenerator
    private var strategy: CMAESStrategy
    /// Margin scaling a per coordinate (1 for continuous ones).
    private var marginScale: [Double]
    /// The current generation: sample x, step y, its design, rank once known.
    private var members: [(x: [Double], y: [Double], design: Design, rank: EvaluationRank?)] = []
    /// Members to propose, by index.
    private var queue: [Int] = []
    private var pending: Set<Design> = []
    private var known: [Design: EvaluationRank] = [:]
    private var restartBest: EvaluationRank?
    private var stalledGenerations = 0
    /// Restarts so far (IPOP).
    public private(set) var restartCount = 0

    public init(space: ParameterSpace, hyperparameters: CMAESHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = GeneCodec(space: space)
        self.generator = SeededGenerator(seed: seed)
        let n = max(space.parameters.count, 1)
        let lambda = hyperparameters.populationSize > 0 ? hyperparameters.populationSize : max(4, 4 + Int(3 * log(Double(n))))
        strategy = CMAESStrategy(dimension: n, lambda: lambda, mean: [Double](repeating: 0.5, count: n), sigma: hyperparameters.sigma0)
        marginScale = [Double](repeating: 1, count: n)
        updateMargin()
    }

    /// λ of the current run.
    public var populationSize: Int { strategy.lambda }

    public mutating func ask(count: Int) -> [Design] {
        var designs: [Design] = []
        var samples = 0
        while designs.count < count {
            if !queue.isEmpty {
                designs.append(members[queue.removeFirst()].design)
                continue
            }
            if members.count >= strategy.lambda, members.allSatisfy({ $0.rank != nil }) { endGeneration() }
            samples += 1
            // A space smaller than the repeats allow: propose a repeat rather than nothing.
            addMember(forceProposal: samples > 200 * strategy.lambda)
        }
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            let design = evaluation.design
            let rank = evaluation.rank
            pending.remove(design)
            if hyperparameters.reuseEvaluations { known[design] = max(known[design] ?? rank, rank) }
            for index in members.indices where members[index].rank == nil && members[index].design == design {
                members[index].rank = rank
            }
        }
    }

    /// Samples one member of the current generation; it is queued unless its design's rank is known
    /// (then it takes that rank) or already pending (then it waits for that evaluation).
    private mutating func addMember(forceProposal: Bool) {
        let n = strategy.dimension
        var x = [Double](), y = [Double]()
        for attempt in 0..<10 {
            y = strategy.step(using: &generator)
            x = (0..<n).map { strategy.mean[$0] + strategy.sigma * marginScale[$0] * y[$0] }
            if x.allSatisfy({ (0...1).contains($0) }) || attempt == 9 { break }
        }
        x = x.map { min(max($0, 0), 1) }
        y = (0..<n).map { (x[$0] - strategy.mean[$0]) / (strategy.sigma * marginScale[$0]) }
        let genes = (0..<codec.count).map { index in codec.levelCounts[index].map { (x[index] * Double($0 - 1)).rounded() } ?? x[index] }
        let design = codec.design(genes)
        var rank: EvaluationRank?
        if !forceProposal, hyperparameters.reuseEvaluations { rank = known[design] }
        members.append((x, y, design, rank))
        if rank == nil, forceProposal || !pending.contains(design) {
            queue.append(members.count - 1)
            pending.insert(design)
        }
    }

    /// Updates the distribution from the finished generation, then restarts it when IPOP says so.
    private mutating func endGeneration() {
        let order = members.indices.sorted { members[$0].rank! != members[$1].rank! ? members[$0].rank! > members[$1].rank! : $0 < $1 }
        let selected = order.prefix(strategy.mu)
        let steps = selected.map { members[$0].y }
        var shift = [Double](repeating: 0, count: strategy.dimension)
        for (weight, index) in zip(strategy.weights, selected) {
            for i in shift.indices { shift[i] += weight * (members[index].x[i] - strategy.mean[i]) }
        }
        let best = members[order[0]].rank!
        members = []
        strategy.update(selectedSteps: steps, meanShift: shift)
        if restartBest.map({ best > $0 }) ?? true { restartBest = best; stalledGenerations = 0 } else { stalledGenerations += 1 }
        let stallLimit = hyperparameters.stallGenerations > 0 ? hyperparameters.stallGenerations
            : 10 + Int((30 * Double(strategy.dimension) / Double(strategy.lambda)).rounded(.up))
        if hyperparameters.restarts == "ipop", stalledGenerations >= stallLimit || strategy.isDegenerate {
            restart()
        }
        updateMargin()
    }

    /// IPOP: a fresh run from a random mean with a larger population.
    private mutating func restart() {
        restartCount += 1
        let lambda = min(Int((Double(strategy.lambda) * hyperparameters.populationGrowth).rounded()), 4096)
        let mean = (0..<strategy.dimension).map { _ in Double.random(in: 0...1, using: &generator) }
        strategy = CMAESStrategy(dimension: strategy.dimension, lambda: lambda, mean: mean, sigma: hyperparameters.sigma0)
        restartBest = nil
        stalledGenerations = 0
    }

    /// Widens each discrete coordinate so a sample leaves the mean's level toward its nearer
    /// neighbour with probability at least α.
    private mutating func updateMargin() {
        let alpha = hyperparameters.margin > 0 ? hyperparameters.margin : 1 / Double(strategy.dimension * strategy.lambda)
        let quantile = NormalDistribution.quantile(1 - alpha)
        for index in 0..<codec.count {
            guard let levels = codec.levelCounts[index], levels > 1 else { marginScale[index] = 1; continue }
            let cell = 1 / Double(levels - 1)
            let mean = strategy.mean[index]
            let level = min(max((mean / cell).rounded(), 0), Double(levels - 1))
            let up = level < Double(levels - 1) ? (level + 0.5) * cell - mean : .infinity
            let down = level > 0 ? mean - (level - 0.5) * cell : .infinity
            let needed = min(up, down) / quantile
            let width = strategy.coordinateWidth(index)
            marginScale[index] = width > 0 ? max(1, needed / width) : 1
        }
    }
}
