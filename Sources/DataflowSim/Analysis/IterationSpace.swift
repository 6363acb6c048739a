import Foundation

/// Where a directive is in its iteration: the first tile, a full tile in the middle, or the last,
/// partial tile.
enum IterationPosition: Sendable { case initial, steady, edge }

/// One iteration state of one directive and how many steps it lasts.
struct IterationState: Sendable {
    var position: IterationPosition
    var count: Int
    /// The first tile already covers the whole dimension.
    var unrolled: Bool
    /// This tile is partial (the last tile, or a first tile larger than the dimension).
    var isEdge: Bool
    /// At a spatial edge, the last active sub-cluster gets a smaller tile than the others.
    var hasSpatialEdgeEdge: Bool
}

/// Per-dimension tile sizes at one cluster level for a given dimension table (elements), indexed by
/// `TensorModel.names` (N K C R S Y X Y' X' M G).
struct TileSizes: Sendable {
    var mapped = [Int](repeating: 1, count: TensorModel.names.count)
    var unique = [Int](repeating: 0, count: TensorModel.names.count)
    var mappedEdge = [Int](repeating: 1, count: TensorModel.names.count)
    var uniqueEdge = [Int](repeating: 0, count: TensorModel.names.count)
}

/// The iteration space of one cluster level over one dimension table: the states of each directive,
/// the tile sizes, and how many sub-clusters are active at the spatial edge.
struct IterationSpace: Sendable {
    let level: ClusterLevel
    /// Dimension sizes indexed by `TensorModel.names` (elements).
    let dims: [Int]
    var states: [[IterationState]] = []
    var tiles = TileSizes()
    var edgeClusters = 1

    /// Output rows of an input tile under a filter tile (elements): input − filter + 1, none when smaller.
    static func outputs(_ input: Int, _ filter: Int) -> Int { input - filter + 1 }

    init(level: ClusterLevel, dims: [Int]) {
        self.level = level
        self.dims = dims
        let n = level.subClusters
        for d in level.directives {
            let k = d.index
            let staticSize = level.staticDims.isEmpty ? dims[k] : level.staticDims[k]
            let dimSize = dims[k]
            let (size, ofs) = (d.size, d.offset)
            do {
                // Tile sizes come from the level's static table (MAESTRO's reuse analysis).
                let dimSize = staticSize
            tiles.mapped[k] = size
            tiles.unique[k] = (!d.isSpatial && dimSize <= size) ? 0 : min(size, ofs)
            let steadyCount = max(0, (dimSize - size) / ofs)
            let hasEdge = steadyCount * ofs + size < dimSize || size > dimSize
            var edgeSize = dimSize - (steadyCount + 1) * ofs
            if edgeSize < 0 { edgeSize = dimSize }
            tiles.mappedEdge[k] = hasEdge ? edgeSize : size
            tiles.uniqueEdge[k] = max(ofs - (size - edgeSize), 0)
            }
            var list: [IterationState] = []
            if !d.isSpatial {
                let initEdge = dimSize < size
                list.append(IterationState(position: .initial, count: 1, unrolled: dimSize <= size, isEdge: initEdge, hasSpatialEdgeEdge: false))
                let steady = (dimSize - size) / ofs
                if size < dimSize && steady > 0 {
                    list.append(IterationState(position: .steady, count: steady, unrolled: false, isEdge: false, hasSpatialEdgeEdge: false))
                }
                if !initEdge && steady * ofs + size < dimSize {
                    list.append(IterationState(position: .edge, count: 1, unrolled: false, isEdge: true, hasSpatialEdgeEdge: false))
                }
            } else {
                let coverage = size + ofs * (n - 1)
                let initUnroll = dimSize <= coverage
                let initEdge = dimSize < coverage
                list.append(IterationState(position: .initial, count: 1, unrolled: initUnroll, isEdge: initEdge, hasSpatialEdgeEdge: initEdge))
                let steady = ((dimSize - size) / ofs + 1) / n - 1
                let hasSpatialEdge = !initUnroll && ((steady + 1) * ofs * n + coverage > dimSize) && (steady * ofs * n + coverage != dimSize)
                if coverage < dimSize && steady > 0 {
                    list.append(IterationState(position: .steady, count: steady, unrolled: false, isEdge: false, hasSpatialEdgeEdge: false))
                }
                let remaining = dimSize - (steady + 1) * ofs * n
                var active = remaining < size ? 1 : (remaining - size) / ofs + 1
                var edgeEdge = false
                if (active - 1) * ofs + size < remaining { active += 1; edgeEdge = true }
                if !initEdge && hasSpatialEdge {
                    list.append(IterationState(position: .edge, count: 1, unrolled: false, isEdge: true, hasSpatialEdgeEdge: edgeEdge))
                }
            }
            states.append(list)
        }
        // Output rows/columns (Y', X') follow their input tile and filter, stride-free as in MAESTRO (the
        // stride lives in the Y/X directives' sizes and offsets, see `SlidingWindow`).
        for d in level.directives {
            guard let partner = TensorModel.partnerIndex(d.index) else { continue }
            let out = TensorModel.outputIndex(d.index)
            tiles.mapped[out] = Self.outputs(tiles.mapped[d.index], tiles.mapped[partner])
            tiles.unique[out] = min(d.offset, d.size)
            tiles.mappedEdge[out] = Self.outputs(tiles.mappedEdge[d.index], tiles.mappedEdge[partner])
            tiles.uniqueEdge[out] = min(d.offset, tiles.mappedEdge[out])
        }
        // Active sub-clusters at the spatial edge (first spatial directive).
        if let s = level.firstSpatialIndex {
            let d = level.directives[s]
            let dimSize = level.staticDims.isEmpty ? dims[d.index] : level.staticDims[d.index]
            let fullCoverage = d.offset * (n - 1) + d.size
            if dimSize > fullCoverage {
                let steady = ((dimSize - d.size) / d.offset + 1) / n - 1
                let remaining = dimSize - (steady + 1) * d.offset * n
                edgeClusters = remaining < d.size ? 1 : (remaining - d.size) / d.offset + 1
            } else if dimSize > d.size {
                edgeClusters = (dimSize - d.size) / d.offset + 1
                if d.offset * (edgeClusters - 1) + d.size < dimSize { edgeClusters += 1 }
            } else {
                edgeClusters = 1
            }
        }
    }
}
