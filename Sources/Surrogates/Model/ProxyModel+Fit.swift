import Foundation
import GymCore

extension ProxyModel {
    /// The fewest measured designs a proxy is fitted from.
    public static let minimumMeasured = 4

    /// Fits one regressor per metric on the measured designs of `data` and, when some designs failed,
    /// a feasibility classifier on all of them. Metrics no measured design reported are left out.
    public static func fit(environment: String, workload: String, space: ParameterSpace, metrics: [MetricDescriptor],
                           objective: Objective, data: ProxyTrainingSet, settings: SurrogateSettings) throws -> ProxyModel {
        guard data.measuredCount >= minimumMeasured else {
            throw SurrogateError.notEnoughData(environment: environment, workload: workload, found: data.measuredCount, needed: minimumMeasured)
        }
        let encoder = FeatureEncoder(space: space, interactions: settings.interactions)
        let features = data.designs.map(encoder.encode)
        var regressors: [MetricRegressor] = []
        for metric in metrics {
            let rows = data.metrics.indices.filter { data.metrics[$0]?[metric.name] != nil }
            guard rows.count >= minimumMeasured else { continue }
            regressors.append(try MetricRegressor.fit(metric: metric.name, features: rows.map { features[$0] },
                                                      values: rows.map { data.metrics[$0]![metric.name]! }, encoder: encoder, settings: settings))
        }
        var feasibility: FeasibilityClassifier?
        if data.measuredCount < data.count {
            var classifierSettings = settings.forest
            classifierSettings.trees = min(classifierSettings.trees, 50)
            feasibility = FeasibilityClassifier.fit(features: features, measured: data.metrics.map { $0 != nil }, settings: classifierSettings, seed: settings.seed)
        }
        return ProxyModel(environment: environment, workload: workload, kind: settings.kind, parameters: space.parameters,
                          defaults: space.defaults, metrics: metrics.filter { metric in regressors.contains { $0.metric == metric.name } },
                          objective: objective, features: encoder, regressors: regressors, feasibility: feasibility,
                          settings: settings, trainingCount: data.count)
    }

    /// How well this model predicts the measured designs of `data` (designs it did not learn from),
    /// per metric.
    public func quality(on data: ProxyTrainingSet) -> [String: FitQuality] {
        var predicted: [String: [Double]] = [:], actual: [String: [Double]] = [:]
        for (design, measured) in zip(data.designs, data.metrics) {
            guard let measured else { continue }
            let x = features.encode(design)
            for regressor in regressors {
                guard let value = measured[regressor.metric] else { continue }
                predicted[regressor.metric, default: []].append(regressor.predict(x))
                actual[regressor.metric, default: []].append(value)
            }
        }
        return Dictionary(uniqueKeysWithValues: predicted.keys.map { ($0, FitQuality(predicted: predicted[$0]!, actual: actual[$0]!)) })
    }

    /// k-fold cross-validation: `folds` random folds; each fold's designs are predicted by a model fitted
    /// on the others, and the predictions of all folds together are scored per metric.
    public static func crossValidate(space: ParameterSpace, metrics: [MetricDescriptor], data: ProxyTrainingSet,
                                     settings: SurrogateSettings, folds: Int) throws -> [String: FitQuality] {
        let k = min(max(folds, 2), data.count)
        var order = Array(data.designs.indices)
        var generator = SeededGenerator(seed: settings.seed &+ 0xF01D)
        order.shuffle(using: &generator)
        var predicted: [String: [Double]] = [:], actual: [String: [Double]] = [:]
        for fold in 0..<k {
            let test = order.enumerated().filter { $0.offset % k == fold }.map(\.element)
            let testSet = Set(test)
            let train = data.subset(order.filter { !testSet.contains($0) })
            let model = try fit(environment: "", workload: "", space: space, metrics: metrics, objective: Objective(goal: .weightedSum([])),
                                data: train, settings: settings)
            for row in test {
                guard let measured = data.metrics[row] else { continue }
                let x = model.features.encode(data.designs[row])
                for regressor in model.regressors {
                    guard let value = measured[regressor.metric] else { continue }
                    predicted[regressor.metric, default: []].append(regressor.predict(x))
                    actual[regressor.metric, default: []].append(value)
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: predicted.keys.map { ($0, FitQuality(predicted: predicted[$0]!, actual: actual[$0]!)) })
    }
}
