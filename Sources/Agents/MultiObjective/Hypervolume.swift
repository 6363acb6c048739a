/// The hypervolume dominated by `points` and bounded by `reference`, for minimization: the measure of
/// { y : p ≤ y ≤ reference for some p in points }. Points not strictly better than the reference in
/// every objective contribute nothing.
///
/// Two objectives use an O(n log n) sweep; more use exact slicing over the last objective
/// (hypervolume by slicing objectives), fine for the few hundred points of a DSE front in d ≤ 4.
///
/// ```swift
/// hypervolume(points: [[1, 2], [2, 1]], reference: [3, 3])   // 3
/// ```
public func hypervolume(points: [[Double]], reference: [Double]) -> Double {
    let inside = points.filter { point in zip(point, reference).allSatisfy { $0 < $1 } }
    guard !inside.isEmpty else { return 0 }
    switch reference.count {
    case 0: return 0
    case 1: return reference[0] - inside.map { $0[0] }.min()!
    case 2:
        let sorted = inside.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
        var volume = 0.0
        var ceiling = reference[1]
        for point in sorted where point[1] < ceiling {
            volume += (reference[0] - point[0]) * (ceiling - point[1])
            ceiling = point[1]
        }
        return volume
    default:
        let last = reference.count - 1
        let sorted = inside.sorted { $0[last] < $1[last] }
        var volume = 0.0
        for (index, point) in sorted.enumerated() {
            let top = index + 1 < sorted.count ? sorted[index + 1][last] : reference[last]
            let depth = top - point[last]
            guard depth > 0 else { continue }
            let slice = sorted[0...index].map { Array($0.prefix(last)) }
            volume += depth * hypervolume(points: slice, reference: Array(reference.prefix(last)))
        }
        return volume
    }
}
