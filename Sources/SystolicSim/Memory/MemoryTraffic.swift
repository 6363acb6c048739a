/// DRAM traffic and stalls of one layer under a double-buffered SRAM, estimated at fold granularity.
///
/// - `USER` mode: DRAM reads follow SCALE-Sim's read buffer at the granularity of its address sets
///   (``PrefetchWindow``, ``OperandStream``): a circular window over the prefetch stream, moved one
///   prefetch half at a time, round the stream whenever a fold needs data behind it. The layer stalls
///   for as long as the busiest DRAM port (`bandwidth` words/cycle) needs beyond the compute cycles.
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
            ifmapDRAMReads = Self.prefetchedWords(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes,
                                                  bandwidth: config.ifmapReadWordsPerCycle)
            filterDRAMReads = Self.prefetchedWords(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes,
                                                   bandwidth: config.filterReadWordsPerCycle)
            func cycles(_ words: Int, _ bandwidth: Int) -> Int { (words + bandwidth - 1) / max(bandwidth, 1) }
            let busiest = max(cycles(ifmapDRAMReads, config.ifmapReadWordsPerCycle),
                              cycles(filterDRAMReads, config.filterReadWordsPerCycle),
                              cycles(ofmapDRAMWrites, config.bandwidthWordsPerCycle))
            stallCycles = max(0, busiest - compute.cycles)
        case .calc:
            ifmapDRAMReads = DemandFetchEstimate.reads(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes)
            filterDRAMReads = DemandFetchEstimate.reads(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes)
            stallCycles = 0
        }
    }

    enum Operand { case ifmap, filter }

    /// DRAM words the read buffer of `operand` fetches in USER mode: the first fill of the active
    /// half plus one prefetch half per window move, each rounded up to whole `bandwidth`-word lines.
    static func prefetchedWords(operand: Operand, layer: Layer, mapping m: ArrayMapping, sramKilobytes: Int, bandwidth: Int) -> Int {
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
        return firstFill + window.prefetches * ((prefetchWords + bandwidth - 1) / bandwidth) * bandwidth
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
