import Foundation
import GymCore

/// The tree-structured Parzen estimator (Bergstra et al. 2011; the TPE of Optuna and Hyperopt) over
/// the mixed space.
///
/// After ``TPEHyperparameters/startupTrials`` random designs, each proposal splits the observations
/// into a good group (the best ⌈γ·n⌉, at most ``TPEHyperparameters/gammaCap``) and a bad group (the
/// rest, plus designs proposed but not yet told when ``TPEHyperparameters/constantLiar`` is set),
/// fits a ``ParzenEstimator`` to each — l(x) to the good, g(x) to the bad — draws
/// ``TPEHyperparameters/candidates`` designs from l and proposes the one with the largest
/// log l(x) − log g(x) (which maximizes expected improvement under the TPE model). Multivariate (the
/// default), whole designs do; univariate, each parameter does this on its own.
///
/// Constraint-aware as Optuna's constrained TPE: observations are ordered by ``EvaluationRank``, so
/// feasible designs by reward come first, designs that violate constraints follow by smaller
/// violation, and unbuildable ones come last — infeasible designs fall into the good group only
/// while too few feasible ones exist.
///
/// ```swift
/// var agent = TPEAgent(space: environment.parameterSpace, seed: 1)
/// let designs = agent.ask(count: 4)
/// agent.tell(try designs.map(environment.step))
/// ```
public struct TPEAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: TPEHyperparameters
    private let codec: GeneCodec
    private let dimensions: [ParzenEstimator.Dimension]
    private var generator: SeededGenerator
    /// Told observations in the order told: genes and rank.
    private var observed: [(genes: [Double], rank: EvaluationRank)] = []
    /// Proposed but not yet told, oldest first.
    private var pending: [(design: Design, genes: [Double])] = []
    private var proposed: Set<Design> = []

    public init(space: ParameterSpace, hyperparameters: TPEHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = GeneCodec(space: space)
        self.generator = SeededGenerator(seed: seed)
        self.dimensions = space.parameters.map { parameter in
            if case .categorical(let choices) = parameter.kind { return .categorical(choices: choices.count) }
            if let levels = parameter.cardinality { return .discrete(levels: levels) }
            return .continuous
        }
    }

    public mutating func ask(count: Int) -> [Design] {
        (0..<max(count, 0)).map { _ in
            let genes = observed.count + pending.count < hyperparameters.startupTrials ? randomGenes() : proposal()
            let design = codec.design(genes)
            pending.append((design, genes))
            proposed.insert(design)
            return design
        }
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            if let index = pending.firstIndex(where: { $0.design == evaluation.design }) { pending.remove(at: index) }
            proposed.insert(evaluation.design)
            observed.append((codec.genes(evaluation.design), evaluation.rank))
        }
    }

    private func isProposed(_ genes: [Double]) -> Bool { proposed.contains(codec.design(genes)) }

    /// A random gene vector, new when the space allows (ten tries).
    private mutating func randomGenes() -> [Double] {
        var genes = codec.randomGenes(using: &generator)
        for _ in 0..<10 where hyperparameters.avoidRepeats && isProposed(genes) { genes = codec.randomGenes(using: &generator) }
        return genes
    }

    /// The good and bad groups (gene vectors with weights, each in the order observed).
    private func split() -> (good: [[Double]], goodWeights: [Double], bad: [[Double]], badWeights: [Double]) {
        let count = observed.count
        let goodCount = min(Int((hyperparameters.gamma * Double(count)).rounded(.up)), hyperparameters.gammaCap, count)
        let order = observed.indices.sorted { observed[$0].rank != observed[$1].rank ? observed[$0].rank > observed[$1].rank : $0 < $1 }
        let goodSet = Set(order.prefix(goodCount))
        var good: [[Double]] = [], bad: [[Double]] = []
        for (index, observation) in observed.enumerated() {
            if goodSet.contains(index) { good.append(observation.genes) } else { bad.append(observation.genes) }
        }
        if hyperparameters.constantLiar { bad += pending.map(\.genes) }
        return (good, weights(good.count), bad, weights(bad.count))
    }

    /// Observation weights, oldest first (Optuna's ramp: 1/n … 1 for all but the newest 25, which weigh 1).
    private func weights(_ count: Int) -> [Double] {
        guard hyperparameters.weightRamp, count > 25 else { return [Double](repeating: 1, count: count) }
        let ramped = count - 25
        let ramp = (0..<ramped).map { index in
            ramped == 1 ? 1 / Double(count) : 1 / Double(count) + (1 - 1 / Double(count)) * Double(index) / Double(ramped - 1)
        }
        return ramp + [Double](repeating: 1, count: 25)
    }

    private func estimator(_ vectors: [[Double]], weights: [Double], genes: [Int]) -> ParzenEstimator {
        ParzenEstimator(observations: vectors, weights: weights, genes: genes, dimensions: genes.map { dimensions[$0] },
                        priorWeight: hyperparameters.priorWeight, magicClip: hyperparameters.magicClip)
    }

    /// The next design's genes: the best-scoring candidate, new when one is (see ``TPEHyperparameters/avoidRepeats``).
    private mutating func proposal() -> [Double] {
        let groups = split()
        let groupsOfGenes = hyperparameters.multivariate ? [Array(0..<codec.count)] : (0..<codec.count).map { [$0] }
        let estimators = groupsOfGenes.map { genes in
            (good: estimator(groups.good, weights: groups.goodWeights, genes: genes),
             bad: estimator(groups.bad, weights: groups.badWeights, genes: genes))
        }
        var base = [Double](repeating: 0, count: codec.count)
        // Candidates per group of genes, best score first.
        var ranked: [[(genes: [Double], score: Double)]] = []
        for pair in estimators {
            var scored: [(genes: [Double], score: Double)] = []
            // Discrete candidates repeat often: each distinct one is scored once.
            var scores: [[Double]: Double] = [:]
            for _ in 0..<hyperparameters.candidates {
                let candidate = pair.good.sample(into: base, using: &generator)
                let key = pair.good.genes.map { candidate[$0] }
                let score = scores[key] ?? pair.good.logDensity(candidate) - pair.bad.logDensity(candidate)
                scores[key] = score
                scored.append((candidate, score))
            }
            scored.sort { $0.score > $1.score }
            ranked.append(scored)
            base = scored[0].genes
        }
        var choice = base
        guard hyperparameters.avoidRepeats, isProposed(choice) else { return choice }
        if hyperparameters.multivariate {
            return ranked[0].first { !isProposed($0.genes) }?.genes ?? choice
        }
        // Univariate: change the parameter whose next candidate loses least, until the design is new.
        var next = [Int](repeating: 1, count: ranked.count)
        while isProposed(choice) {
            let options = ranked.indices.filter { next[$0] < ranked[$0].count }
            guard let group = options.min(by: { ranked[$0][0].score - ranked[$0][next[$0]].score < ranked[$1][0].score - ranked[$1][next[$1]].score })
            else { return randomGenes() }
            let gene = estimators[group].good.genes[0]
            choice[gene] = ranked[group][next[group]].genes[gene]
            next[group] += 1
        }
        return choice
    }
}
