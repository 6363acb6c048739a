import GymCore

/// A generational genetic algorithm over the mixed space (ArchGym's GA, with elitism).
///
/// Each parameter is one gene (see ``GeneCodec``). Generation 0 is uniform random. When a generation has
/// been proposed, the next one is bred from the evaluated individuals plus the ``GeneticHyperparameters/eliteCount``
/// best individuals seen so far (elites stay in the parent pool instead of being re-evaluated): select two parents
/// (tournament or roulette), cross them over (uniform or one-point) with probability `crossoverRate`, mutate each
/// gene with probability `mutationRate`. Children identical to a design proposed in the last
/// ``recentGenerations`` generations are mutated again (up to ten times) so the budget is not spent on repeats;
/// older designs are forgotten, so a run's memory stays bounded however long it is. Infeasible individuals rank
/// below every feasible one.
///
/// ```swift
/// var agent = GeneticAgent(space: environment.parameterSpace, seed: 1)
/// let generation = agent.ask(count: 32)
/// agent.tell(try generation.map(environment.step))
/// ```
public struct GeneticAgent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: GeneticHyperparameters
    private let codec: GeneCodec
    private var generator: SeededGenerator
    /// Designs bred but not yet proposed.
    private var queue: [[Double]] = []
    /// Evaluated individuals of the generation being filled.
    private var current: [(genes: [Double], evaluation: Evaluation)] = []
    /// The pool the last generation was bred from (kept to breed again if nothing was evaluated since).
    private var parents: [(genes: [Double], evaluation: Evaluation)] = []
    /// The best individuals seen so far, best first (at most `eliteCount`).
    private var elites: [(genes: [Double], evaluation: Evaluation)] = []
    /// Designs proposed in each of the last ``recentGenerations`` generations, oldest first.
    private var seen: [Set<Design>] = []
    /// How many generations of proposed designs are remembered to avoid repeats.
    static let recentGenerations = 16

    /// Designs remembered to avoid repeats (at most ``recentGenerations`` × population size).
    var rememberedDesignCount: Int { seen.reduce(0) { $0 + $1.count } }
    /// Generations bred so far (generation 0 is the random one).
    public private(set) var generation = -1

    public init(space: ParameterSpace, hyperparameters: GeneticHyperparameters = .init(), seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        self.codec = GeneCodec(space: space)
        self.generator = SeededGenerator(seed: seed)
    }

    public var isExhausted: Bool {
        hyperparameters.generations > 0 && queue.isEmpty && generation + 1 >= hyperparameters.generations
    }

    public mutating func ask(count: Int) -> [Design] {
        var designs: [Design] = []
        while designs.count < count {
            if queue.isEmpty {
                if hyperparameters.generations > 0, generation + 1 >= hyperparameters.generations { break }
                breed()
            }
            designs.append(codec.design(queue.removeFirst()))
        }
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            let individual = (genes: codec.genes(evaluation.design), evaluation: evaluation)
            current.append(individual)
            if let worst = elites.last, elites.count >= hyperparameters.eliteCount, !evaluation.isBetter(than: worst.evaluation) { continue }
            guard hyperparameters.eliteCount > 0 else { continue }
            elites.append(individual)
            elites.sort { $0.evaluation.isBetter(than: $1.evaluation) }
            if elites.count > hyperparameters.eliteCount { elites.removeLast() }
        }
    }

    /// Fills ``queue`` with the next generation.
    private mutating func breed() {
        generation += 1
        if !current.isEmpty {
            parents = current
            current = []
            for elite in elites where !parents.contains(where: { $0.genes == elite.genes }) { parents.append(elite) }
            parents.sort { $0.evaluation.isBetter(than: $1.evaluation) }
        }
        if seen.count == Self.recentGenerations { seen.removeFirst() }
        seen.append([])
        for _ in 0..<hyperparameters.populationSize {
            var child = parents.isEmpty ? codec.randomGenes(using: &generator) : offspring()
            var tries = 0
            while seen.contains(where: { $0.contains(codec.design(child)) }), tries < 10 {
                let index = Int.random(in: 0..<codec.count, using: &generator)
                child[index] = parents.isEmpty ? codec.randomGene(index, using: &generator)
                    : codec.mutate(child[index], parameter: index, stepSize: hyperparameters.stepSize, using: &generator)
                tries += 1
            }
            seen[seen.count - 1].insert(codec.design(child))
            queue.append(child)
        }
    }

    private mutating func offspring() -> [Double] {
        let mother = select(), father = select()
        var child = mother
        if Double.random(in: 0..<1, using: &generator) < hyperparameters.crossoverRate {
            if hyperparameters.crossover == "onePoint" {
                let cut = codec.count > 1 ? Int.random(in: 1..<codec.count, using: &generator) : 0
                for index in cut..<codec.count { child[index] = father[index] }
            } else {
                for index in 0..<codec.count where Bool.random(using: &generator) { child[index] = father[index] }
            }
        }
        for index in 0..<codec.count where Double.random(in: 0..<1, using: &generator) < hyperparameters.mutationRate {
            child[index] = codec.mutate(child[index], parameter: index, stepSize: hyperparameters.stepSize, using: &generator)
        }
        return child
    }

    /// One parent from ``parents`` (sorted best first).
    private mutating func select() -> [Double] {
        let count = parents.count
        if hyperparameters.selection == "roulette" {
            // Linear ranking: the best of n has weight n, the worst 1.
            let total = Double(count * (count + 1) / 2)
            var ticket = Double.random(in: 0..<total, using: &generator)
            for (rank, parent) in parents.enumerated() {
                ticket -= Double(count - rank)
                if ticket < 0 { return parent.genes }
            }
            return parents[count - 1].genes
        }
        var winner = Int.random(in: 0..<count, using: &generator)
        for _ in 1..<max(hyperparameters.tournamentSize, 1) {
            winner = min(winner, Int.random(in: 0..<count, using: &generator))   // sorted: lower index is better
        }
        return parents[winner].genes
    }
}
