import ArgumentParser
import Foundation
import Results

/// `dsegym export`: stored evaluations as CSV, JSON Lines or ArchGym's table.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export stored evaluations (csv, jsonl, or archgym: reward, knobs..., metrics...).",
        discussion: """
            csv and jsonl carry run, sweep, environment, workload, agent, seed, objective, one hp_<name> column per \
            agent hyperparameter, the design, the metrics, feasible, reason, reward and best_so_far: the same \
            columns as dsegym.results in Python. Filter with --run, --sweep and --env.
            """)

    @OptionGroup var resultsOptions: ResultsOptions
    @Option(name: .customLong("run"), help: "Run id to export (repeatable; all runs when omitted).") var runIDs: [Int] = []
    @Option(help: "Only runs of this sweep id.") var sweep: String?
    @Option(name: .customLong("env"), help: "Only runs of this environment.") var environment: String?
    @Option(help: "Output format: csv, jsonl or archgym.") var format: String = "csv"
    @Option(name: [.short, .long], help: "Output file (standard output when omitted).") var output: String?

    func run() throws {
        guard let exportFormat = ResultsExporter.Format(rawValue: format) else {
            throw InputError("--format '\(format)' is unknown; allowed: \(ResultsExporter.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let directory = URL(fileURLWithPath: resultsOptions.results)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ResultsStore.fileName).path) else {
            throw InputError("no results store in '\(resultsOptions.results)' (expected \(ResultsStore.fileName)); run an experiment first or pass --results")
        }
        let store = try ResultsStore(directory: directory)
        for id in runIDs where (try? store.run(id)) == nil { throw InputError("--run \(id): no such run in \(store.databaseURL.path)") }
        let selection = RunSelection(runIDs: runIDs, sweepID: sweep, environment: environment)
        if try selection.runs(in: store).isEmpty {
            throw InputError("no stored run matches\(sweep.map { " --sweep \($0)" } ?? "")\(environment.map { " --env \($0)" } ?? ""); `dsegym runs` lists what the store holds")
        }
        let text = try ResultsExporter(store: store).export(selection, format: exportFormat)
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            printError("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}
