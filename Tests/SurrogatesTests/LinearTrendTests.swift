import Foundation
import GymCore
@testable import Surrogates
import XCTest

final class LinearTrendTests: XCTestCase {
    func testRidgeRecoversALineAndExtrapolatesIt() throws {
        // y = 1 + 2x; on standardized features (variance 1) λ = 1e-3 shrinks the slope by 1/(1 + λ) = 1/1.001.
        let line = try LinearModel.fit(features: [[0], [1], [2]], targets: [1, 3, 5])
        XCTAssertEqual(line.predict([1]), 3, accuracy: 1e-12)
        XCTAssertEqual(line.predict([3]), 3 + 4 / 1.001, accuracy: 1e-9)
    }

    func testAForestOnATrendPredictsBeyondTheLargestTargetItSaw() throws {
        let space = ParameterSpace([Parameter("x", .integer(low: 0, high: 15))])
        let training = (0...7).map { x in
            // y = 10·2^(x/4): a straight line in log y, which is what the proxy learns.
            Evaluation(design: ["x": .integer(x)], metrics: ["y": 10 * pow(2, Double(x) / 4)], feasible: true, reason: nil, reward: nil, simWallSeconds: 0)
        }
        func prediction(trend: Bool) throws -> Double {
            var settings = SurrogateSettings(trend: trend)
            settings.forest.trees = 10
            let model = try ProxyModel.fit(environment: "line", workload: "w", space: space, metrics: [MetricDescriptor("y", unit: "1", direction: .minimize)],
                                           objective: Objective(goal: .weightedSum([])), data: ProxyTrainingSet(evaluations: training, space: space),
                                           settings: settings)
            return try XCTUnwrap(model.predict(["x": 12]).metrics["y"])
        }
        XCTAssertLessThanOrEqual(try prediction(trend: false), 10 * pow(2, 7.0 / 4) + 1e-9, "trees alone stop at the largest target seen (x = 7: 33.6)")
        XCTAssertEqual(try prediction(trend: true), 80, accuracy: 0.5, "10·2^(12/4) along the trend")
    }
}
