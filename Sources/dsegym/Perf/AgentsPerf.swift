import Agents
import Environments
import Foundation
import GymCore

extension PerfSection {
    /// Proposal time of every search agent after 100, 500 and 1,000 observations on the synthetic
    /// environment: the agent is told that many evaluations of random designs, then proposes one design
    /// and is told its evaluation, ten times. Reports the mean and the slowest of the ten (for `bo` the
    /// slowest includes a kernel refit, which happens every `refitEvery` observations).
    static let agents = PerfSection(name: "agents", summary: "proposal time per agent at 100/500/1,000 observations") { _ in
        let environment = try SyntheticEnvironment()
        var rows: [PerfRow] = []
        for name in ["random_walk", "ga", "aco", "bo", "tpe", "cmaes", "nsga2"] {
            for observations in [100, 500, 1_000] {
                var agent = try AgentRegistry.standard.make(name, space: environment.parameterSpace, seed: 1).agent
                var generator = SeededGenerator(seed: 2)
                let history = try (0..<observations).map { _ in try environment.step(environment.parameterSpace.randomDesign(using: &generator)) }
                for start in stride(from: 0, to: history.count, by: 50) { agent.tell(Array(history[start..<min(start + 50, history.count)])) }
                var times: [Double] = []
                for _ in 0..<10 {
                    var designs: [Design] = []
                    times.append(Stopwatch.seconds { designs = agent.ask(count: 1) })
                    agent.tell(try designs.map(environment.step))
                }
                let item = "\(name) after \(observations) observations"
                rows.append(PerfRow(section: "agents", item: item, metric: "mean proposal time", value: times.reduce(0, +) / Double(times.count) * 1e3, unit: "ms"))
                rows.append(PerfRow(section: "agents", item: item, metric: "slowest proposal time", value: times.max()! * 1e3, unit: "ms"))
            }
        }
        return rows
    }
}
