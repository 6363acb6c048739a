import Foundation
import GymCore
import Surrogates

/// Multi-fidelity search: a cheap proxy of the real environment screens many designs, and only the
/// most promising go to the real environment.
///
/// 1. The first `initialPoints` designs are random (or, with a saved `proxy`, the best of `candidates`
///    random designs screened on it).
/// 2. From then on the agent keeps its own proxy (``ProxyModel``, a random forest per metric the
///    objective reads, plus a feasibility classifier once a simulation failed), refitted every
///    `refitEvery` real answers.
/// 3. Each proposal screens `candidates` random designs, the neighbours of the `localStarts` best real
///    designs, and greedy local-search moves from the best screened ones. Tree t of every forest gives
///    one guess of the metrics; the objective turns each guess into a reward and a constraint check,
///    so the forest's tree spread is the uncertainty of the reward. Rewards are compared on the normal
///    scores of the real rewards (``RewardWarp``), so the ranking does not depend on their scale.
///    Designs are ranked by the acquisition (expected improvement over the best real reward, by
///    default, times the probability of being feasible), and the best not yet evaluated is asked for.
/// With `trend` the forests learn the residuals of a linear trend of each metric and so extrapolate
/// towards designs beyond those tried (a forest alone never predicts past the values it saw).
///
/// It is an ordinary ask/tell agent, so it works with local, remote and external environments; every
/// evaluation it is told is real, and ``proxyScreens`` counts the predictions it made.
///
/// ```swift
/// var agent = try MultiFidelityAgent(space: environment.parameterSpace, objective: environment.objective, seed: 1)
/// for _ in 0..<40 { agent.tell(try agent.ask(count: 1).map(environment.step)) }
/// print(agent.realEvaluations, agent.proxyScreens)
/// ```
public struct MultiFidelityAgent: ScreeningAgent {
    public let space: ParameterSpace
    public let hyperparameters: MultiFidelityHyperparameters
    /// The objective the proposals are ranked by (`nil`: the reward is modelled directly).
    public let objective: Objective?
    private let codec: GeneCodec
    private let modelledMetrics: [MetricDescriptor]
    private var generator: SeededGenerator
    private var initialQueue: [Design]
    private var observations: [Evaluation] = []
    private var seen: Set<Design> = []
    /// The agent's proxy of the real environment, fitted on every real answer so far.
    public private(set) var model: ProxyModel?
    private var fittedAt = 0
    public private(set) var proxyScreens = 0
    public var realEvaluations: Int { observations.count }

    /// Name of the pseudo-metric modelled when there is no objective: the reward itself.
    static let rewardMetric = "reward"

    public init(space: ParameterSpace, hyperparameters: MultiFidelityHyperparameters = .init(), objective: Objective? = nil, seed: UInt64) throws {
        self.space = space
        self.hyperparameters = hyperparameters
        self.objective = objective
        self.codec = GeneCodec(space: space)
        var names: [String] = []
        for name in objective?.metricNames ?? [] where !names.contains(name) { names.append(name) }
        if names.isEmpty { names = [Self.rewardMetric] }
        modelledMetrics = names.map { MetricDescriptor($0, unit: "1", direction: .minimize) }
        var generator = SeededGenerator(seed: seed)
        var initial: [Design] = []
        if !hyperparameters.proxy.isEmpty {
            let saved = try Self.loadProxy(hyperparameters.proxy, space: space)
            let pool = (0..<hyperparameters.candidates).map { _ in space.randomDesign(using: &generator) }
            let scoring = objective ?? saved.objective
            let ranked = pool.map { design in (design, scoring.evaluate(design, saved.predict(design), simWallSeconds: 0)) }
                .sorted { $0.1.isBetter(than: $1.1) }
            for (design, _) in ranked where !initial.contains(design) && initial.count < hyperparameters.initialPoints { initial.append(design) }
            proxyScreens = pool.count
        }
        while initial.count < hyperparameters.initialPoints { initial.append(space.randomDesign(using: &generator)) }
        self.initialQueue = initial
        self.generator = generator
    }

    private static func loadProxy(_ path: String, space: ParameterSpace) throws -> ProxyModel {
        let saved: ProxyModel
        do {
            saved = try ProxyModel.load(from: URL(fileURLWithPath: path))
        } catch {
            throw AgentError.invalidHyperparameter(agent: "mf", name: "proxy", value: path, allowed: "a proxy model file (\(error))")
        }
        guard saved.parameterSpace.domains == space.domains else {
            throw AgentError.invalidHyperparameter(agent: "mf", name: "proxy", value: path,
                                                   allowed: "a proxy of this space: \(space.domains.joined(separator: "; "))")
        }
        return saved
    }

    public mutating func ask(count: Int) -> [Design] {
        var designs: [Design] = []
        while designs.count < count, let design = initialQueue.first {
            initialQueue.removeFirst()
            guard seen.insert(design).inserted else { continue }
            designs.append(design)
        }
        guard designs.count < count else { return designs }
        refitIfDue()
        if let model {
            let ranked = screen(model: model)
            for candidate in ranked where designs.count < count && !seen.contains(candidate) {
                seen.insert(candidate)
                designs.append(candidate)
            }
        }
        while designs.count < count { designs.append(freshRandomDesign()) }
        return designs
    }

