import ArgumentParser
import Foundation
import Results

/// `dsegym import --from DIR`: merges the runs of another results store into this one.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Copy the runs of another results store into this one (idempotent per sweep run).",
        discussion: """
            Copies every ended run of the store in --from (its dsegym.sqlite) with its evaluations, one transaction per run.
            A sweep run (sweep id + run key) this store already holds as complete is not copied again, and half-finished
            rows of that key are replaced, so importing twice changes nothing. The Ray driver (docs/ray.md) commits
            each finished task's node-local store this way; it also merges stores from several machines.
            Example: dsegym import --from node1/results --results results
            """)

    @Option(help: ArgumentHelp("Results folder to copy from (holds dsegym.sqlite).", valueName: "dir")) var from: String
    @OptionGroup var resultsOptions: ResultsOptions
    @Flag(help: "Print what happened to each run as JSON.") var json = false

    func run() throws {
        let sourceDirectory = URL(fileURLWithPath: from)
        guard FileManager.default.fileExists(atPath: sourceDirectory.appendingPathComponent(ResultsStore.fileName).path) else {
            throw InputError("--from \(from): no results store there (expected \(ResultsStore.fileName))")
        }
        let source = try ResultsStore(directory: sourceDirectory)
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        guard source.databaseURL.standardizedFileURL != store.databaseURL.standardizedFileURL else {
            throw InputError("--from \(from) is the store given by --results; nothing to import")
        }
        let imports = try store.importRuns(from: source)
        if json {
            struct Row: Encodable {
                var source_run_id: Int, run_id: Int?, sweep: String?, run_key: String?, status: String, evaluations: Int, outcome: String
            }
            struct Report: Encodable { var runs: [Row]; var results: String }
            try printJSON(Report(runs: imports.map {
                Row(source_run_id: $0.sourceRunID, run_id: $0.runID, sweep: $0.sweepID, run_key: $0.runKey,
                    status: $0.status.rawValue, evaluations: $0.evaluations, outcome: $0.outcome.rawValue)
            }, results: store.databaseURL.path))
            return
        }
        let count = { (outcome: RunImport.Outcome) in imports.filter { $0.outcome == outcome }.count }
        print("imported \(count(.imported)) runs (\(imports.map(\.evaluations).reduce(0, +)) evaluations) from \(source.databaseURL.path) "
            + "into \(store.databaseURL.path); \(count(.alreadyPresent)) already present, \(count(.busy)) being run here now, "
            + "\(count(.unfinished)) still running in the source")
    }
}
