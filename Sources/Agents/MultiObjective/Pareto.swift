/// Pareto dominance, non-dominated sorting and crowding distance for objective vectors in which larger
/// is better in every component (the reward convention).
///
/// ```swift
/// Pareto.dominates([2, 1], [1, 1])                          // true
/// Pareto.nonDominatedFronts([[2, 1], [1, 2], [0, 0]])       // [[0, 1], [2]]
/// ```
public enum Pareto {
    /// Whether `a` is at least as good as `b` everywhere and strictly better somewhere.
    @inlinable public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for i in 0..<a.count {
            if a[i] < b[i] { return false }
            if a[i] > b[i] { strictly = true }
        }
        return strictly
    }

    /// Indices of `points` grouped into fronts: front 0 is non-dominated, front 1 is non-dominated once
    /// front 0 is removed, and so on (Deb et al.'s fast non-dominated sort, O(M·N²)).
    public static func nonDominatedFronts(_ points: [[Double]]) -> [[Int]] {
        let n = points.count
        var dominatedBy = [[Int]](repeating: [], count: n)
        var dominationCount = [Int](repeating: 0, count: n)
        var fronts: [[Int]] = [[]]
        for p in 0..<n {
            for q in 0..<n where p != q {
                if dominates(points[p], points[q]) { dominatedBy[p].append(q) } else if dominates(points[q], points[p]) { dominationCount[p] += 1 }
            }
            if dominationCount[p] == 0 { fronts[0].append(p) }
        }
        var current = 0
        while !fronts[current].isEmpty {
            var next: [Int] = []
            for p in fronts[current] {
                for q in dominatedBy[p] {
                    dominationCount[q] -= 1
                    if dominationCount[q] == 0 { next.append(q) }
                }
            }
            fronts.append(next.sorted())
            current += 1
        }
        return Array(fronts.dropLast())
    }

    /// Crowding distance of each point within one front: the sum over objectives of the normalized gap
    /// between its neighbours; boundary points get +∞.
    public static func crowdingDistances(_ points: [[Double]]) -> [Double] {
        let n = points.count
        guard n > 2 else { return [Double](repeating: .infinity, count: n) }
        var distance = [Double](repeating: 0, count: n)
        for objective in 0..<points[0].count {
            let order = (0..<n).sorted { points[$0][objective] < points[$1][objective] }
            let low = points[order[0]][objective], high = points[order[n - 1]][objective]
            distance[order[0]] = .infinity
            distance[order[n - 1]] = .infinity
            guard high > low else { continue }
            for k in 1..<(n - 1) {
                distance[order[k]] += (points[order[k + 1]][objective] - points[order[k - 1]][objective]) / (high - low)
            }
        }
        return distance
    }
}
