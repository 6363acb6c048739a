import Foundation
import GymCore
@testable import Surrogates
import XCTest

final class TreeTests: XCTestCase {
    func testATreeSplitsAStepFunctionExactlyAtTheMidpointBetweenLevels() {
        // y = 1 for x ≤ 3, 5 above: one split at (3 + 4) / 2 = 3.5.
        let features = (0..<8).map { [Double($0)] }
        let targets = features.map { $0[0] <= 3 ? 1.0 : 5.0 }
        var generator = SeededGenerator(seed: 1)
        let tree = TreeBuilder(data: BinnedFeatures(features), targets: targets, settings: TreeSettings())
            .grow(samples: Array(0..<8), using: &generator)
        XCTAssertEqual(tree.nodeCount, 3)
        XCTAssertEqual(tree.feature[0], 0)
        XCTAssertEqual(tree.threshold[0], 3.5)
        XCTAssertEqual(tree.predict([2]), 1)
        XCTAssertEqual(tree.predict([3.6]), 5)
        XCTAssertNil(tree.validate(featureCount: 1))
    }

    func testATreeGrownToPurityReproducesEveryTrainingTarget() {
        var generator = SeededGenerator(seed: 3)
        let features = (0..<200).map { _ in [Double(Int.random(in: 0..<16, using: &generator)), Double(Int.random(in: 0..<5, using: &generator))] }
        let targets = features.map { $0[0] * $0[0] - 3 * $0[1] }
        let data = BinnedFeatures(features)
        let tree = TreeBuilder(data: data, targets: targets, settings: TreeSettings()).grow(samples: Array(0..<200), using: &generator)
        for (x, y) in zip(features, targets) { XCTAssertEqual(tree.predict(x), y, accuracy: 1e-9) }
        for row in 0..<200 { XCTAssertEqual(tree.predict(data, row: row), tree.predict(features[row]), "binned walk = value walk") }
    }

    func testAForestOfOneSeedIsReproducibleAndItsSpreadIsZeroWhereAllTreesAgree() {
        let features = (0..<64).map { [Double($0 % 8), Double($0 / 8)] }
        let targets = features.map { $0[0] < 4 ? 2.0 : 7.0 }   // depends on feature 0 only
        let settings = RandomForest.Settings(trees: 20, featureFraction: 1)
        let first = RandomForest.fit(features: features, targets: targets, settings: settings, seed: 9)
        let second = RandomForest.fit(features: features, targets: targets, settings: settings, seed: 9)
        XCTAssertEqual(first, second)
        let (mean, spread) = first.predictWithSpread([1, 5])
        XCTAssertEqual(mean, 2, accuracy: 1e-12)
        XCTAssertEqual(spread, 0, accuracy: 1e-12)
    }

    func testBoostingReducesTheTrainingErrorOfASmoothFunctionBelowOnePercentOfItsRange() {
        let features = (0..<400).map { [Double($0 % 20), Double($0 / 20)] }
        let targets = features.map { sin($0[0] / 3) + 0.1 * $0[1] }   // range ≈ 3.9
        let model = BoostedTrees.fit(features: features, targets: targets, settings: .init(rounds: 400, learningRate: 0.1, maxDepth: 4, subsample: 1), seed: 1)
        let rmse = (zip(features, targets).reduce(0) { $0 + pow(model.predict($1.0) - $1.1, 2) } / 400).squareRoot()
        XCTAssertLessThan(rmse, 0.039)
    }

    func testATreeWithAChildOutOfRangeIsRejected() {
        let tree = RegressionTree(feature: [0, -1, -1], threshold: [0.5, 0, 0], right: [7, 0, 0], value: [0, 1, 2])
        XCTAssertEqual(tree.validate(featureCount: 1), "node 0: child index out of range")
        XCTAssertEqual(RegressionTree(feature: [3, -1, -1], threshold: [0.5, 0, 0], right: [2, 0, 0], value: [0, 1, 2]).validate(featureCount: 2),
                       "node 0: feature 3 out of range 0..<2")
    }
}
