import Foundation

/// Data volumes (elements) of one iteration case at one cluster level: what the first sub-cluster,
/// the others, and the last (edge) sub-cluster hold, load and produce.
///
/// The rules follow MAESTRO's reuse analysis: the *changing* directive of a case is the innermost one
/// not at its first tile; a tensor not spanning it is fully reused (no traffic); a tensor spanning a
/// reset (inner, first-tile, multi-step) directive is reloaded whole; otherwise only the new part of the
/// changing dimension (its offset) moves. Along a spatial dimension, sub-clusters after the first
/// receive only what their neighbour does not already multicast (the offset).
struct CaseVolumes {
    let space: IterationSpace
    let states: [IterationState]

    /// Directive dimension indices and directive position by dimension index.
    let dimensionOf: [Int]
    let positionOf: [Int]

    init(space: IterationSpace, states: [IterationState], dimensionOf: [Int], positionOf: [Int]) {
        self.space = space
        self.states = states
        self.dimensionOf = dimensionOf
        self.positionOf = positionOf
    }

    private var level: ClusterLevel { space.level }

    @inline(__always) private func mapped(_ d: Int, edge: Bool) -> Int { edge ? space.tiles.mappedEdge[d] : space.tiles.mapped[d] }
    @inline(__always) private func unique(_ d: Int, edge: Bool) -> Int { edge ? space.tiles.uniqueEdge[d] : space.tiles.unique[d] }
    @inline(__always) private func spans(_ mask: Int, _ i: Int) -> Bool { mask & (1 << dimensionOf[i]) != 0 }

    /// Index of the innermost directive not at its first tile (-1: every directive at its first tile).
    var changingIndex: Int { states.lastIndex { $0.position != .initial } ?? -1 }

    var isAllInitial: Bool { changingIndex == -1 }

    /// Elements a sub-cluster holds of a tensor in this case.
    func mappedVolume(_ coupled: Int, first: Bool, edgeEdge: Bool) -> Int {
        var volume = 1
        for (i, d) in level.directives.enumerated() where spans(coupled, i) {
            let s = states[i]
            let k = dimensionOf[i]
            if !d.isSpatial {
                volume *= mapped(k, edge: s.isEdge)
            } else if s.isEdge {
                if space.edgeClusters == 1 && (first || edgeEdge) { volume *= mapped(k, edge: true) }
                else if space.edgeClusters > 1 { volume *= mapped(k, edge: edgeEdge) }
            } else {
                volume *= mapped(k, edge: false)
            }
        }
        return volume
    }

    /// Elements of an input tensor that must newly arrive at a sub-cluster in this case.
    func ingress(_ coupled: Int, first: Bool, edgeEdge: Bool, changing: Int) -> Int {
        if changing == -1 { return mappedVolume(coupled, first: first, edgeEdge: edgeEdge) }
        guard spans(coupled, changing) else { return 0 }
        var reloaded = false
        for i in (changing + 1)..<states.count where spans(coupled, i) && states[i].position == .initial && !states[i].unrolled {
            reloaded = true
            break
        }
        var volume = 1
        for (i, d) in level.directives.enumerated() where spans(coupled, i) {
            let s = states[i]
            let k = dimensionOf[i]
            let isChanging = i == changing
            if !d.isSpatial {
                switch s.position {
                case .initial: volume *= mapped(k, edge: s.isEdge)
                case .steady, .edge: volume *= (isChanging && !reloaded) ? max(unique(k, edge: false), 1) : mapped(k, edge: false)
                }
            } else if first {
                volume *= mapped(k, edge: edgeEdge)
            } else {
                switch s.position {
                case .initial: volume *= i <= changing ? mapped(k, edge: edgeEdge) : unique(k, edge: edgeEdge)
                case .steady, .edge: volume *= (!reloaded && isChanging) ? unique(k, edge: edgeEdge) : mapped(k, edge: edgeEdge)
                }
            }
        }
        return volume
    }

    /// The factor of a spatial directive `i` in a sub-cluster's egress: for a dimension the output does
    /// not span (partial sums, `output == false`) or for an output dimension (`output == true`, `name` is
    /// its output index: Y → Y'). As in MAESTRO, the last (edge-edge) sub-cluster of an initial edge
    /// sends its unique part (which may be empty) unless `reuseAtEdge` is false, and at a spatial edge with
    /// one active sub-cluster an output dimension takes the *input* tile's edge size.
    private func spatialFactor(_ i: Int, name: Int, output: Bool, first: Bool, edgeEdge: Bool, reuseAtEdge: Bool = true) -> Int {
        let s = states[i]
        let interior = { () -> Int in
            if first { return self.mapped(name, edge: false) }
            let u = self.unique(name, edge: false)
            return u != 0 ? u : 1
        }
        switch s.position {
        case .initial:
            guard s.isEdge && edgeEdge else { return interior() }
            if space.edgeClusters == 1 || !output || !reuseAtEdge { return mapped(name, edge: true) }
            return unique(name, edge: true)
        case .steady:
            return interior()
        case .edge:
            if space.edgeClusters == 1 {
                return (first || edgeEdge) ? mapped(output ? dimensionOf[i] : name, edge: true) : 1
            }
            if edgeEdge { return unique(name, edge: true) }
            return interior()
        }
    }

