import Foundation

/// A size or offset in a directive: a literal element count or `Sz(D)`, the layer's size of `D`.
public enum DirectiveExtent: Sendable, Equatable, CustomStringConvertible {
    case literal(Int)
    case sizeOf(String)

    public func resolve(in dimensions: [String: Int]) -> Int {
        switch self {
        case .literal(let n): return n
        case .sizeOf(let d): return dimensions[d] ?? 1
        }
    }

    public var description: String {
        switch self {
        case .literal(let n): return String(n)
        case .sizeOf(let d): return "Sz(\(d))"
        }
    }
}

/// One MAESTRO data-centric directive.
///
/// `SpatialMap(size, offset) D` spreads tiles of `size` elements of dimension `D`, `offset` apart,
/// across sub-clusters; `TemporalMap(size, offset) D` steps a tile over time; `Cluster(n, P)` groups
/// `n` sub-units into one cluster, starting a lower cluster level. `Y'`/`X'` name output rows/columns.
///
/// ```swift
/// let d = Directive.spatial(size: .literal(1), offset: .literal(1), dimension: "K")
/// ```
public enum Directive: Sendable, Equatable, CustomStringConvertible {
    case spatial(size: DirectiveExtent, offset: DirectiveExtent, dimension: String)
    case temporal(size: DirectiveExtent, offset: DirectiveExtent, dimension: String)
    case cluster(size: DirectiveExtent)

    public var description: String {
        switch self {
        case .spatial(let s, let o, let d): return "SpatialMap(\(s),\(o)) \(d)"
        case .temporal(let s, let o, let d): return "TemporalMap(\(s),\(o)) \(d)"
        case .cluster(let n): return "Cluster(\(n),P)"
        }
    }
}
