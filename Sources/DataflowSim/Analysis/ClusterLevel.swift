import Foundation

/// One resolved directive of a cluster level: sizes in elements, Sz() and Y'/X' already resolved.
struct LevelDirective: Sendable, Equatable {
    var dimension: String
    var isSpatial: Bool
    var size: Int
    var offset: Int
    /// `TensorModel.names` index of `dimension`.
    var index: Int { TensorModel.index(dimension) }
}

/// One cluster level of a mapping: its directives (outermost first) and how many sub-clusters
/// (PEs at the innermost level) its spatial map spreads over.
struct ClusterLevel: Sendable, Equatable {
    var directives: [LevelDirective]
    var subClusters: Int
    /// The level's static dimension table (indexed by `TensorModel.names`): the layer's sizes at the
    /// top, then min(the level above's tile, the level above's static size). MAESTRO sizes tiles and the
    /// spatial edge from it; the per-case tables only decide the iteration states.
    var staticDims: [Int] = []

    /// Directive dimension indices, and directive position by dimension index (-1: absent).
    var dimensionIndices: [Int] { directives.map(\.index) }
    var positionOfDimension: [Int] {
        var table = [Int](repeating: -1, count: TensorModel.names.count)
        for (i, d) in directives.enumerated() { table[d.index] = i }
        return table
    }

    var firstSpatialIndex: Int? { directives.firstIndex { $0.isSpatial } }

    func index(of dim: String) -> Int? { directives.firstIndex { $0.dimension == dim } }
}

/// A mapping that cannot run on the given layer and hardware, with the reason.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The layer's name.
    public var layer: String
    /// The offending directive as written (or "-" when the whole mapping is at fault).
    public var directive: String
    public var reason: String

    public init(layer: String, directive: String, reason: String) {
        self.layer = layer
        self.directive = directive
        self.reason = reason
    }

    public var description: String { "layer '\(layer)', directive '\(directive)': \(reason)" }
}

