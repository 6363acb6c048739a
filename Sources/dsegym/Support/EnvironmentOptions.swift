import ArgumentParser
import Experiments
import GymCore

/// Options shared by commands that make an environment: workload, options, objective.
struct EnvironmentOptions: ParsableArguments {
    @Option(name: .long, help: "Workload of the environment (see `dsegym describe ENV`).")
    var workload: String?

    @Option(name: .customLong("env-option"), help: ArgumentHelp("Environment option name=value (repeatable).", valueName: "name=value"))
    var environmentOptions: [String] = []

    @Option(name: .long, help: "Objective preset of the environment (see `dsegym describe ENV`).")
    var objective: String?

    @Option(name: .long, help: ArgumentHelp("Target metric=value: ArchGym-style relative-distance reward; the run stops when every target is reached (repeatable).", valueName: "metric=value"))
    var target: [String] = []

    @Option(name: .long, help: ArgumentHelp("Constraint such as area_mm2<=4 or utilization>=50 (repeatable); violating designs are infeasible.", valueName: "metric<=value"))
    var constraint: [String] = []

    /// An experiment for `environment` with these options and `agent`.
    func experiment(environment: String, agent: String) throws -> Experiment {
        var targets: [String: Double] = [:]
        for (metric, text) in try parsePairs(target, option: "--target") {
            guard let value = Double(text), value.isFinite else { throw InputError("--target \(metric)=\(text): the value must be a number") }
            targets[metric] = value
        }
        return Experiment(environment: environment, workload: workload,
                          environmentOptions: try parsePairs(environmentOptions, option: "--env-option"),
                          objectivePreset: objective, targets: targets,
                          constraints: try constraint.map(Self.parseConstraint), agent: agent)
    }

    static func parseConstraint(_ text: String) throws -> Objective.Constraint {
        if let constraint = Objective.Constraint(parsing: text) { return constraint }
        throw InputError("--constraint '\(text)': expected metric<=number or metric>=number")
    }
}

/// Where the results store lives.
struct ResultsOptions: ParsableArguments {
    @Option(name: .long, help: "Results folder (holds dsegym.sqlite).")
    var results: String = "results"
}
