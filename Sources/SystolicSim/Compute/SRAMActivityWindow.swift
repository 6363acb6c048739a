/// First and last cycle at which the array reads or writes each SRAM (SCALE-Sim's "SRAM … Start/Stop
/// Cycle" columns), from the fold structure alone, without stalls.
///
/// Reads are counted one cycle after the demand (SCALE-Sim's 1-cycle hit latency); writes at the
/// demand cycle. The streamed operand starts after the stationary one is loaded (R cycles for ws/is)
/// and each streamed stream is skewed by one cycle per array row or column. Exact when every window
/// of the layer lies inside the ifmap; a strided layer whose last windows hang over the edge (SCALE-Sim
/// leaves those reads out) stops a few cycles earlier in SCALE-Sim.
public struct SRAMActivityWindow: Sendable, Hashable {
    /// (start, stop) cycles per SRAM.
    public let ifmap: (start: Int, stop: Int)
    public let filter: (start: Int, stop: Int)
    public let ofmap: (start: Int, stop: Int)

    public init(mapping m: ArrayMapping) {
        let r = m.arrayRows, t = m.temporal
        let lastStart = (m.folds - 1) * m.cyclesPerFold
        let firstRows = m.rowFolds == 1 ? m.spatialRows : r
        let lastRows = m.lastRowFoldRows, lastColumns = m.lastColumnFoldColumns
        switch m.dataflow {
        case .outputStationary:
            ifmap = (1, lastStart + t - 1 + lastRows - 1 + 1)
            filter = (1, lastStart + t - 1 + lastColumns - 1 + 1)
            ofmap = (t - 1 + (r - firstRows), lastStart + t - 1 + r - 1 + lastColumns - 1)
        case .weightStationary:
            ifmap = (r + 1, lastStart + r + t - 1 + lastRows - 1 + 1)
            filter = (r - firstRows + 1, lastStart + r - 1 + 1)
            ofmap = (2 * r - 1, lastStart + 2 * r - 1 + t - 1 + lastColumns - 1)
        case .inputStationary:
            filter = (r + 1, lastStart + r + t - 1 + lastRows - 1 + 1)
            ifmap = (r - firstRows + 1, lastStart + r - 1 + 1)
            ofmap = (2 * r - 1, lastStart + 2 * r - 1 + t - 1 + lastColumns - 1)
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.ifmap == b.ifmap && a.filter == b.filter && a.ofmap == b.ofmap
    }

    public func hash(into hasher: inout Hasher) {
        for value in [ifmap.start, ifmap.stop, filter.start, filter.stop, ofmap.start, ofmap.stop] { hasher.combine(value) }
    }
}
