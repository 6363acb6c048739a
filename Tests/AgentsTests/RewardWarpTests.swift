@testable import Agents
import Numerics
import XCTest

final class RewardWarpTests: XCTestCase {
    func testObservedRewardsMapToTheirNormalScoresAndTheMapIsMonotoneBeyondThem() {
        let warp = RewardWarp(observed: [-100, -3, -1])
        XCTAssertEqual(warp(-3), 0, accuracy: 1e-12)
        XCTAssertEqual(warp(-1), NormalDistribution.quantile(5.0 / 6), accuracy: 1e-12)
        XCTAssertEqual(warp(-100), NormalDistribution.quantile(1.0 / 6), accuracy: 1e-12)
        // Halfway between −3 and −1 in reward is halfway in score.
        XCTAssertEqual(warp(-2), NormalDistribution.quantile(5.0 / 6) / 2, accuracy: 1e-12)
        let points = [-1e6, -1000, -100, -50, -3, -2, -1, 0, 5]
        for (a, b) in zip(points, points.dropFirst()) { XCTAssertLessThan(warp(a), warp(b), "\(a) < \(b)") }
        // Scale-free: the same rewards times 1,000 give the same scores.
        let scaled = RewardWarp(observed: [-100_000, -3_000, -1_000])
        XCTAssertEqual(scaled(-2_000), warp(-2), accuracy: 1e-12)
    }
}
