/// Predicts whether the simulator can measure a design at all, from designs it could and could not
/// (a failed simulation: no metrics). A random forest of regression trees on labels 1 (measured) and
/// 0 (failed): the trees' mean is the probability of being measurable; a design counts as feasible
/// when it is at least ½. Designs that were measured but broke a run's constraint are measured here:
/// constraints belong to the objective, which the proxy applies itself.
///
/// ```swift
/// let classifier = FeasibilityClassifier.fit(features: x, measured: [true, false, true], settings: .init(trees: 50), seed: 1)
/// classifier.probability(x[1])
/// ```
public struct FeasibilityClassifier: Sendable, Hashable, Codable {
    public var forest: RandomForest
    /// Training designs that failed and that were measured.
    public var failedCount: Int
    public var measuredCount: Int

    public static func fit(features: [[Double]], measured: [Bool], settings: RandomForest.Settings, seed: UInt64) -> FeasibilityClassifier {
        let forest = RandomForest.fit(features: features, targets: measured.map { $0 ? 1 : 0 }, settings: settings, seed: seed)
        return FeasibilityClassifier(forest: forest, failedCount: measured.filter { !$0 }.count, measuredCount: measured.filter { $0 }.count)
    }

    /// The probability that the simulator measures the design with features `x`, in [0, 1].
    public func probability(_ x: [Double]) -> Double { min(max(forest.predict(x), 0), 1) }
}
