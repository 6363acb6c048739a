@testable import Surrogates
import XCTest

final class FitQualityTests: XCTestCase {
    func testSpearmanOfAHandRankedSampleIsOneMinusSixSumOfSquaredRankGapsOverNCubedMinusN() {
        // Ranks of predicted: 1 2 3 4 5; of actual: 2 1 3 5 4. Σd² = 1+1+0+1+1 = 4; ρ = 1 − 6·4/(125 − 5) = 0.8.
        let quality = FitQuality(predicted: [10, 20, 30, 40, 50], actual: [2, 1, 3, 5, 4])
        XCTAssertEqual(quality.spearman, 0.8, accuracy: 1e-12)
    }

    func testTiedValuesShareTheirAverageRank() {
        XCTAssertEqual(FitQuality.ranks([3, 1, 3, 2]), [3.5, 1, 3.5, 2])
    }

    func testRelativeRMSEIsTheRootMeanSquareErrorOverTheMeanMagnitude() {
        // Errors 1, −1, 0, 2 → RMSE √(6/4) = 1.2247; mean |y| = 25 → 4.899%.
        let quality = FitQuality(predicted: [11, 19, 30, 42], actual: [10, 20, 30, 40])
        XCTAssertEqual(quality.relativeRMSE, (6.0 / 4).squareRoot() / 25, accuracy: 1e-12)
        XCTAssertEqual(quality.meanRelativeError, (0.1 + 0.05 + 0 + 0.05) / 4, accuracy: 1e-12)
        XCTAssertEqual(quality.spearman, 1, accuracy: 1e-12)
    }
}
