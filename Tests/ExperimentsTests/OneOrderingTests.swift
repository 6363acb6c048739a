import Experiments
import Foundation
import GymCore
import Results
import XCTest

/// `compare` and the leaderboard rank runs by one rule (``EvaluationRank`` through the reward
/// contract), so runs that found no feasible design still show their best penalty, ordered by violation.
final class OneOrderingTests: XCTestCase {
    func testCompareAndLeaderboardGiveTheSameMedianIncludingInfeasibleRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("one-ordering-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultsStore(directory: directory)
        var base = Experiment(environment: "npu-fault", agent: "ga", options: RunOptions(budget: 12))
        base.options.sweepID = "ordering"
        let rows = try await Comparison(base: base, agents: ["ga"], seeds: [1, 2, 3], jobs: 1).run(store: store)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.feasibleRuns, 0, "12 random designs of npu-fault are (almost surely) all infeasible")
        let median = try XCTUnwrap(row.medianBestReward)
        XCTAssertTrue((-3.0 ... -2.0).contains(median), "penalty band [−W−2, −W−1], W = 1: \(median)")
        let entry = try XCTUnwrap(try Leaderboard.entries(store: store, sweepID: "ordering").first)
        XCTAssertEqual(entry.medianBestReward, median)
        XCTAssertEqual(entry.feasibleRuns, 0)
        let bests = row.runs.compactMap(\.best)
        XCTAssertEqual(row.medianRun?.best?.violation, bests.map(\.violation).sorted()[1], "the median run by smallest violation")
    }
}
