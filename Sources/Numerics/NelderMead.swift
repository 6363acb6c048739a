/// Minimizes a function of a few variables with the Nelder–Mead simplex method (standard coefficients:
/// reflection 1, expansion 2, contraction ½, shrink ½). Derivative-free; used to fit Gaussian-process
/// hyperparameters.
///
/// ```swift
/// let result = NelderMead.minimize(start: [1, 1], step: 0.5, maxEvaluations: 400) { x in
///     (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1)
/// }   // result.point ≈ [3, -1]
/// ```
public enum NelderMead {
    /// The best point found, its value, and the number of function evaluations used.
    public static func minimize(start: [Double], step: Double, maxEvaluations: Int, tolerance: Double = 1e-8,
                                _ function: ([Double]) -> Double) -> (point: [Double], value: Double, evaluations: Int) {
        let n = start.count
        var evaluations = 0
        func f(_ x: [Double]) -> Double {
            evaluations += 1
            let value = function(x)
            return value.isFinite ? value : .greatestFiniteMagnitude
        }
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += step
            simplex.append(vertex)
        }
        var values = simplex.map(f)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() { for i in 0..<n { centroid[i] += vertex[i] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1), reflectedValue = f(reflected)
            if reflectedValue < values[0] {
                let expanded = along(-2), expandedValue = f(expanded)
                if expandedValue < reflectedValue { simplex[n] = expanded; values[n] = expandedValue } else { simplex[n] = reflected; values[n] = reflectedValue }
            } else if reflectedValue < values[n - 1] {
                simplex[n] = reflected; values[n] = reflectedValue
            } else {
                let outside = reflectedValue < values[n]
                let contracted = along(outside ? -0.5 : 0.5), contractedValue = f(contracted)
                if contractedValue < (outside ? reflectedValue : values[n]) {
                    simplex[n] = contracted; values[n] = contractedValue
                } else {
                    for j in 1...n {
                        simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = f(simplex[j])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best], evaluations)
    }
}