/// Turns a layer's directive list into cluster levels the way MAESTRO reads it: `Sz(D)` resolved to
/// the layer's size, `Y'`/`X'` converted to input rows/columns (size + R - 1), directives missing at a
/// lower level inherited from the level above as temporal maps (placed outermost), dimensions never
/// mentioned unrolled (one tile covering the whole dimension, innermost).
enum LevelBuilder {
    static func build(layer: Layer, peCount: Int) throws(MappingError) -> [ClusterLevel] {
        let dims = layer.dimensions
        var groups: [[Directive]] = [[]]
        var clusterSizes: [Int] = []
        for directive in layer.dataflow {
            if case .cluster(let n) = directive {
                let size = n.resolve(in: dims)
                guard InputLimits.directiveExtent.contains(size) else {
                    throw MappingError(layer: layer.name, directive: directive.description,
                                       reason: "cluster size must be \(InputLimits.describe(InputLimits.directiveExtent))")
                }
                clusterSizes.append(size)
                groups.append([])
            } else {
                groups[groups.count - 1].append(directive)
            }
        }
        guard let peOfUnit = InputLimits.product(clusterSizes, limit: peCount) else {
            throw MappingError(layer: layer.name, directive: "Cluster(\(clusterSizes.map(String.init).joined(separator: "x")),P)",
                               reason: "clusters need \(clusterSizes.map(String.init).joined(separator: " × ")) PEs but the hardware has \(peCount)")
        }
        var levels: [ClusterLevel] = []
        var upper: [LevelDirective] = []
        for (i, group) in groups.enumerated() {
            var resolved: [LevelDirective] = []
            let rSize = group.compactMap { d -> Int? in
                if case .temporal(let s, _, "R") = d { return s.resolve(in: dims) }
                if case .spatial(let s, _, "R") = d { return s.resolve(in: dims) }
                return nil
            }.first ?? layer.size("R")
            let sSize = group.compactMap { d -> Int? in
                if case .temporal(let s, _, "S") = d { return s.resolve(in: dims) }
                if case .spatial(let s, _, "S") = d { return s.resolve(in: dims) }
                return nil
            }.first ?? layer.size("S")
            for directive in group {
                let (sizeE, offsetE, dim, spatial): (DirectiveExtent, DirectiveExtent, String, Bool)
                switch directive {
                case .spatial(let s, let o, let d): (sizeE, offsetE, dim, spatial) = (s, o, d, true)
                case .temporal(let s, let o, let d): (sizeE, offsetE, dim, spatial) = (s, o, d, false)
                case .cluster: continue
                }
                var size = sizeE.resolve(in: dims)
                let offset = offsetE.resolve(in: dims)
                guard InputLimits.directiveExtent.contains(size), InputLimits.directiveExtent.contains(offset) else {
                    throw MappingError(layer: layer.name, directive: directive.description,
                                       reason: "size and offset must each be \(InputLimits.describe(InputLimits.directiveExtent))")
                }
                var name = dim
                // Output rows/columns become the input rows that produce them (the stride comes later).
                if dim == "Y'" { name = "Y"; size = SlidingWindow.inputExtent(outputSize: size, filter: rSize) }
                else if dim == "X'" { name = "X"; size = SlidingWindow.inputExtent(outputSize: size, filter: sSize) }
                if resolved.contains(where: { $0.dimension == name }) {
                    throw MappingError(layer: layer.name, directive: directive.description, reason: "dimension \(name) is mapped twice in one cluster level")
                }
                if (name == "R" || name == "S") && !spatial && offset != size {
                    throw MappingError(layer: layer.name, directive: directive.description,
                                       reason: "tile size of \(name) (\(size)) should equal its offset (\(offset))")
                }
                if (name == "R" || name == "S") && !spatial && size != layer.size(name) {
                    throw MappingError(layer: layer.name, directive: directive.description,
                                       reason: "tile size of \(name) (\(size)) should equal the filter's \(name) (\(layer.size(name)))")
                }
                resolved.append(LevelDirective(dimension: name, isSpatial: spatial, size: size, offset: offset))
            }
            // Inherit what the level above mapped but this level does not mention (outermost).
            for d in upper.reversed() where !resolved.contains(where: { $0.dimension == d.dimension }) {
                resolved.insert(LevelDirective(dimension: d.dimension, isSpatial: false, size: d.size, offset: d.offset), at: 0)
            }
            // Unroll dimensions never mentioned (innermost).
            for d in TensorModel.forType(layer.type).unrolledDimensions where !resolved.contains(where: { $0.dimension == d }) {
                let n = layer.size(d)
                resolved.append(LevelDirective(dimension: d, isSpatial: false, size: n, offset: n))
            }
            // Strided windows: every Y/X directive of the level, written, inherited or unrolled.
            for j in resolved.indices where resolved[j].dimension == "Y" || resolved[j].dimension == "X" {
                let isY = resolved[j].dimension == "Y"
                let (size, offset) = SlidingWindow.strided(size: resolved[j].size, offset: resolved[j].offset,
                                                           filter: layer.size(isY ? "R" : "S"),
                                                           stride: isY ? layer.strideY : layer.strideX, topLevel: i == 0)
                resolved[j].size = size
                resolved[j].offset = offset
            }
            guard InputLimits.product(resolved.map(\.size), limit: InputLimits.maxTileProduct) != nil else {
                throw MappingError(layer: layer.name, directive: "-",
                                   reason: "cluster level \(i)'s tile (its directive sizes multiplied) exceeds 2^40 elements")
            }
            guard resolved.contains(where: { $0.isSpatial }) else {
                throw MappingError(layer: layer.name, directive: "-", reason: "cluster level \(i) has no SpatialMap")
            }
            let sub = i == 0 ? peCount / peOfUnit : clusterSizes[i - 1]
            var staticDims = TensorModel.names.map { dims[$0] ?? 1 }
            if let above = levels.last {
                staticDims = above.staticDims
                for d in above.directives { staticDims[d.index] = min(d.size, above.staticDims[d.index]) }
            }
            levels.append(ClusterLevel(directives: resolved, subClusters: sub, staticDims: staticDims))
            upper = resolved
        }
        return levels
    }
}
