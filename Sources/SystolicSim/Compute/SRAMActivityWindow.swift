/// First and last cycle at which the array reads or writes each SRAM (SCALE-Sim's "SRAM … Start/Stop
/// Cycle" columns), from the fold structure; ``stalled(_:)`` adds the stalls of a USER-mode replay.
///
/// Reads are counted one cycle after the demand (SCALE-Sim's 1-cycle hit latency); writes at the
/// demand cycle. The streamed operand starts after the stationary one is loaded (R cycles for ws/is)
/// and each streamed stream is skewed by one cycle per array row or column. Exact when every window
/// of the layer lies inside the ifmap; pass the `layer` to trim the ifmap stop to the last read inside
/// it when a strided layer's last windows hang over the edge (os and ws; SCALE-Sim leaves those reads out).
public struct SRAMActivityWindow: Sendable, Hashable {
    /// (start, stop) cycles per SRAM.
    public let ifmap: (start: Int, stop: Int)
    public let filter: (start: Int, stop: Int)
    public let ofmap: (start: Int, stop: Int)

    public init(mapping m: ArrayMapping, layer: Layer? = nil) {
        let r = m.arrayRows, t = m.temporal
        let lastStart = (m.folds - 1) * m.cyclesPerFold
        let firstRows = m.rowFolds == 1 ? m.spatialRows : r
        let lastRows = m.lastRowFoldRows, lastColumns = m.lastColumnFoldColumns
        switch m.dataflow {
        case .outputStationary:
            ifmap = (1, layer.flatMap { Self.lastValidIfmapRead(m, $0) } ?? lastStart + t - 1 + lastRows - 1 + 1)
            filter = (1, lastStart + t - 1 + lastColumns - 1 + 1)
            ofmap = (t - 1 + (r - firstRows), lastStart + t - 1 + r - 1 + lastColumns - 1)
        case .weightStationary:
            ifmap = (r + 1, layer.flatMap { Self.lastValidIfmapRead(m, $0) } ?? lastStart + r + t - 1 + lastRows - 1 + 1)
            filter = (r - firstRows + 1, lastStart + r - 1 + 1)
            ofmap = (2 * r - 1, lastStart + 2 * r - 1 + t - 1 + lastColumns - 1)
        case .inputStationary:
            filter = (r + 1, lastStart + r + t - 1 + lastRows - 1 + 1)
            ifmap = (r - firstRows + 1, layer.flatMap { Self.lastValidIfmapRead(m, $0) } ?? lastStart + r - 1 + 1)
            ofmap = (2 * r - 1, lastStart + 2 * r - 1 + t - 1 + lastColumns - 1)
        }
    }

    private init(ifmap: (Int, Int), filter: (Int, Int), ofmap: (Int, Int)) {
        (self.ifmap, self.filter, self.ofmap) = (ifmap, filter, ofmap)
    }

    /// The demand lines SCALE-Sim serves at these cycles when nothing stalls: ifmap start and stop,
    /// filter start and stop (read one cycle after the demand), ofmap start and stop (at the demand).
    var demandLines: [Int] { [ifmap.start - 1, ifmap.stop - 1, filter.start - 1, filter.stop - 1, ofmap.start, ofmap.stop] }

    /// The same window with each cycle moved by the stalls before its line and the delay its buffer
    /// adds on it (`served`, in the order of ``demandLines``).
    func stalled(_ served: [StallTimeline.LineService]) -> SRAMActivityWindow {
        func read(_ cycle: Int, _ s: StallTimeline.LineService, _ delay: Int) -> Int { cycle + s.stallsBefore + delay }
        return SRAMActivityWindow(
            ifmap: (read(ifmap.start, served[0], served[0].ifmapDelay), read(ifmap.stop, served[1], served[1].ifmapDelay)),
            filter: (read(filter.start, served[2], served[2].filterDelay), read(filter.stop, served[3], served[3].filterDelay)),
            ofmap: (read(ofmap.start, served[4], served[4].writeDelay), read(ofmap.stop, served[5], served[5].writeDelay)))
    }

    /// The cycle of the last ifmap read inside the ifmap when some windows overhang it, else nil.
    /// A fold's ifmap demand puts entry (t, c) of its slice at line t + c (plus R for ws); is loads
    /// its stationary rows last first, row j on line R − 1 − j.
    static func lastValidIfmapRead(_ m: ArrayMapping, _ layer: Layer) -> Int? {
        guard let holes = IfmapHoles(layer: layer) else { return nil }
        let r = m.arrayRows
        if m.dataflow == .inputStationary {
            for fold in stride(from: m.folds - 1, through: 0, by: -1) {
                let rowFold = fold % m.rowFolds, columnFold = fold / m.rowFolds
                let rows = rowFold == m.rowFolds - 1 ? m.lastRowFoldRows : r
                let columns = columnFold == m.columnFolds - 1 ? m.lastColumnFoldColumns : m.arrayColumns
                let pixels = columnFold * m.arrayColumns ..< columnFold * m.arrayColumns + columns
                for j in 0..<rows where pixels.contains(where: { !holes.isHole(pixel: $0, element: rowFold * r + j) }) {
                    return fold * m.cyclesPerFold + r - 1 - j + 1
                }
            }
            return nil
        }
        let s = layer.stride, fc = layer.filterWidth * layer.channels
        for fold in stride(from: m.folds - 1, through: 0, by: -1) {
            let rowFold = fold % m.rowFolds
            let used = rowFold == m.rowFolds - 1 ? m.lastRowFoldRows : r
            var latest: Int? = nil
            for column in 0..<used {
                let index = rowFold * r + column
                let t: Int?
                if m.dataflow == .outputStationary {   // column = pixel; t = its last in-range window element
                    let rows = min(layer.filterHeight, layer.ifmapHeight - (index / layer.ofmapWidth) * s)
                    let columns = min(layer.filterWidth, layer.ifmapWidth - (index % layer.ofmapWidth) * s)
                    t = rows > 0 && columns > 0 ? (rows - 1) * fc + (columns - 1) * layer.channels + layer.channels - 1 : nil
                } else {                                // column = window element; t = the last pixel reading it in range
                    let windowRow = index / fc, windowColumn = (index % fc) / layer.channels
                    let lastRow = min(layer.ofmapHeight - 1, (layer.ifmapHeight - 1 - windowRow) / s)
                    let lastColumn = min(layer.ofmapWidth - 1, (layer.ifmapWidth - 1 - windowColumn) / s)
                    t = layer.ifmapHeight - 1 - windowRow >= 0 && layer.ifmapWidth - 1 - windowColumn >= 0
                        ? lastRow * layer.ofmapWidth + lastColumn : nil
                }
                if let t { latest = max(latest ?? 0, t + column) }
            }
            if let latest {
                return fold * m.cyclesPerFold + (m.dataflow == .weightStationary ? r : 0) + latest + 1
            }
        }
        return nil
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.ifmap == b.ifmap && a.filter == b.filter && a.ofmap == b.ofmap
    }

    public func hash(into hasher: inout Hasher) {
        for value in [ifmap.start, ifmap.stop, filter.start, filter.stop, ofmap.start, ofmap.stop] { hasher.combine(value) }
    }
}
