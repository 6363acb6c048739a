import ArgumentParser
import Environments
import Experiments
import GymCore

/// `dsegym eval ENV --set k=v ...`: evaluates one design and prints metrics, feasibility and reward.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate one design.",
        discussion: "Parameters not given with --set take the environment's default values.")

    @Argument(help: "Environment name (see `dsegym envs`).") var environment: String
    @Option(name: .customLong("set"), help: ArgumentHelp("Parameter value name=value (repeatable).", valueName: "name=value"))
    var assignments: [String] = []
    @OptionGroup var environmentOptions: EnvironmentOptions
    @Flag(help: "Print the evaluation as one JSON object: design, metrics, feasible, reason, reward, sim_wall_s.") var json = false

    func run() async throws {
        let made = try environmentOptions.experiment(environment: environment, agent: "").makeEnvironment()
        let partial = try made.parameterSpace.parseAssignments(assignments)
        let design = try made.parameterSpace.validate(partial, fillingDefaults: true)
        let evaluation = try made.step(design)
        if json {
            try printJSON(evaluation)
            return
        }
        print("design:   \(evaluation.design)")
        print("metrics:  \(describeMetrics(evaluation.metrics, descriptors: made.metrics))")
        print("feasible: \(evaluation.feasible)" + (evaluation.reason.map { " (\($0))" } ?? ""))
        print("reward:   \(format(evaluation.reward))  [\(made.objective)]")
        print("sim time: \(format(evaluation.simWallSeconds * 1e3)) ms")
    }
}
