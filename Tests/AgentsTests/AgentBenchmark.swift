import Agents
import Environments
import GymCore
import XCTest

/// Runs agents on an environment without the runner (AgentsTests depends only on Agents and Environments)
/// and compares their best-after-budget rewards statistically.
enum AgentBenchmark {
    /// Best feasible reward after `budget` evaluations, proposing `batch` designs per round.
    static func bestReward(_ agent: inout some SearchAgent, environment: some Environment, budget: Int, batch: Int = 1) throws -> Double {
        var best = -Double.infinity
        var used = 0
        while used < budget, !agent.isExhausted {
            let designs = agent.ask(count: min(batch, budget - used))
            if designs.isEmpty { break }
            let evaluations = try designs.map { try environment.step($0) }
            for evaluation in evaluations where evaluation.feasible { best = max(best, evaluation.reward ?? -.infinity) }
            agent.tell(evaluations)
            used += designs.count
        }
        return best
    }

    /// Best reward per seed (seeds 1...seeds) of the agent `name` from the standard registry.
    static func bestRewards(agent name: String, overrides: [String: String] = [:], environment: some Environment,
                            budget: Int, seeds: Int = 20, batch: Int = 1) throws -> [Double] {
        try (1...UInt64(seeds)).map { seed in
            var agent = try AgentRegistry.standard.make(name, space: environment.parameterSpace, overrides: overrides, seed: seed * 7919).agent
            return try bestReward(&agent, environment: environment, budget: budget, batch: batch)
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The Mann–Whitney (rank-sum) probability of superiority: P(a > b) + P(a = b)/2 over all pairs,
    /// i.e. U / (n·m). 0.5 means no difference; with 20 + 20 samples, ≥ 0.70 is significant at about
    /// p < 0.02 (one-sided; U ≥ 280 against a null mean of 200 and σ ≈ 36.97).
    static func probabilityOfSuperiority(_ a: [Double], over b: [Double]) -> Double {
        var wins = 0.0
        for x in a { for y in b { wins += x > y ? 1 : (x == y ? 0.5 : 0) } }
        return wins / Double(a.count * b.count)
    }

    /// Asserts `agent` beats random walk over 20 seeds: a higher median best reward by `margin`, and a
    /// rank-sum probability of superiority of at least 0.7.
    /// `margin` is in the metric's unit (loss on the synthetic environment) and becomes a reward margin
    /// through the default objective's reference: near the optimum the reward −soft(loss / ref) ≈ −loss / ref.
    static func assertBeatsRandomWalk(_ agent: String, overrides: [String: String] = [:], environment: some Environment,
                                      budget: Int, margin metricMargin: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .weightedSum(let terms) = environment.objective.goal, let reference = terms.first?.reference else {
            return XCTFail("expected a single referenced term", file: file, line: line)
        }
        let margin = metricMargin / reference
        let ours = try bestRewards(agent: agent, overrides: overrides, environment: environment, budget: budget)
        let random = try bestRewards(agent: "random_walk", environment: environment, budget: budget)
        let superiority = probabilityOfSuperiority(ours, over: random)
        let message = "\(agent) median \(median(ours)) vs random_walk \(median(random)); P(superior) \(superiority); ours \(ours.sorted().map { ($0 * 1000).rounded() / 1000 }); random \(random.sorted().map { ($0 * 1000).rounded() / 1000 })"
        print(message)
        XCTAssertGreaterThan(median(ours), median(random) + margin, message, file: file, line: line)
        XCTAssertGreaterThanOrEqual(superiority, 0.7, message, file: file, line: line)
    }
}
