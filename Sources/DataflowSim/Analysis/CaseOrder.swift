import Foundation

/// The order in which MAESTRO visits the iteration cases of a cluster level.
///
/// Directive *i* (outermost first) has `stateCounts[i]` states and changes every `period(i)` cases, the
/// product of the state counts of the directives inside it. MAESTRO starts with every directive at its
/// first state and advances each one after case 0 and after every case whose index is a multiple of its
/// period, so case *k* > 0 puts directive *i* in state (⌊(k − 1) / period(i)⌋ + 1) mod count(i): every
/// combination once, the odometer order shifted by one. Only results that depend on the order (the
/// off-chip requirement, halved per case) show the difference.
struct CaseOrder: Sendable {
    let stateCounts: [Int]
    private let periods: [Int]
    /// Number of cases (the product of the state counts).
    let caseCount: Int

    init(stateCounts: [Int]) {
        self.stateCounts = stateCounts
        var periods = [Int](repeating: 1, count: stateCounts.count)
        var product = 1
        for i in stateCounts.indices.reversed() {
            periods[i] = product
            product *= stateCounts[i]
        }
        self.periods = periods
        caseCount = product
    }

    /// The state index of directive `i` in case `k` (0 ≤ k < caseCount).
    func state(of i: Int, inCase k: Int) -> Int {
        k == 0 ? 0 : ((k - 1) / periods[i] + 1) % stateCounts[i]
    }
}
