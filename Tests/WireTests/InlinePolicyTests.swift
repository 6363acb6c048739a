@testable import Wire
import XCTest

/// The router answers cheap requests itself and hands slow ones to the workers, probing now and then.
final class InlinePolicyTests: XCTestCase {
    func testSlowRequestsGoToWorkersWithPeriodicProbe() {
        var policy = InlinePolicy()
        XCTAssertTrue(policy.shouldAnswerInline())
        policy.record(.milliseconds(5))
        let decisions = (0..<512).map { _ in policy.shouldAnswerInline() }
        XCTAssertEqual(decisions.filter { $0 }.count, 8, "one inline probe per 64 requests")
    }

    func testCheapRequestsStayInline() {
        var policy = InlinePolicy()
        for _ in 0..<100 { policy.record(.microseconds(10)) }
        XCTAssertTrue(policy.shouldAnswerInline())
        policy.record(.milliseconds(5))
        for _ in 0..<20 { policy.record(.microseconds(10)) }
        XCTAssertTrue(policy.shouldAnswerInline(), "the average recovers after cheap probes")
    }
}
