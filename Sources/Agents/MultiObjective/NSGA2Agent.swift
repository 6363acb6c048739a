import GymCore

/// NSGA-II (Deb et al., 2002): elitist multi-objective evolution by non-dominated sorting and crowding
/// distance, driven by ask/tell.
///
/// Objectives come from the run's ``Objective/Goal/pareto(_:)`` terms, or the `metrics` hyperparameter,
/// or else the scalar reward. Generation 0 is uniform random. Each following generation is bred from the
/// current population by binary tournaments (lower front wins, then larger crowding distance), uniform
/// crossover and per-gene mutation; once evaluated, parents and children are merged and the best
/// `populationSize` survive, front by front, the last front cut by crowding distance. Constrained
/// domination (Deb): infeasible evaluations (or ones missing an objective metric) rank after every
/// feasible one, each in its own front, ordered by ``EvaluationRank`` (smaller violation first).
/// ``paretoFront`` is the non-dominated set of every feasible evaluation seen.
///
/// ```swift
/// var agent = NSGA2Agent(space: space, objective: Objective(goal: .pareto([loss, cost])), seed: 1)
/// agent.tell(try agent.ask(count: 40).map(environment.step))
/// agent.paretoFront.count
/// ```
public struct NSGA2Agent: SearchAgent {
    public let space: ParameterSpace
    public let hyperparameters: NSGA2Hyperparameters
    /// The objectives, larger is better (each term's sign applied), empty for the scalar reward.
    public let terms: [Objective.Term]
    private let codec: GeneCodec
    private var generator: SeededGenerator
    private var queue: [[Double]] = []
    private var population: [Member] = []
    private var current: [Member] = []
    private var seen: Set<Design> = []
    /// The non-dominated feasible evaluations seen so far, with their objective vectors.
    public private(set) var archive: [(objectives: [Double], evaluation: Evaluation)] = []

    struct Member {
        var genes: [Double]
        var evaluation: Evaluation
        /// `nil` when infeasible or a metric is missing.
        var objectives: [Double]?
        var rank = 0
        var crowding = 0.0
    }

    public init(space: ParameterSpace, hyperparameters: NSGA2Hyperparameters = .init(), objective: Objective? = nil, seed: UInt64) {
        self.space = space
        self.hyperparameters = hyperparameters
        let paretoTerms = objective?.paretoTerms ?? []
        self.terms = !paretoTerms.isEmpty ? paretoTerms : hyperparameters.metricTerms
        self.codec = GeneCodec(space: space)
        self.generator = SeededGenerator(seed: seed)
    }

    /// The Pareto front: non-dominated feasible evaluations, in the order they were found.
    public var paretoFront: [Evaluation] { archive.map(\.evaluation) }

    /// The objective vector of an evaluation (larger is better), `nil` if infeasible or incomplete.
    public func objectives(of evaluation: Evaluation) -> [Double]? {
        guard evaluation.feasible else { return nil }
        if terms.isEmpty { return evaluation.reward.map { [$0] } }
        var vector: [Double] = []
        for term in terms {
            guard let value = evaluation.metrics[term.metric] else { return nil }
            vector.append(term.normalized(value))
        }
        return vector
    }

    public mutating func ask(count: Int) -> [Design] {
        var designs: [Design] = []
        while designs.count < count {
            if queue.isEmpty { breed() }
            designs.append(codec.design(queue.removeFirst()))
        }
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            let member = Member(genes: codec.genes(evaluation.design), evaluation: evaluation, objectives: objectives(of: evaluation))
            current.append(member)
            guard let vector = member.objectives else { continue }
            if archive.contains(where: { Pareto.dominates($0.objectives, vector) || $0.objectives == vector }) { continue }
            archive.removeAll { Pareto.dominates(vector, $0.objectives) }
            archive.append((vector, evaluation))
        }
    }

    /// Environmental selection (if children were evaluated since), then a new generation of children.
    private mutating func breed() {
        if !current.isEmpty {
            population = Self.survivors(of: population + current, count: hyperparameters.populationSize)
            current = []
        }
        let mutationRate = hyperparameters.mutationRate > 0 ? hyperparameters.mutationRate : 1 / Double(max(codec.count, 1))
        for _ in 0..<hyperparameters.populationSize {
            var child: [Double]
            if population.count < 2 {
                child = codec.randomGenes(using: &generator)
            } else {
                let mother = tournament(), father = tournament()
                child = mother
                if Double.random(in: 0..<1, using: &generator) < hyperparameters.crossoverRate {
                    for index in 0..<codec.count where Bool.random(using: &generator) { child[index] = father[index] }
                }
                for index in 0..<codec.count where Double.random(in: 0..<1, using: &generator) < mutationRate {
                    child[index] = codec.mutate(child[index], parameter: index, stepSize: hyperparameters.stepSize, using: &generator)
                }
            }
            var tries = 0
            while seen.contains(codec.design(child)), tries < 10 {
                let index = Int.random(in: 0..<codec.count, using: &generator)
                child[index] = population.count < 2 ? codec.randomGene(index, using: &generator)
                    : codec.mutate(child[index], parameter: index, stepSize: hyperparameters.stepSize, using: &generator)
                tries += 1
            }
            seen.insert(codec.design(child))
            queue.append(child)
        }
    }

    /// Binary tournament on (front, crowding distance).
    private mutating func tournament() -> [Double] {
        let a = population[Int.random(in: 0..<population.count, using: &generator)]
        let b = population[Int.random(in: 0..<population.count, using: &generator)]
        if a.rank != b.rank { return a.rank < b.rank ? a.genes : b.genes }
        if a.crowding != b.crowding { return a.crowding > b.crowding ? a.genes : b.genes }
        return Bool.random(using: &generator) ? a.genes : b.genes
    }

    /// The best `count` members, front by front, the last front cut by crowding distance; each member
    /// gets its rank and crowding distance.
    static func survivors(of members: [Member], count: Int) -> [Member] {
        let feasible = members.filter { $0.objectives != nil }
        let infeasible = members.filter { $0.objectives == nil }.sorted { $0.evaluation.isBetter(than: $1.evaluation) }
        var result: [Member] = []
        let fronts = Pareto.nonDominatedFronts(feasible.map { $0.objectives! })
        for (rank, front) in fronts.enumerated() {
            var group = front.map { feasible[$0] }
            let distances = Pareto.crowdingDistances(group.map { $0.objectives! })
            for index in group.indices {
                group[index].rank = rank
                group[index].crowding = distances[index]
            }
            if result.count + group.count <= count {
                result += group
            } else {
                group.sort { $0.crowding > $1.crowding }
                result += group.prefix(count - result.count)
            }
            if result.count >= count { return result }
        }
        for (offset, var member) in infeasible.enumerated() where result.count < count {
            member.rank = fronts.count + offset
            member.crowding = 0
            result.append(member)
        }
        return result
    }
}
