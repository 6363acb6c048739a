/// Exhaustive search over per-block protection options for the minimum-area assignment meeting an ASIL.
///
/// The space is the product of ``Protection/options(for:)`` over the blocks (3⁸ · 4 = 26,244 for the
/// NPU), small enough to enumerate; used as ground truth for agents.
///
/// ```swift
/// let best = ProtectionSearch.minimumArea(profiles: profiles, asil: .d)   // assignment + metrics
/// ```
public enum ProtectionSearch {
    /// The feasible assignment with the least area overhead (%), ties broken by lower PMHF (FIT); nil if none.
    public static func minimumArea(profiles: [BlockFaultProfile], asil: SafetyMetrics.ASIL)
        -> (protection: [StateBlock: Protection], metrics: SafetyMetrics)? {
        let choices = profiles.map { Protection.options(for: $0.block) }
        var index = [Int](repeating: 0, count: profiles.count)
        var best: ([StateBlock: Protection], SafetyMetrics)?
        while true {
            var assignment: [StateBlock: Protection] = [:]
            for (i, p) in profiles.enumerated() { assignment[p.block] = choices[i][index[i]] }
            let metrics = SafetyMetrics(profiles: profiles, protection: assignment)
            if metrics.meets(asil), best.map({ metrics.areaOverheadPercent < $0.1.areaOverheadPercent
                || (metrics.areaOverheadPercent == $0.1.areaOverheadPercent && metrics.pmhfFIT < $0.1.pmhfFIT) }) ?? true {
                best = (assignment, metrics)
            }
            var i = 0
            while i < index.count {
                index[i] += 1
                if index[i] < choices[i].count { break }
                index[i] = 0
                i += 1
            }
            if i == index.count { break }
        }
        return best.map { (protection: $0.0, metrics: $0.1) }
    }
}
