import Foundation

/// A single-level mapping built from search knobs, for MaestroGym-style mapping search: which
/// dimension is spread across PEs, the K and C tile sizes, and the loop order of K, C, Y, X
/// (outermost first). R and S are always whole tiles; Y and X slide by one output row/column.
///
/// ```swift
/// let m = CustomMapping(spatialDimension: "K", kTile: 4, cTile: 8, loopOrder: ["C", "K", "Y", "X"])
/// let directives = m.directives(for: layer)
/// ```
public struct CustomMapping: Sendable, Equatable, Codable {
    /// One of K, C, Y, X.
    public var spatialDimension: String
    /// Tile sizes of K and C (elements).
    public var kTile: Int
    public var cTile: Int
    /// A permutation of K, C, Y, X.
    public var loopOrder: [String]

    public static let loopOrders: [String: [String]] = [
        "KCYX": ["K", "C", "Y", "X"], "CKYX": ["C", "K", "Y", "X"], "YXKC": ["Y", "X", "K", "C"],
        "YXCK": ["Y", "X", "C", "K"], "KYXC": ["K", "Y", "X", "C"], "CYXK": ["C", "Y", "X", "K"],
    ]

    public init(spatialDimension: String, kTile: Int, cTile: Int, loopOrder: [String]) {
        self.spatialDimension = spatialDimension
        self.kTile = kTile
        self.cTile = cTile
        self.loopOrder = loopOrder
    }

    public func directives(for layer: Layer) -> [Directive] {
        let r = layer.size("R"), s = layer.size("S")
        var list: [Directive] = []
        for dim in loopOrder {
            let (size, offset): (Int, Int)
            switch dim {
            case "K": (size, offset) = (max(1, kTile), max(1, kTile))
            case "C": (size, offset) = (max(1, cTile), max(1, cTile))
            case "Y": (size, offset) = (r, 1)
            default: (size, offset) = (s, 1)
            }
            list.append(dim == spatialDimension
                        ? .spatial(size: .literal(size), offset: .literal(offset), dimension: dim)
                        : .temporal(size: .literal(size), offset: .literal(offset), dimension: dim))
        }
        return list + [.temporal(size: .literal(r), offset: .literal(r), dimension: "R"),
                       .temporal(size: .literal(s), offset: .literal(s), dimension: "S")]
    }
}
