/// DRAM traffic and stalls of one layer under a double-buffered SRAM, estimated at fold granularity.
///
/// - `USER` mode: DRAM reads follow SCALE-Sim's read buffer at the granularity of its address sets
///   (``PrefetchWindow``, ``OperandStream``): a circular window over the prefetch stream, moved one
///   prefetch half at a time, round the stream whenever a fold needs data behind it. Prefetches run back
///   to back on each port (lines + 1 cycles each); the layer ends when the port that finishes last has
///   served the array's last read of its operand and the remaining fold has drained.
/// - `CALC` mode never stalls; its DRAM reads follow SCALE-Sim's demand fetching at fold granularity
///   (``DemandFetchEstimate``).
/// - Ofmap DRAM writes: the output once (os) or every partial-sum write (ws, is), as SCALE-Sim drains.
/// See docs/systolic.md for the agreement with SCALE-Sim.
///
/// ```swift
/// let traffic = MemoryTraffic(layer: conv3, config: config, compute: compute)
/// print(traffic.stallCycles, traffic.dramReadWords)
/// ```
public struct MemoryTraffic: Sendable, Hashable {
    /// DRAM reads, words.
    public let ifmapDRAMReads: Int
    public let filterDRAMReads: Int
    /// DRAM writes, words.
    public let ofmapDRAMWrites: Int
    /// Cycles the array waits for memory.
    public let stallCycles: Int

    public init(layer: Layer, config: ArchitectureConfig, compute: ComputeMetrics) {
        let mapping = compute.mapping
        switch config.dataflow {
        case .outputStationary: ofmapDRAMWrites = mapping.spatialRows * mapping.spatialColumns
        case .weightStationary, .inputStationary: ofmapDRAMWrites = mapping.temporal * mapping.spatialColumns * mapping.rowFolds
        }
        switch config.bandwidthMode {
        case .user:
            let ifmap = Self.prefetches(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes,
                                        bandwidth: config.ifmapReadWordsPerCycle)
            let filter = Self.prefetches(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes,
                                         bandwidth: config.filterReadWordsPerCycle)
            ifmapDRAMReads = ifmap.words
            filterDRAMReads = filter.words
            // Prefetches run back to back on each read port, `lines` cycles plus one of DRAM latency
            // each; the array's last read of an operand waits for its port's last prefetch, then the
            // fold finishes. The write port drains at its bandwidth.
            let sram = SRAMActivityWindow(mapping: mapping, layer: layer)
            let ifmapEnd = ifmap.count * (ifmap.lines + 1) + (compute.cycles - sram.ifmap.stop)
            let filterEnd = filter.count * (filter.lines + 1) + (compute.cycles - sram.filter.stop)
            let ofmapEnd = (ofmapDRAMWrites + config.bandwidthWordsPerCycle - 1) / max(config.bandwidthWordsPerCycle, 1)
            stallCycles = max(0, max(ifmapEnd, filterEnd, ofmapEnd) - compute.cycles)
        case .calc:
            ifmapDRAMReads = DemandFetchEstimate.reads(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes)
            filterDRAMReads = DemandFetchEstimate.reads(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes)
            stallCycles = 0
        }
    }

    enum Operand { case ifmap, filter }

