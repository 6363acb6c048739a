import GymCore

/// Bayesian optimization: a Gaussian process over the one-hot encoded space, an acquisition function
/// maximized over the mixed space, and batch proposals for parallel evaluation.
///
/// 1. The first `initialPoints` proposals come from the initial design (uniform random, or a Latin
///    hypercube over each parameter's levels), unless the agent was already told that many evaluations.
/// 2. Each design is encoded like ``ParameterSpace/oneHot(_:)`` (categorical one-hot, others in [0, 1]);
///    the GP's target is the reward under the reward contract (an infeasible design's penalty orders it
///    by violation below every feasible design), by default warped to its normal score (`targetWarp`).
/// 3. Every `refitEvery` observations the kernel (ARD Matérn-5/2 or RBF) is refitted by maximizing the log
///    marginal likelihood (Nelder–Mead with restarts, on at most `fitSubset` observations) and the GP
///    refactored; in between each observation extends the Cholesky factor in O(n²).
/// 4. Constraints (after Gardner et al., 2014): when some evaluation was infeasible, a second GP (same
///    kernel) models a feasibility margin c(x) — +1 feasible, −soft(violation) for a design that violates
///    constraints, −1 for one that could not be built — and EI and PI are weighted by
///    P(feasible) = Φ(μ_c/σ_c); UCB is not weighted (the contract reward already ranks infeasible low).
/// 5. A proposal scores `candidates` random designs plus the incumbent, runs greedy local search over
///    neighbouring levels from the `localStarts` best, and returns the best design not proposed before.
/// 6. For a batch, each chosen design is added to a copy of the GP as a fantasy observation (its
///    posterior mean: Kriging believer; or the worst reward: constant liar) before choosing the next.
///
/// ```swift
/// var agent = BayesianAgent(space: environment.parameterSpace, seed: 1)
/// for _ in 0..<30 { agent.tell(try agent.ask(count: 1).map(environment.step)) }
/// ```
public struct BayesianAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: BayesianHyperparameters
    private let codec: GeneCodec
    private let acquisition: Acquisition
    /// For each parameter: its first column in the encoded vector and whether it is one-hot.
    private let layout: [(offset: Int, oneHot: Bool)]
    private let width: Int
    private var generator: SeededGenerator
    private var initialQueue: [[Double]]
    private var inputs: [[Double]] = []
    /// The reward of each observation (an infeasible one: the worst reward seen before it).
    private var rewards: [Double] = []
    /// What the GP models for each observation: ``rewards`` warped by `targetWarp`.
    private var targets: [Double] = []
    /// Each observation's feasibility margin (+1 feasible, −soft(violation), −1 unbuildable).
    private var margins: [Double] = []
    private var seen: Set<Design> = []
    private var kernel: Kernel
    /// The posterior over all observations, when one is current.
    public private(set) var model: GaussianProcess?
    private var fittedAt = 0

    public init(space: ParameterSpace, hyperparameters: BayesianHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = GeneCodec(space: space)
        self.acquisition = Acquisition(rawValue: hyperparameters.acquisition) ?? .ei
        var layout: [(Int, Bool)] = []
        var offset = 0
        for (parameter, levels) in zip(space.parameters, codec.levelCounts) {
            if case .categorical = parameter.kind {
                layout.append((offset, true))
                offset += levels!
            } else {
                layout.append((offset, false))
                offset += 1
            }
        }
        self.layout = layout
        self.width = offset
        self.kernel = Kernel(kind: Kernel.Kind(rawValue: hyperparameters.kernel) ?? .matern52,
                             lengthScales: [Double](repeating: 0.5, count: offset), signalVariance: 1, noiseVariance: 1e-4)
        var generator = SeededGenerator(seed: seed)
        self.initialQueue = Self.initialDesign(codec, count: hyperparameters.initialPoints, latinHypercube: hyperparameters.initialDesign == "lhs",
                                               using: &generator)
        self.generator = generator
    }

    /// The one-hot encoding of a gene vector (same as ``ParameterSpace/oneHot(_:)`` of its design).
    func encode(_ genes: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: width)
        for (index, gene) in genes.enumerated() {
            let (offset, oneHot) = layout[index]
            if oneHot {
                x[offset + Int(gene)] = 1
            } else if let levels = codec.levelCounts[index] {
                x[offset] = levels > 1 ? gene / Double(levels - 1) : 0
            } else {
                x[offset] = gene
            }
        }
        return x
    }

    public mutating func ask(count: Int) -> [Design] {
        var designs: [Design] = []
        if targets.count >= hyperparameters.initialPoints { initialQueue.removeAll() }   // enough data already
        while designs.count < count, !initialQueue.isEmpty {
            let design = codec.design(initialQueue.removeFirst())
            seen.insert(design)
            designs.append(design)
        }
        guard designs.count < count else { return designs }
        guard !targets.isEmpty, var fantasy = currentModel() else {
            while designs.count < count { designs.append(freshRandomDesign()) }
            return designs
        }
        let incumbent = targets.max()!, worst = targets.min()!
        while designs.count < count {
            let genes = proposal(model: fantasy, best: incumbent)
            let design = codec.design(genes)
            seen.insert(design)
            designs.append(design)
            if designs.count < count {
                let x = encode(genes)
                let lie = hyperparameters.batchStrategy == "liar" ? worst : fantasy.predict(x).mean
                do { try fantasy.append(input: x, target: lie) } catch { break }
            }
        }
        while designs.count < count { designs.append(freshRandomDesign()) }
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            let x = encode(codec.genes(evaluation.design))
            let y = evaluation.reward ?? (rewards.min() ?? 0)
            inputs.append(x)
            rewards.append(y)
            margins.append(evaluation.feasible ? 1 : evaluation.isBuildable ? -Objective.soft(evaluation.violation) : -1)
            seen.insert(evaluation.design)
            if model != nil {
                // A provisional target: every target is set once the whole batch is in (below).
                do { try model!.append(input: x, target: y) } catch { model = nil }
            }
        }
        targets = hyperparameters.targetWarp == "rank" ? NormalDistribution.scores(rewards) : rewards
        model?.replaceTargets(targets)
    }

    /// The GP over all observations, refitting the kernel when `refitEvery` observations arrived since.
    private mutating func currentModel() -> GaussianProcess? {
        if model == nil || targets.count >= fittedAt + hyperparameters.refitEvery {
            let (fitInputs, fitTargets) = fitSample()
            kernel = GaussianProcess.fitKernel(start: kernel, inputs: fitInputs, targets: fitTargets, restarts: hyperparameters.restarts,
                                               maxEvaluations: hyperparameters.fitEvaluations, using: &generator)
            model = try? GaussianProcess(kernel: kernel, inputs: inputs, targets: targets)
            fittedAt = targets.count
        }
        return model
    }

    /// At most `fitSubset` observations: the best half of the subset and a random sample of the rest.
    private mutating func fitSample() -> ([[Double]], [Double]) {
        let limit = hyperparameters.fitSubset
        guard targets.count > limit else { return (inputs, targets) }
        let ranked = targets.indices.sorted { targets[$0] > targets[$1] }
        var chosen = Array(ranked.prefix(limit / 2))
        var rest = Array(ranked.dropFirst(limit / 2))
        rest.shuffle(using: &generator)
        chosen += rest.prefix(limit - chosen.count)
        chosen.sort()
        return (chosen.map { inputs[$0] }, chosen.map { targets[$0] })
    }

    /// The gene vector that maximizes the acquisition among random candidates and local-search moves,
    /// skipping designs already proposed.
    private mutating func proposal(model: GaussianProcess, best: Double) -> [Double] {
        let scale = model.targetScale
        let feasibility = feasibilityModel()
        func score(_ batch: [[Double]]) -> [Double] {
            let encoded = batch.map(encode)
            let values = model.predict(batch: encoded).map { mean, variance in
                acquisition.value(mean: mean, standardDeviation: variance.squareRoot(), best: best,
                                  xi: hyperparameters.xi * scale, kappa: hyperparameters.kappa)
            }
            guard let feasibility, acquisition != .ucb else { return values }
            return zip(values, feasibility.predict(batch: encoded)).map { value, margin in
                value * Self.probabilityOfFeasibility(mean: margin.mean, variance: margin.variance)
            }
        }
        let incumbent = codec.genes(codec.design(targets.indices.max { targets[$0] < targets[$1] }.map { decode(inputs[$0]) }!))
        let candidates = (0..<hyperparameters.candidates).map { _ in codec.randomGenes(using: &generator) } + [incumbent]
        var scored = Array(zip(score(candidates), candidates)).map { (value: $0.0, genes: $0.1) }
        let incumbentScore = scored[scored.count - 1]
        scored.sort { $0.value > $1.value }
        var starts = Array(scored.prefix(hyperparameters.localStarts))
        if hyperparameters.localStarts > 0 { starts.append(incumbentScore) }
        // Greedy ascent from every start at once: one batched prediction per step for all active starts.
        var current = starts
        var active = Array(current.indices)
        for _ in 0..<20 where !active.isEmpty {
            let moves = active.map { neighbours(of: current[$0].genes) }
            let values = score(moves.flatMap { $0 })
            scored += zip(values, moves.flatMap { $0 }).map { (value: $0.0, genes: $0.1) }
            var offset = 0
            var stillActive: [Int] = []
            for (slot, start) in active.enumerated() {
                let count = moves[slot].count
                if count > 0, let best = (offset..<offset + count).max(by: { values[$0] < values[$1] }), values[best] > current[start].value {
                    current[start] = (values[best], moves[slot][best - offset])
                    stillActive.append(start)
                }
                offset += count
            }
            active = stillActive
        }
        scored.sort { $0.value > $1.value }
        for candidate in scored where !seen.contains(codec.design(candidate.genes)) { return candidate.genes }
        return codec.genes(freshRandomDesign())
    }

    /// The GP of the feasibility margins, when some observation was infeasible (`nil`: all feasible).
    private func feasibilityModel() -> GaussianProcess? {
        guard margins.contains(where: { $0 < 1 }) else { return nil }
        return try? GaussianProcess(kernel: kernel, inputs: inputs, targets: margins)
    }

    /// P(c(x) ≥ 0) for a posterior N(mean, variance) of the margin.
    static func probabilityOfFeasibility(mean: Double, variance: Double) -> Double {
        let sigma = variance.squareRoot()
        guard sigma > Acquisition.zeroDeviation else { return mean >= 0 ? 1 : 0 }
        return NormalDistribution.cdf(mean / sigma)
    }

    /// Designs one step away: every other choice of a categorical parameter, ±1 and ±⌈levels/8⌉ levels
    /// of an ordered one, ±0.02 and ±0.1 of a continuous one's normalized position.
    private func neighbours(of genes: [Double]) -> [[Double]] {
        var result: [[Double]] = []
        for index in genes.indices {
            var steps: [Double]
            if let levels = codec.levelCounts[index] {
                if layout[index].oneHot {
                    steps = (0..<levels).map { Double($0) - genes[index] }.filter { $0 != 0 }
                } else {
                    let far = Double(max(2, (levels + 7) / 8))
                    steps = [-1, 1, -far, far].filter { (0...Double(levels - 1)).contains(genes[index] + $0) }
                }
            } else {
                steps = [-0.1, -0.02, 0.02, 0.1].filter { (0...1).contains(genes[index] + $0) }
            }
            for step in steps {
                var neighbour = genes
                neighbour[index] += step
                result.append(neighbour)
            }
        }
        return result
    }

    /// The gene vector of an encoded input (inverse of ``encode(_:)``).
    private func decode(_ x: [Double]) -> [Double] {
        layout.enumerated().map { index, entry in
            if entry.oneHot {
                let levels = codec.levelCounts[index]!
                return Double((0..<levels).max { x[entry.offset + $0] < x[entry.offset + $1] }!)
            }
            if let levels = codec.levelCounts[index] { return (x[entry.offset] * Double(levels - 1)).rounded() }
            return x[entry.offset]
        }
    }

    private mutating func freshRandomDesign() -> Design {
        var design = space.randomDesign(using: &generator)
        for _ in 0..<10 where seen.contains(design) { design = space.randomDesign(using: &generator) }
        seen.insert(design)
        return design
    }

    /// `count` gene vectors: uniform, or a Latin hypercube (each parameter's [0, 1) range cut into `count`
    /// strata, one point per stratum, strata shuffled independently per parameter).
    static func initialDesign(_ codec: GeneCodec, count: Int, latinHypercube: Bool, using generator: inout SeededGenerator) -> [[Double]] {
        guard latinHypercube else { return (0..<count).map { _ in codec.randomGenes(using: &generator) } }
        var columns: [[Double]] = []
        for index in 0..<codec.count {
            var strata = Array(0..<count)
            strata.shuffle(using: &generator)
            columns.append(strata.map { stratum in
                let u = (Double(stratum) + Double.random(in: 0..<1, using: &generator)) / Double(count)
                guard let levels = codec.levelCounts[index] else { return u }
                return Double(min(Int(u * Double(levels)), levels - 1))
            })
        }
        return (0..<count).map { row in columns.map { $0[row] } }
    }
}
