import Agents
import Environments
import Foundation
import GymCore

extension PerfSection {
    /// PPO and multi-agent PPO with their default hyperparameters on the synthetic environment:
    /// proposals per second (sampling the policy) and updates per second (one PPO update of a rollout:
    /// `epochs × rolloutSize / minibatchSize` Adam steps of actor and critic).
    static let rlAgents = PerfSection(name: "rl-agents", summary: "PPO and multi-agent PPO: proposals/s and updates/s on synthetic") { _ in
        let environment = try SyntheticEnvironment()
        let space = environment.parameterSpace
        let evaluation = try environment.step(try SyntheticEnvironment.optimum())
        var rows: [PerfRow] = []
        func measure(_ name: String, make: () throws -> any SearchAgent, rolloutSize: Int) throws {
            var proposer = try make()
            let proposals = Stopwatch.repeatFor(minimumSeconds: 0.5) { _ = proposer.ask(count: 64) }
            let proposalSeconds = proposals.seconds / Double(proposals.repetitions * 64)
            var learner = try make()
            let rollouts = 20
            let total = Stopwatch.seconds {
                for _ in 0..<(rollouts * rolloutSize) {
                    let designs = learner.ask(count: 1)
                    var told = evaluation
                    told.design = designs[0]
                    learner.tell([told])
                }
            }
            let updateSeconds = max(total - proposalSeconds * Double(rollouts * rolloutSize), 1e-9) / Double(rollouts)
            rows.append(PerfRow(section: "rl-agents", item: "\(name), defaults", metric: "proposals/s", value: 1 / proposalSeconds, unit: "1/s"))
            rows.append(PerfRow(section: "rl-agents", item: "\(name), defaults (rollout \(rolloutSize))", metric: "updates/s", value: 1 / updateSeconds, unit: "1/s"))
        }
        try measure("ppo", make: { PPOAgent(space: space, seed: 1) }, rolloutSize: PPOHyperparameters().rolloutSize)
        try measure("mappo (4 agents)", make: { try MultiAgentPPOAgent(space: space, seed: 1) }, rolloutSize: MultiAgentPPOHyperparameters().rolloutSize)
        return rows
    }
}
