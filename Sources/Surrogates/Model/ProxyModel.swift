import Foundation
import GymCore

/// A learned stand-in for an environment: its parameter space and metrics, a feature encoding, one
/// regressor per metric and (when some training designs failed) a feasibility classifier. Answers a
/// design in well under a millisecond with what the simulator would probably report.
///
/// Saved as one JSON object (`dsegym proxy fit -o model.json`, read by the `proxy` environment):
/// `format` ("dsegym-proxy"), `version` (1), `environment`, `workload`, `kind`, `parameters` and
/// `defaults` (the space's JSON shape), `metrics` (name, unit, direction), `objective` (the
/// original's default), `features` (``FeatureEncoder``), `regressors` (``MetricRegressor``, one per
/// metric), `feasibility` (optional), `settings` and `quality` (cross-validated or held-out
/// ``FitQuality`` per metric, as `proxy fit` printed it).
///
/// ```swift
/// let model = try ProxyModel.load(from: URL(fileURLWithPath: "model.json"))
/// let report = model.predict(["rows": 32, "cols": 32, "dataflow": "os", ...])
/// ```
public struct ProxyModel: Sendable, Codable {
    public static let formatName = "dsegym-proxy"
    public var format = ProxyModel.formatName
    public var version = 1
    public var environment: String
    public var workload: String
    public var kind: SurrogateKind
    public var parameters: [Parameter]
    public var defaults: Design?
    public var metrics: [MetricDescriptor]
    public var objective: Objective
    public var features: FeatureEncoder
    public var regressors: [MetricRegressor]
    public var feasibility: FeasibilityClassifier?
    public var settings: SurrogateSettings
    /// Fit quality per metric (filled by whoever measured it; empty when not measured).
    public var quality: [String: FitQuality] = [:]
    /// Distinct designs the model learned from.
    public var trainingCount: Int

    public var parameterSpace: ParameterSpace { ParameterSpace(parameters, defaults: defaults) }

    /// What the simulator would probably report: infeasible when the classifier says the simulator
    /// fails on it, otherwise every metric's prediction.
    public func predict(_ design: Design) -> SimulatorReport {
        let x = features.encode(design)
        if let feasibility {
            let probability = feasibility.probability(x)
            if probability < 0.5 {
                return .infeasible("proxy: predicted to fail in the simulator (probability of success \(formatNumber((probability * 1000).rounded() / 1000)))")
            }
        }
        var values: [String: Double] = [:]
        for regressor in regressors { values[regressor.metric] = regressor.predict(x) }
        return SimulatorReport(metrics: values)
    }

    /// The ensemble's members' guesses for a design: member t's metrics from tree t of every metric's
    /// forest (one member for other kinds), and the probability that the simulator measures it.
    public func memberPredictions(_ design: Design) -> (members: [[String: Double]], probabilityMeasured: Double) {
        let x = features.encode(design)
        let perMetric = regressors.map { $0.memberPredictions(x) }
        let count = perMetric.map(\.count).min() ?? 0
        let members = (0..<count).map { t in
            Dictionary(uniqueKeysWithValues: zip(regressors, perMetric).map { ($0.metric, $1[t]) })
        }
        return (members, feasibility?.probability(x) ?? 1)
    }

    /// Reads a saved model, checking its format, space and trees; errors name the file and the field.
    public static func load(from url: URL) throws -> ProxyModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw SurrogateError.unreadableModel(path: url.path, reason: error.localizedDescription) }
        let model: ProxyModel
        do {
            model = try JSONDecoder().decode(ProxyModel.self, from: data)
        } catch let error as DecodingError {
            throw SurrogateError.invalidModel(path: url.path, reason: Self.describe(error))
        }
        if let problem = model.problem { throw SurrogateError.invalidModel(path: url.path, reason: problem) }
        return model
    }

    /// Writes the model as JSON (sorted keys).
    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url)
    }

    /// Why the model cannot be used, or `nil`.
    var problem: String? {
        guard format == Self.formatName else { return "format is '\(format)', expected '\(Self.formatName)'" }
        guard version == 1 else { return "version \(version) is not supported (expected 1)" }
        guard !parameters.isEmpty, Set(parameters.map(\.name)).count == parameters.count else { return "parameters must be distinct and non-empty" }
        if let defaults, (try? ParameterSpace(parameters).validate(defaults)) == nil { return "defaults are not a valid design" }
        let names = Set(parameters.map(\.name))
        for feature in features.features where !names.contains(feature.parameter) || (feature.other.map { !names.contains($0) } ?? false) {
            return "feature '\(feature.name)' names a parameter the space does not have"
        }
        for regressor in regressors {
            guard metrics.contains(where: { $0.name == regressor.metric }) else { return "regressor for unknown metric '\(regressor.metric)'" }
            if let problem = regressor.problem(featureCount: features.count) { return problem }
        }
        if let feasibility, feasibility.forest.trees.isEmpty { return "feasibility: a forest needs at least one tree" }
        if let feasibility {
            for tree in feasibility.forest.trees {
                if let problem = tree.validate(featureCount: features.count) { return "feasibility: \(problem)" }
            }
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        @unknown default:
            return String(describing: error)
        }
    }
}

/// Why a proxy could not be fitted or read.
public enum SurrogateError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableModel(path: String, reason: String)
    case invalidModel(path: String, reason: String)
    case notEnoughData(environment: String, workload: String, found: Int, needed: Int)

    public var description: String {
        switch self {
        case .unreadableModel(let path, let reason): return "\(path): cannot read the proxy model (\(reason))"
        case .invalidModel(let path, let reason): return "\(path): not a valid proxy model: \(reason)"
        case .notEnoughData(let environment, let workload, let found, let needed):
            return "\(environment)/\(workload): \(found) measured designs in the results store; a proxy needs at least \(needed) (record some runs first, e.g. dsegym run --env \(environment) --workload \(workload) --agent random_walk --budget 500)"
        }
    }
}
