import ArgumentParser
import Experiments
import Foundation
import Results

/// `dsegym bench`: every agent on every environment, several seeds, and a leaderboard.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark every agent on every environment and print a leaderboard.",
        discussion: "Presets: quick (3 seeds x 100 evaluations), full (5 seeds x 500). Resumable like a sweep.")

    @Option(help: "quick or full.") var preset: String = "quick"
    @Option(name: .customLong("jobs"), help: "Runs executed at once (default: the number of cores).") var jobsOption: Int?
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }
    @OptionGroup var resultsOptions: ResultsOptions
    @Flag(help: "Print the leaderboard as JSON.") var json = false

    func run() async throws {
        guard let chosen = BenchmarkPreset(rawValue: preset) else {
            throw InputError("--preset '\(preset)' is unknown; allowed: \(BenchmarkPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let sweep = chosen.sweep()
        let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
        let line = ProgressLine(quiet: json)
        let outcome = try await SweepRunner(sweep: sweep, store: store, jobs: jobs).run { progress in
            line.show("bench \(chosen.rawValue)", progress)
        }
        line.clear()
        let entries = try Leaderboard.entries(store: store, sweepID: sweep.name)
        if json {
            try printJSON(entries)
            return
        }
        print("bench \(chosen.rawValue): \(outcome.planned) runs, \(outcome.evaluations) evaluations in \(format(outcome.wallSeconds)) s")
        printLeaderboard(entries)
    }
}
