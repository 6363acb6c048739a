import Foundation

/// Statistical fault-injection sample sizes and error margins (Leveugle et al., DATE 2009).
///
/// `n = N / (1 + e²(N−1) / (t² p(1−p)))` injections out of a population of `N` (bit, cycle) pairs
/// give a margin `e` (fraction, e.g. 0.01) at confidence cut-off `t` (1.96 for 95 %) when the true
/// proportion is `p` (0.5 is the worst case).
///
/// ```swift
/// let n = SampleSize.injections(population: 1e9, margin: 0.01)   // ≈ 9604
/// ```
public enum SampleSize {
    /// Injections needed (count) for `margin` (fraction) at `t` (1.96 ↔ 95 %) and proportion `p`.
    public static func injections(population: Double, margin: Double, t: Double = 1.96, p: Double = 0.5) -> Int {
        let n = population / (1 + margin * margin * (population - 1) / (t * t * p * (1 - p)))
        return Int(n.rounded(.up))
    }

    /// Half-width of the interval (fraction) for an observed proportion `p` from `n` of `N` injections.
    /// Uses p(1−p) with p clamped to at least 0.5/n so an all-masked block still reports a margin.
    public static func margin(proportion p: Double, injections n: Int, population: Double, t: Double = 1.96) -> Double {
        guard n > 0 else { return 1 }
        let floor = 0.5 / Double(n)
        let q = min(max(p, floor), 1 - floor)
        let correction = population > 1 ? max(0, (population - Double(n)) / (population - 1)) : 0
        return t * (q * (1 - q) / Double(n) * correction).squareRoot()
    }
}
