import GymCore

/// Ant colony optimization over (parameter, level) edges, after the ant colony system ArchGym uses
/// (DeepSwarm).
///
/// Pheromone τ lives on every (parameter, level) pair, τ₀ at the start. An ant walks the parameters in
/// order and at each one takes the level with the most pheromone with probability `greediness`, else
/// samples a level with probability ∝ τ. After each walk, the local update τ ← (1−ρ)τ + ρτ₀ on the edges it
/// took spreads later ants out. Every `antCount` evaluations, the global update τ ← (1−ρ)τ + ρ·deposit·τ₀
/// reinforces the edges of the best design so far. Only `depth` parameters (chosen at random) are decided
/// per walk; the rest are copied from the best design, so a small depth searches near it. Continuous
/// parameters use `resolution` levels. An ant that reproduces an earlier design walks again (up to ten
/// times) sampling without greed.
///
/// ```swift
/// var agent = AntColonyAgent(space: environment.parameterSpace, seed: 1)
/// let ants = agent.ask(count: 16)
/// agent.tell(try ants.map(environment.step))
/// ```
public struct AntColonyAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: AntColonyHyperparameters
    private let codec: GeneCodec
    /// Pheromone per parameter, per level.
    public private(set) var pheromone: [[Double]]
    private var generator: SeededGenerator
    private var best: (genes: [Double], evaluation: Evaluation)?
    private var toldSinceUpdate = 0
    private var seen: Set<Design> = []

    public init(space: ParameterSpace, hyperparameters: AntColonyHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = GeneCodec(space: space)
        self.generator = SeededGenerator(seed: seed)
        self.pheromone = codec.levelCounts.map { [Double](repeating: hyperparameters.initialPheromone, count: $0 ?? hyperparameters.resolution) }
    }

    public mutating func ask(count: Int) -> [Design] {
        (0..<count).map { _ in
            var (levels, decided) = walk(greedy: true)
            var chosen = design(levels, decided: decided)
            var tries = 0
            while seen.contains(chosen), tries < 10 {
                (levels, decided) = walk(greedy: false)
                chosen = design(levels, decided: decided)
                tries += 1
            }
            seen.insert(chosen)
            let rho = hyperparameters.evaporation, tau0 = hyperparameters.initialPheromone
            for (parameter, level) in levels.enumerated() {
                pheromone[parameter][level] = (1 - rho) * pheromone[parameter][level] + rho * tau0
            }
            return chosen
        }
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations where evaluation.isBetter(than: best?.evaluation) {
            best = (codec.genes(evaluation.design), evaluation)
        }
        toldSinceUpdate += evaluations.count
        guard toldSinceUpdate >= hyperparameters.antCount, let best else { return }
        toldSinceUpdate = 0
        let rho = hyperparameters.evaporation, amount = hyperparameters.deposit * hyperparameters.initialPheromone
        for (parameter, level) in levels(of: best.genes).enumerated() {
            pheromone[parameter][level] = (1 - rho) * pheromone[parameter][level] + rho * amount
        }
    }

    /// One ant's walk: a level per parameter, and which parameters it decided (the rest are the best's).
    private mutating func walk(greedy: Bool) -> (levels: [Int], decided: [Bool]) {
        let count = codec.count
        guard let best, hyperparameters.depth < count else {
            return ((0..<count).map { choose($0, greedy: greedy) }, [Bool](repeating: true, count: count))
        }
        var decided = [Bool](repeating: false, count: count)
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        for index in order.prefix(hyperparameters.depth) { decided[index] = true }
        let inherited = levels(of: best.genes)
        return ((0..<count).map { decided[$0] ? choose($0, greedy: greedy) : inherited[$0] }, decided)
    }

    private mutating func choose(_ parameter: Int, greedy: Bool) -> Int {
        let trail = pheromone[parameter]
        if greedy, Double.random(in: 0..<1, using: &generator) < hyperparameters.greediness {
            let top = trail.max()!
            let ties = trail.indices.filter { trail[$0] == top }
            return ties[Int.random(in: 0..<ties.count, using: &generator)]
        }
        var ticket = Double.random(in: 0..<trail.reduce(0, +), using: &generator)
        for (level, amount) in trail.enumerated() {
            ticket -= amount
            if ticket < 0 { return level }
        }
        return trail.count - 1
    }

    /// The pheromone level of each gene (continuous genes map to their cell).
    private func levels(of genes: [Double]) -> [Int] {
        genes.enumerated().map { index, gene in
            if codec.levelCounts[index] != nil { return Int(gene.rounded()) }
            return min(Int(gene * Double(hyperparameters.resolution)), hyperparameters.resolution - 1)
        }
    }

    /// The design for pheromone levels: a decided continuous level becomes a uniform draw within its
    /// cell; an inherited one keeps the best design's value.
    private mutating func design(_ levels: [Int], decided: [Bool]) -> Design {
        var genes = levels.map(Double.init)
        for index in 0..<codec.count where codec.levelCounts[index] == nil {
            if !decided[index], let best {
                genes[index] = best.genes[index]
            } else {
                genes[index] = (Double(levels[index]) + Double.random(in: 0..<1, using: &generator)) / Double(hyperparameters.resolution)
            }
        }
        return codec.design(genes)
    }
}
