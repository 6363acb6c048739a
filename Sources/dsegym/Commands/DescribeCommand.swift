import ArgumentParser
import Environments
import GymCore

/// `dsegym describe ENV`: parameter space, metrics with units, workloads and objective presets.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Describe an environment's parameter space, metrics, workloads and presets.")

    @Argument(help: "Environment name (see `dsegym envs`).") var environment: String
    @Option(help: "Workload to describe (the default one when omitted).") var workload: String?
    @Flag(help: "Print the description as one JSON object (the wire protocol's shape).") var json = false

    func run() throws {
        let entry = try EnvironmentRegistry.standard.entry(environment)
        var description = try entry.describe()
        if let workload {
            let made = try entry.make(workload: workload)
            description.workload = made.workload
            description.parameters = made.parameterSpace.parameters
            description.defaults = made.parameterSpace.defaults
            description.details = (made as? any DescribesDetails)?.details
            description.reward = RewardDescription(made.objective)
        }
        if json {
            try printJSON(description)
            return
        }
        print("\(description.name): \(description.summary)")
        print("workloads: \(description.workloads.joined(separator: ", ")) (described: \(description.workload))")
        if let size = description.parameterSpace.cardinality { print("designs: \(size)") } else { print("designs: infinite (continuous parameters)") }
        var parameters = TextTable(header: ["parameter", "kind", "allowed values", "default", "description"])
        parameters.rows = description.parameters.map { parameter in
            let kind: String
            switch parameter.kind {
            case .categorical: kind = "categorical"
            case .integer: kind = "integer"
            case .ordinal: kind = "ordinal"
            case .continuous: kind = "continuous"
            }
            return [parameter.name, kind, parameter.allowedValues, description.defaults?[parameter.name]?.description ?? "-", parameter.summary]
        }
        print("\n" + parameters.rendered)
        var metrics = TextTable(header: ["metric", "unit", "direction", "description"])
        metrics.rows = description.metrics.map { [$0.name, $0.unit, $0.direction.rawValue, $0.summary] }
        print("\n" + metrics.rendered)
        print("\ndefault objective: \(description.objective)")
        if let reward = description.reward {
            print("reward: \(reward.formula), soft(x) = x/(1+|x|): feasible in [\(formatNumber(reward.feasible[0])), \(formatNumber(reward.feasible[1]))], "
                + "violating constraints in [\(formatNumber(reward.infeasible[0])), \(formatNumber(reward.infeasible[1]))], "
                + "unbuildable \(formatNumber(reward.unbuildable)) (reward contract: \(reward.contract))")
        }
        for (name, objective) in description.presets.sorted(by: { $0.key < $1.key }) {
            print("preset --objective \(name): \(objective)")
        }
    }
}