    /// Output elements a sub-cluster sends up (or, with `partialSums`, the MACs it performs).
    func egress(_ output: (mask: Int, indices: [Int]), first: Bool, edgeEdge: Bool, partialSums: Bool, reuseAtEdge: Bool = true) -> Int {
        var volume = 1
        if partialSums {
            for (i, d) in level.directives.enumerated() where !spans(output.mask, i) {
                if d.isSpatial {
                    volume *= spatialFactor(i, name: dimensionOf[i], output: false, first: first, edgeEdge: edgeEdge, reuseAtEdge: reuseAtEdge)
                } else {
                    volume *= mapped(dimensionOf[i], edge: states[i].isEdge)
                }
            }
        }
        for dim in output.indices {
            let i = positionOf[dim]
            guard i >= 0 else { continue }
            let name = TensorModel.outputIndex(dim)
            let s = states[i]
            if !level.directives[i].isSpatial {
                switch s.position {
                case .initial: volume *= mapped(name, edge: s.isEdge)
                case .steady: volume *= mapped(name, edge: false)
                case .edge: volume *= mapped(name, edge: true)
                }
            } else {
                volume *= spatialFactor(i, name: name, output: true, first: first, edgeEdge: edgeEdge, reuseAtEdge: reuseAtEdge)
            }
        }
        return volume
    }

    /// Spatial state of a tensor: is it spread across sub-clusters, and is this case at the spatial edge.
    private func spatialState(_ coupled: Int?) -> (mapped: Bool, edge: Bool, edgeEdge: Bool) {
        var result = (mapped: false, edge: false, edgeEdge: false)
        for (i, d) in level.directives.enumerated() where d.isSpatial && (coupled.map { spans($0, i) } ?? true) {
            result.mapped = true
            if states[i].isEdge { result.edge = true }
            result.edgeEdge = states[i].hasSpatialEdgeEdge
        }
        return result
    }

    /// Sums a per-sub-cluster volume over the active sub-clusters.
    private func combine(_ coupled: Int?, _ volume: (_ first: Bool, _ edgeEdge: Bool) -> Int) -> Int {
        let sp = spatialState(coupled)
        guard sp.mapped else { return volume(true, false) }
        let n = level.subClusters
        if !sp.edge { return volume(true, false) + (n - 1) * volume(false, false) }
        let e = space.edgeClusters
        var total = (e == 1 && sp.edgeEdge) ? volume(true, true) : volume(true, false)
        if e > 1 {
            let ee = sp.edgeEdge ? 1 : 0
            total += max(e - ee - 1, 0) * volume(false, false) + ee * volume(false, true)
        }
        return total
    }

    /// Elements of an input tensor moving from the upper buffer over the NoC in this case.
    func spatialIngress(_ coupled: Int) -> Int {
        let changing = changingIndex
        return combine(coupled) { ingress(coupled, first: $0, edgeEdge: $1, changing: changing) }
    }

    /// Output elements moving up over the NoC in this case.
    func spatialEgress(_ output: (mask: Int, indices: [Int])) -> Int {
        combine(output.mask) { egress(output, first: $0, edgeEdge: $1, partialSums: false) }
    }

    /// MACs performed across all active sub-clusters in this case.
    func partialSumsAcrossSubClusters(_ output: (mask: Int, indices: [Int])) -> Int {
        let sp = spatialState(nil)
        let n = level.subClusters
        guard sp.mapped else { return n * egress(output, first: true, edgeEdge: false, partialSums: true) }
        if !sp.edge { return n * egress(output, first: true, edgeEdge: false, partialSums: true) }
        let e = space.edgeClusters
        var total = (e == 1 && sp.edgeEdge) ? egress(output, first: true, edgeEdge: true, partialSums: true)
                                            : egress(output, first: true, edgeEdge: false, partialSums: true)
        if e > 1 {
            let ee = sp.edgeEdge ? 1 : 0
            total += max(e - ee - 1, 0) * egress(output, first: true, edgeEdge: false, partialSums: true)
            total += ee * egress(output, first: false, edgeEdge: true, partialSums: true, reuseAtEdge: false)
        }
        return total
    }

    /// MACs on the critical path: those of the first sub-cluster.
    func criticalPathPartialSums(_ output: (mask: Int, indices: [Int])) -> Int {
        let sp = spatialState(output.mask)
        if sp.mapped && sp.edge && space.edgeClusters == 1 && sp.edgeEdge {
            return egress(output, first: true, edgeEdge: true, partialSums: true)
        }
        return egress(output, first: true, edgeEdge: false, partialSums: true)
    }

    /// Number of active sub-clusters along the first spatial directive.
    var activeSubClusters: Int {
        guard let s = level.firstSpatialIndex else { return 1 }
        return states[s].isEdge ? space.edgeClusters : level.subClusters
    }

    /// The dimension table a sub-cluster sees in this case (`edgeEdge`: the last, smaller one).
    func subClusterDimensions(edgeEdge: Bool) -> [Int] {
        var dims = [Int](repeating: 1, count: TensorModel.names.count)
        for (i, d) in level.directives.enumerated() {
            let s = states[i]
            let k = dimensionOf[i]
            if !d.isSpatial {
                dims[k] = mapped(k, edge: s.isEdge)
            } else {
                switch s.position {
                case .initial: dims[k] = mapped(k, edge: s.isEdge && (space.edgeClusters == 1 || edgeEdge))
                case .steady: dims[k] = mapped(k, edge: false)
                case .edge: dims[k] = mapped(k, edge: space.edgeClusters == 1 || edgeEdge)
                }
            }
        }
        return dims
    }
}