    public mutating func tell(_ evaluations: [Evaluation]) {
        for evaluation in evaluations {
            observations.append(evaluation)
            seen.insert(evaluation.design)
        }
    }

    /// Refits the proxy on every real answer when `refitEvery` arrived since the last fit.
    private mutating func refitIfDue() {
        guard observations.count >= 2, model == nil || observations.count >= fittedAt + hyperparameters.refitEvery else { return }
        let training: [Evaluation]
        if objective == nil || modelledMetrics.first?.name == Self.rewardMetric {
            training = observations.map { evaluation in
                var copy = evaluation
                copy.metrics = evaluation.reward.map { [Self.rewardMetric: $0] } ?? [:]
                return copy
            }
        } else {
            training = observations
        }
        var settings = SurrogateSettings(kind: .forest, trend: hyperparameters.trend)
        settings.forest = RandomForest.Settings(trees: hyperparameters.trees, minLeaf: 1, featureFraction: hyperparameters.featureFraction)
        settings.seed = UInt64(observations.count)
        model = try? ProxyModel.fit(environment: "mf", workload: "", space: space, metrics: modelledMetrics,
                                    objective: objective ?? Objective(goal: .weightedSum([])),
                                    data: ProxyTrainingSet(evaluations: training, space: space), settings: settings)
        fittedAt = observations.count
    }

    /// The screened designs, most promising first.
    private mutating func screen(model: ProxyModel) -> [Design] {
        let warp = RewardWarp(observed: observations.compactMap(\.reward))
        let best = observations.filter(\.feasible).compactMap(\.reward).max().map { warp($0) }
        var scored: [(score: Double, design: Design)] = []
        func score(_ designs: [Design]) -> [(score: Double, design: Design)] {
            proxyScreens += designs.count
            return designs.map { (acquisition(model.memberPredictions($0), warp: warp, best: best), $0) }
        }
        var pool = (0..<hyperparameters.candidates).map { _ in space.randomDesign(using: &generator) }
        let ranked = observations.sorted { $0.isBetter(than: $1) }
        for evaluation in ranked.prefix(hyperparameters.localStarts) { pool += neighbours(of: evaluation.design) }
        scored = score(pool)
        // Greedy ascent on the proxy from the best screened designs.
        var starts = Array(scored.sorted { $0.score > $1.score }.prefix(hyperparameters.localStarts))
        for _ in 0..<10 where !starts.isEmpty {
            var improved: [(score: Double, design: Design)] = []
            for start in starts {
                let moves = score(neighbours(of: start.design))
                scored += moves
                if let top = moves.max(by: { $0.score < $1.score }), top.score > start.score { improved.append(top) }
            }
            starts = improved
        }
        return scored.sorted { $0.score > $1.score }.map(\.design)
    }

    /// The acquisition of one screened design from the ensemble's guesses (see the type's description).
    /// Rewards are compared after ``RewardWarp`` (`best` is the best feasible real reward, warped).
    private func acquisition(_ prediction: (members: [[String: Double]], probabilityMeasured: Double), warp: RewardWarp, best: Double?) -> Double {
        var rewards: [Double] = []
        for member in prediction.members {
            if let objective, modelledMetrics.first?.name != Self.rewardMetric {
                guard let reward = objective.reward(member),
                      objective.constraints.allSatisfy({ member[$0.metric].map($0.isSatisfied) ?? false }) else { continue }
                rewards.append(warp(reward))
            } else if let reward = member[Self.rewardMetric] {
                rewards.append(warp(reward))
            }
        }
        let feasibleShare = Double(rewards.count) / Double(max(prediction.members.count, 1)) * prediction.probabilityMeasured
        guard !rewards.isEmpty else { return 0 }
        let mean = rewards.reduce(0, +) / Double(rewards.count)
        let spread = (rewards.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rewards.count)).squareRoot()
        switch hyperparameters.acquisition {
        case "ucb": return feasibleShare >= 0.5 ? mean + hyperparameters.kappa * spread : -Double.greatestFiniteMagnitude * (1 - feasibleShare)
        case "uncertainty": return feasibleShare * spread
        default:
            guard let best else { return feasibleShare }   // nothing feasible yet: find feasibility first
            // A vanishing tie-break by the mean, so designs with no expected improvement still rank sensibly.
            return feasibleShare * (Acquisition.expectedImprovement(mean: mean, standardDeviation: spread, best: best, xi: 0)
                + 1e-9 * tanh(mean - best))
        }
    }

    private func neighbours(of design: Design) -> [Design] { codec.neighbours(of: codec.genes(design)).map(codec.design) }

    private mutating func freshRandomDesign() -> Design {
        var design = space.randomDesign(using: &generator)
        for _ in 0..<10 where seen.contains(design) { design = space.randomDesign(using: &generator) }
        seen.insert(design)
        return design
    }
}