    /// The read buffer of `operand` in USER mode: DRAM words fetched (the first fill of the active half
    /// plus one prefetch half per window move, each rounded up to whole `bandwidth`-word lines), the
    /// number of prefetches after the first fill, and the lines (cycles) each takes.
    static func prefetches(operand: Operand, layer: Layer, mapping m: ArrayMapping, sramKilobytes: Int,
                           bandwidth: Int) -> (words: Int, count: Int, lines: Int) {
        let r = m.arrayRows, c = m.arrayColumns
        let streamed: Bool
        let baseStream: OperandStream
        switch (m.dataflow, operand) {
        case (.outputStationary, .ifmap), (.weightStationary, .ifmap), (.inputStationary, .filter):
            streamed = true
            baseStream = OperandStream(order: .diagonal, slices: m.rowFolds, height: m.temporal, width: r, lastWidth: m.lastRowFoldRows)
        case (.outputStationary, .filter):
            streamed = true
            baseStream = OperandStream(order: .diagonal, slices: m.columnFolds, height: m.temporal, width: c, lastWidth: m.lastColumnFoldColumns)
        case (.weightStationary, .filter), (.inputStationary, .ifmap):
            streamed = false
            baseStream = OperandStream(order: .rowMajor, slices: m.columnFolds, height: m.spatialRows, width: c, lastWidth: m.lastColumnFoldColumns)
        }
        var stream = baseStream
        if operand == .ifmap, let holes = IfmapHoles(layer: layer) {
            // Map a stack (row, column) to (output pixel, window element) for this dataflow.
            let height = stream.height, width = stream.width, spatialRows = m.spatialRows
            switch m.dataflow {
            case .outputStationary:   // slice = row fold; row = window element, column = pixel in the fold
                stream.isHole = { row, column in holes.isHole(pixel: (row / height) * width + column, element: row % height) }
            case .weightStationary:   // slice = row fold; row = pixel, column = window element in the fold
                stream.isHole = { row, column in holes.isHole(pixel: row % height, element: (row / height) * width + column) }
            case .inputStationary:    // slice = column fold; row = window element, column = pixel in the fold
                stream.isHole = { row, column in holes.isHole(pixel: (row / spatialRows) * width + column, element: row % spatialRows) }
            }
        }
        let (runs, validWords) = stream.runs()
        let sramWords = sramKilobytes * 1024
        var window = PrefetchWindow(sramWords: sramWords, validWords: validWords)
        func demand(_ run: (first: Int, last: Int)?) {
            guard let run else { return }
            window.demand(run.first)
            window.demand(run.last)
        }
        if streamed {
            // Each fold sweeps one slice in stream order: its first word, then its last.
            let byRowFold = operand == .ifmap || m.dataflow == .inputStationary
            for columnFold in 0..<m.columnFolds {
                for rowFold in 0..<m.rowFolds { demand(runs(byRowFold ? rowFold : columnFold)) }
            }
        } else {
            // Each fold loads up to R rows of the stationary slice, last row first.
            for columnFold in 0..<m.columnFolds {
                for rowFold in 0..<m.rowFolds {
                    let top = columnFold * m.spatialRows + rowFold * r
                    let bottom = columnFold * m.spatialRows + min(rowFold * r + r, m.spatialRows) - 1
                    demand(runs(bottom))
                    // The rows above lie between the top row's first word and the bottom row's first
                    // word; when that whole stretch is in the window, loading them moves nothing.
                    if let first = runs(top)?.first, let bottomFirst = runs(bottom)?.first,
                       window.offset(first) <= window.offset(bottomFirst), window.offset(bottomFirst) < window.activeSets {
                        continue
                    }
                    for row in stride(from: bottom - 1, through: top, by: -1) { demand(runs(row)) }
                }
            }
        }
        let activeWords = (sramWords + 1) / 2, prefetchWords = sramWords - activeWords
        let fetchLines = (stream.paddedWords + bandwidth - 1) / bandwidth
        let firstFill = min((activeWords + bandwidth - 1) / bandwidth, fetchLines) * bandwidth
        let lines = (prefetchWords + bandwidth - 1) / bandwidth
        return (firstFill + window.prefetches * lines * bandwidth, window.prefetches, lines)
    }

    /// Ifmap words a layer touches (strided windows can skip rows and columns).
    static func distinctIfmapWords(_ layer: Layer) -> Int {
        func span(_ outputs: Int, _ filter: Int, _ input: Int) -> Int {
            if layer.stride < filter { return min(input, (outputs - 1) * layer.stride + filter) }
            return (0..<outputs).reduce(0) { $0 + max(0, min(filter, input - $1 * layer.stride)) }
        }
        return span(layer.ofmapHeight, layer.filterHeight, layer.ifmapHeight)
            * span(layer.ofmapWidth, layer.filterWidth, layer.ifmapWidth) * layer.channels
    }

    /// All DRAM traffic, words (1 word = 1 byte).
    public var dramWords: Int { ifmapDRAMReads + filterDRAMReads + ofmapDRAMWrites }
}
