import ArgumentParser
import Environments
import Foundation
import GymCore
import Results
import Surrogates
import Wire

/// `dsegym proxy fit`: learns a proxy of an environment from every evaluation of it in the results store.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proxy", abstract: "Learned proxies of environments (docs/proxy.md).",
                                                    subcommands: [Fit.self])

    struct Fit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a proxy (one regressor per metric, plus a feasibility classifier) on recorded evaluations.",
            discussion: """
                Every recorded evaluation of the environment and workload (local, remote or external runs) is used
                once per distinct design. Prints each metric's k-fold (or held-out) relative RMSE and Spearman rank
                correlation, and saves a portable JSON model for `--env proxy --env-option model=FILE`.
                Example: dsegym proxy fit --env systolic --workload resnet18 --results results -o systolic.json
                """)

        @Option(help: "Environment whose evaluations to learn (see `dsegym envs`, or an external one with --remote).") var env: String
        @Option(help: "Workload (default: the environment's default).") var workload: String?
        @Option(name: .customLong("env-option"), help: ArgumentHelp("Environment option name=value (repeatable).", valueName: "name=value"))
        var environmentOptions: [String] = []
        @Option(help: ArgumentHelp("Ask this server for the environment's space and metrics (external simulators).", valueName: "tcp://HOST:PORT"))
        var remote: String?
        @OptionGroup var resultsOptions: ResultsOptions
        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the model (JSON).", valueName: "file")) var output: String
        @Option(help: "Regressor: \(SurrogateKind.allowedValues).") var model: String = "forest"
        @Option(help: "Trees of a forest (--model forest).") var trees: Int = 100
        @Option(help: "Boosting rounds (--model boosted).") var rounds: Int = 600
        @Option(help: "Depth of each boosted tree (--model boosted).") var depth: Int = 6
        @Option(help: "Learning rate of boosting, in (0, 1] (--model boosted).") var learningRate: Double = 0.05
        @Option(help: "Cross-validation folds on the training designs (0: none).") var folds: Int = 5
        @Option(help: "Designs held out at random, not learned from, and predicted to score the model (0: none).") var holdout: Int = 0
        @Flag(help: "Leave out the log-sum/log-difference features of parameter pairs.") var noInteractions = false
        @Flag(help: "Trees learn the residuals of a linear trend (forest, boosted), so predictions extrapolate along it.") var trend = false
        @Option(help: "Seed of the bootstrap samples, folds and hold-out split.") var seed: UInt64 = 1
        @Flag(help: "Print the summary as one JSON object.") var json = false

        func validate() throws {
            guard trees >= 1, rounds >= 1, depth >= 1 else { throw ValidationError("--trees, --rounds and --depth must be at least 1") }
            guard learningRate > 0, learningRate <= 1 else { throw ValidationError("--learning-rate must be in (0, 1]") }
            guard folds == 0 || folds >= 2 else { throw ValidationError("--folds must be 0 (none) or at least 2") }
            guard holdout >= 0 else { throw ValidationError("--holdout must be 0 or more") }
        }

        func run() async throws {
            guard let kind = SurrogateKind(rawValue: model) else {
                throw InputError("--model '\(model)': unknown regressor; allowed: \(SurrogateKind.allowedValues)")
            }
            let options = try parsePairs(environmentOptions, option: "--env-option")
            let environment: any Environment = try remote.map {
                try RemoteEnvironment(endpoint: $0, environment: env, workload: workload, options: options, timeoutSeconds: 30)
            } ?? EnvironmentRegistry.standard.make(env, workload: workload, options: options)
            let store = try ResultsStore(directory: URL(fileURLWithPath: resultsOptions.results))
            let runs = try RunSelection(environment: env).runs(in: store).filter { $0.specification.workload == environment.workload }
            let evaluations = try runs.flatMap { try store.evaluations(runID: $0.id).map(\.evaluation) }
            let all = ProxyTrainingSet(evaluations: evaluations, space: environment.parameterSpace)
            guard holdout == 0 || holdout < all.count else {
                throw InputError("--holdout \(holdout): the store has only \(all.count) distinct designs of \(env)/\(environment.workload)")
            }
            let (training, heldOut) = holdout > 0 ? all.split(holdingOut: holdout, seed: seed) : (all, ProxyTrainingSet(evaluations: [], space: environment.parameterSpace))

            var settings = SurrogateSettings(kind: kind, interactions: !noInteractions, trend: trend, seed: seed)
            settings.forest.trees = trees
            settings.boosted.rounds = rounds
            settings.boosted.maxDepth = depth
            settings.boosted.learningRate = learningRate
            let clock = ContinuousClock()
            let started = clock.now
            var proxy = try ProxyModel.fit(environment: env, workload: environment.workload, space: environment.parameterSpace,
                                           metrics: environment.metrics, objective: environment.objective, data: training, settings: settings)
            let fitSeconds = (clock.now - started).seconds
            let validation: String
            if holdout > 0 {
                proxy.quality = proxy.quality(on: heldOut)
                validation = "\(heldOut.measuredCount) held-out designs"
            } else if folds > 0 {
                proxy.quality = try ProxyModel.crossValidate(space: environment.parameterSpace, metrics: environment.metrics,
                                                             data: training, settings: settings, folds: folds)
                validation = "\(folds)-fold cross-validation"
            } else {
                validation = "none"
            }
            let url = URL(fileURLWithPath: output)
            do { try proxy.save(to: url) } catch { throw InputError("-o \(output): cannot write the model (\(error.localizedDescription))") }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            let summary = FitSummary(environment: env, workload: environment.workload, model: kind.rawValue, runs: runs.count,
                                     designs: training.count, failed: training.count - training.measuredCount,
                                     held_out: heldOut.count, validation: validation, fit_s: fitSeconds, output: output, bytes: bytes,
                                     metrics: proxy.metrics.compactMap { metric in
                                         proxy.quality[metric.name].map { MetricQuality(metric: metric, quality: $0) }
                                     })
            if json {
                try printJSON(summary)
                return
            }
            print("\(env)/\(environment.workload): \(kind.rawValue) fitted on \(training.count) distinct designs from \(runs.count) runs"
                + (summary.failed > 0 ? " (\(summary.failed) failed in the simulator: feasibility classifier)" : "") + " in \(format(fitSeconds)) s")
            print("validation: \(validation)\n")
            var table = TextTable(header: ["metric", "unit", "designs", "relative RMSE", "mean |rel. error|", "Spearman"])
            table.rows = summary.metrics.map { row in
                [row.name, row.unit, String(row.count), String(format: "%.3f%%", row.relative_rmse * 100),
                 String(format: "%.3f%%", row.mean_relative_error * 100), String(format: "%.4f", row.spearman)]
            }
            if !table.rows.isEmpty { print(table.rendered + "\n") }
            print("model: \(output) (\(bytes / 1024) KB); use it with: dsegym run --env proxy --env-option model=\(output) ...")
        }
    }
}

/// The JSON summary of `dsegym proxy fit --json`.
struct FitSummary: Encodable {
    var environment: String, workload: String, model: String, runs: Int, designs: Int, failed: Int, held_out: Int
    var validation: String, fit_s: Double, output: String, bytes: Int
    var metrics: [MetricQuality]
}

/// One metric's row of `dsegym proxy fit`.
struct MetricQuality: Encodable {
    var name: String, unit: String, count: Int, relative_rmse: Double, mean_relative_error: Double, spearman: Double

    init(metric: MetricDescriptor, quality: FitQuality) {
        name = metric.name
        unit = metric.unit
        count = quality.count
        relative_rmse = quality.relativeRMSE
        mean_relative_error = quality.meanRelativeError
        spearman = quality.spearman
    }
}
