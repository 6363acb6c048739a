import ArgumentParser
import Foundation
import Results

/// `dsegym runs`: the runs in a results store.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the runs in the results store.")

    @OptionGroup var resultsOptions: ResultsOptions
    @Option(help: "Only runs of this sweep.") var sweep: String?

    func run() throws {
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        var table = TextTable(header: ["run", "environment", "workload", "agent", "seed", "evaluations", "best reward", "status"])
        table.rows = try store.runs(sweepID: sweep).map { run in
            [String(run.id), run.specification.environment, run.specification.workload, run.specification.agent,
             String(run.specification.seed), "\(run.evaluationCount)/\(run.specification.budget)", format(run.bestReward), run.status.rawValue]
        }
        print(table.rendered)
    }
}
