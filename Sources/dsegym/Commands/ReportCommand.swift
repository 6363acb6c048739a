import ArgumentParser
import Experiments
import Foundation
import Results

/// `dsegym report`: one self-contained HTML file with the leaderboard and SVG plots.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write an HTML report: leaderboard, best-so-far curves, hyperparameter lottery, Pareto fronts.")

    @OptionGroup var resultsOptions: ResultsOptions
    @Option(help: "Only the runs of this sweep.") var sweep: String?
    @Option(name: [.short, .long], help: "Output HTML file.") var output: String = "report.html"
    @Option(help: ArgumentHelp("The two metrics of the Pareto plot (default: from each section's objective).", valueName: "x,y"))
    var pareto: String?

    func run() throws {
        let directory = URL(fileURLWithPath: resultsOptions.results)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ResultsStore.fileName).path) else {
            throw InputError("no results store in '\(resultsOptions.results)'; run an experiment first or pass --results")
        }
        let store = try ResultsStore(directory: directory)
        if let sweep, try store.runs(sweepID: sweep).isEmpty {
            let known = Set(try store.runs().compactMap(\.specification.sweepID)).sorted()
            throw InputError("--sweep '\(sweep)': no runs; sweeps in this store: \(known.isEmpty ? "(none)" : known.joined(separator: ", "))")
        }
        var pair: (String, String)?
        if let pareto {
            let names = pareto.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let known = Set(try store.runs(sweepID: sweep).flatMap(\.specification.metricNames))
            guard names.count == 2, names.allSatisfy(known.contains) else {
                throw InputError("--pareto '\(pareto)': expected two metrics x,y of the reported runs; allowed: \(known.sorted().joined(separator: ", "))")
            }
            pair = (names[0], names[1])
        }
        try HTMLReport(store: store, sweepID: sweep, paretoMetrics: pair).render().write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output)")
    }
}
