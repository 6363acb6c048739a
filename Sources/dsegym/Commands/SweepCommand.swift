import ArgumentParser
import Experiments
import Foundation
import Results

/// `dsegym sweep FILE`: runs a sweep file (resumable) and prints the leaderboard.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a sweep file (YAML or JSON); re-running it resumes.",
        discussion: """
            Expands environments x workloads x agents x hyperparameter settings x seeds, checks the whole file \
            before anything runs, runs the runs in parallel and records each under the sweep's name. \
            Re-running the same command skips finished runs and restarts half-finished ones.
            Format: docs/sweeps.md. Example: dsegym sweep agents/sweeps/smoke.yaml --jobs 2
            """)

    @Argument(help: "Sweep file (.yaml, .yml or .json).") var file: String
    @Option(name: .customLong("jobs"), help: "Runs executed at once (default: the number of cores).") var jobsOption: Int?
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @OptionGroup var resultsOptions: ResultsOptions
    @Flag(help: "Only check the file and print the number of runs (with --json: every run, its key and its state in --results).")
    var dryRun = false
    @Flag(help: "Print the outcome and leaderboard as JSON.") var json = false
    @Option(help: ArgumentHelp("Run only the sweep run with this key (as --dry-run --json lists them) into --results.", valueName: "key"))
    var runKey: String?
    @Option(help: ArgumentHelp("Run the sweep on a Ray cluster through the Python package dsegym.ray (docs/ray.md).", valueName: "address"))
    var ray: String?

    func validate() throws {
        try requireInRange(RunLimits.problem("--jobs", jobs, RunLimits.jobs))
        guard ray == nil || (runKey == nil && !dryRun) else { throw ValidationError("--ray runs the whole sweep: drop --run-key and --dry-run") }
    }

    func run() async throws {
        let sweep: Sweep
        do {
            sweep = try SweepFileParser().parse(fileAt: URL(fileURLWithPath: file))
        } catch let error as SweepFileError {
            throw InputError(error.description)
        }
        let plan = sweep.plan()
        if let ray {
            throw ExitCode(try RayHandover(sweepFile: file, address: ray, results: resultsOptions.results, json: json).run())
        }
        if dryRun {
            if json { return try printJSON(SweepPlanReport(sweep: sweep, plan: plan, resultsDirectory: resultsOptions.results)) }
            print("\(file): sweep '\(sweep.name)' is valid: \(plan.count) runs x \(sweep.budget) evaluations")
            return
        }
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        if let runKey { return try await runOne(key: runKey, of: sweep, plan: plan, store: store) }
        let line = ProgressLine()
        let interactive = line.enabled
        let outcome = try await SweepRunner(sweep: sweep, store: store, jobs: jobs).run { progress in
            if interactive {
                line.show("sweep \(sweep.name)", progress)
            } else if progress.runsDone == progress.runsTotal || progress.runsDone % max(1, progress.runsTotal / 10) == 0 {
                printError(ProgressLine.text("sweep \(sweep.name)", progress))
            }
        }
        line.clear()
        let entries = try Leaderboard.entries(store: store, sweepID: sweep.name)
        if json {
            struct Report: Encodable {
                var sweep: String, runs: Int, skipped: Int, running_elsewhere: Int, restarted: Int, executed: Int, failed: [String]
                var evaluations: Int, wall_s: Double, leaderboard: [LeaderboardEntry], results: String
            }
            try printJSON(Report(sweep: sweep.name, runs: outcome.planned, skipped: outcome.skipped, running_elsewhere: outcome.runningElsewhere, restarted: outcome.restarted,
                                 executed: outcome.executed, failed: outcome.failed, evaluations: outcome.evaluations,
                                 wall_s: outcome.wallSeconds, leaderboard: entries, results: store.databaseURL.path))
            return
        }
        print("sweep \(sweep.name): \(outcome.planned) runs (\(outcome.executed) run now, \(outcome.skipped) already done, "
            + (outcome.runningElsewhere > 0 ? "\(outcome.runningElsewhere) run by another process, " : "")
            + "\(outcome.restarted) restarted), \(outcome.evaluations) evaluations in \(format(outcome.wallSeconds)) s")
        for failure in outcome.failed { printError("failed: \(failure)") }
        printLeaderboard(entries)
        print("\nresults: \(store.databaseURL.path); report with: dsegym report --results \(resultsOptions.results) --sweep \(sweep.name) -o report.html")
        if !outcome.failed.isEmpty { throw ExitCode(1) }
    }
}

extension SweepCommand {
    /// `--run-key KEY`: runs that one run of the sweep into the store (a Ray task runs it into a
    /// node-local store that the driver then imports). A complete run of the key is kept; a
    /// half-finished one is replaced, as a resumed sweep does.
    func runOne(key: String, of sweep: Sweep, plan: [PlannedRun], store: ResultsStore) async throws {
        guard let planned = plan.first(where: { $0.key == key }) else {
            throw InputError("--run-key \(key): no run of sweep '\(sweep.name)' has this key; `dsegym sweep \(file) --dry-run --json` lists them")
        }
        let previous = try store.runs(sweepID: sweep.name).filter { $0.specification.runKey == key }
        if let complete = previous.first(where: { $0.status.isComplete }) {
            printError("sweep \(sweep.name): run \(key) is already complete in \(store.databaseURL.path) (run \(complete.id))")
            return
        }
        for stale in previous { try store.deleteRun(stale.id) }
        let summary = try await planned.experiment.run(store: store)
        if json { return try printJSON(RunReport(summary: summary, store: store)) }
        print("sweep \(sweep.name): run \(key) (run \(summary.runID.map(String.init) ?? "-")): \(summary.status.rawValue), "
            + "\(summary.evaluations) evaluations in \(format(summary.wallSeconds)) s")
    }
}
