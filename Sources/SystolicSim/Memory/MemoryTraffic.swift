/// DRAM traffic and stalls of one layer under a double-buffered SRAM, estimated at fold granularity.
///
/// - `USER` mode: DRAM reads follow SCALE-Sim's read buffer at the granularity of its address sets
///   (``PrefetchWindow``, ``OperandStream``): a circular window over the prefetch stream, moved one
///   prefetch half at a time, round the stream whenever a fold needs data behind it. Each prefetch is
///   placed on the demand line that triggers it, and ``StallTimeline`` replays SCALE-Sim's line loop:
///   prefetch chains on the read ports (banked while the array computes) and a write buffer that
///   stalls only when full.
/// - `CALC` mode never stalls; its DRAM reads follow SCALE-Sim's demand fetching (``DemandFetch``).
/// - Ofmap DRAM writes: every word the array writes (the output once for os, every partial sum for ws
///   and is), drained in whole lines as SCALE-Sim's write buffer drains them.
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
    /// First and last cycle the array reads or writes each SRAM, stalls included.
    public let sramActivity: SRAMActivityWindow
    /// First and last cycle of each DRAM port (SCALE-Sim's DRAM start/stop columns; the first fill of
    /// a read buffer comes before cycle 0).
    public let ifmapDRAMCycles: CycleSpan
    public let filterDRAMCycles: CycleSpan
    public let ofmapDRAMCycles: CycleSpan

    /// A first and last cycle.
    public struct CycleSpan: Sendable, Hashable {
        public let start: Int
        public let stop: Int
    }

    public init(layer: Layer, config: ArchitectureConfig, compute: ComputeMetrics) {
        let mapping = compute.mapping
        var ifmapTriggers = (lines: 0, triggers: [(line: Int, count: Int)]()), filterTriggers = ifmapTriggers
        let window = SRAMActivityWindow(mapping: mapping, layer: layer)
        var ifmapCycles = (start: 0, stop: -1), filterCycles = ifmapCycles
        switch config.bandwidthMode {
        case .user:
            let ifmap = Self.prefetches(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes,
                                        bandwidth: config.ifmapReadWordsPerCycle)
            let filter = Self.prefetches(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes,
                                         bandwidth: config.filterReadWordsPerCycle)
            ifmapDRAMReads = ifmap.words
            filterDRAMReads = filter.words
            ifmapTriggers = (ifmap.lines, ifmap.triggerLines)
            filterTriggers = (filter.lines, filter.triggerLines)
            // The first fill ends at cycle -1; each prefetch follows the previous one, lines + 1 cycles on.
            ifmapCycles = (-ifmap.firstFillLines, -1 + ifmap.count * (ifmap.lines + 1))
            filterCycles = (-filter.firstFillLines, -1 + filter.count * (filter.lines + 1))
        case .calc:
            let ifmap = DemandFetch.reads(operand: .ifmap, layer: layer, mapping: mapping, sramKilobytes: config.ifmapSRAMKilobytes)
            let filter = DemandFetch.reads(operand: .filter, layer: layer, mapping: mapping, sramKilobytes: config.filterSRAMKilobytes)
            (ifmapDRAMReads, filterDRAMReads) = (ifmap.reads, filter.reads)
            ifmapCycles = DemandFetch.cycles(ifmap, sramKilobytes: config.ifmapSRAMKilobytes, firstRequest: window.ifmap.start - 1)
            filterCycles = DemandFetch.cycles(filter, sramKilobytes: config.filterSRAMKilobytes, firstRequest: window.filter.start - 1)
        }
        // Replay the demand lines: prefetch chains on the read ports (USER mode), drains on the write
        // port (both modes; CALC mode writes back at one word per array column and cycle).
        let timeline = StallTimeline(mapping: mapping, ofmapSRAMWords: config.ofmapSRAMKilobytes * 1024,
                                     writeWordsPerCycle: config.bandwidthMode == .calc ? config.columns : config.bandwidthWordsPerCycle)
        let replay = timeline.stallCycles(ifmap: ifmapTriggers, filter: filterTriggers,
                                          probes: window.demandLines + [mapping.folds * mapping.cyclesPerFold - 1])
        stallCycles = replay.stalls
        sramActivity = window.stalled(replay.probes)
        ofmapDRAMWrites = replay.ofmapWrites
        ifmapDRAMCycles = CycleSpan(start: ifmapCycles.start, stop: ifmapCycles.stop)
        filterDRAMCycles = CycleSpan(start: filterCycles.start, stop: filterCycles.stop)
        ofmapDRAMCycles = CycleSpan(start: replay.ofmapDRAM.start, stop: replay.ofmapDRAM.stop)
    }

    enum Operand { case ifmap, filter }

    /// The read buffer of `operand` in USER mode: DRAM words fetched (the first fill of the active half
    /// plus one prefetch half per window move, each rounded up to whole `bandwidth`-word lines), the
    /// number of prefetches after the first fill, and the lines (cycles) each takes.
    static func prefetches(operand: Operand, layer: Layer, mapping m: ArrayMapping, sramKilobytes: Int,
                           bandwidth: Int) -> (words: Int, count: Int, lines: Int, firstFillLines: Int, triggerLines: [(line: Int, count: Int)]) {
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
        var triggerLines: [(line: Int, count: Int)] = []
        func trigger(_ line: Int, _ count: Int) {
            guard count > 0 else { return }
            if let last = triggerLines.last, last.line == line {
                triggerLines[triggerLines.count - 1].count += count
            } else {
                triggerLines.append((line, count))
            }
        }
        // Feeds a run of stream positions demanded from line `firstLine` (its first word) to
        // `lastLine` (its last word) and records the demand line of every prefetch it triggers:
        // those caused by the first word on its line, the others on the line whose words first reach
        // the set that was missing (a diagonal stream's slice is read one anti-diagonal a line).
        func demand(_ run: (first: Int, last: Int)?, slice: Int? = nil, firstLine: Int, lastLine: Int) {
            guard let run else { return }
            let opening = window.demand(run.first)
            trigger(firstLine, opening.steps + opening.laps)
            let sweep = window.demand(run.last, sweptFrom: run.first)
            trigger(lastLine, sweep.laps)
            guard sweep.steps > 0 else { return }
            guard let slice else { trigger(firstLine, sweep.steps); return }   // a row is read on one line
            let wordsPerSet = window.wordsPerSet
            let lastSet = run.last / wordsPerSet, span = lastSet - run.first / wordsPerSet
            // Prefetches whose missing set is not past the run's first word come with that word.
            let early = sweep.distance - window.activeSets - span
            let atFirst = early < 0 ? 0 : min(sweep.steps, early / window.prefetchSets + 1)
            trigger(firstLine, atFirst)
            // The boundaries grow with the step and lie past the run's first word, which is on or
            // after the slice's first diagonal: each search starts from the previous diagonal.
            var found = (diagonal: slice * stream.height, start: stream.start(diagonal: slice * stream.height))
            for step in atFirst..<sweep.steps {
                let back = sweep.distance - window.activeSets - step * window.prefetchSets
                let boundary = (lastSet - back) * wordsPerSet
                found = stream.diagonal(ofPosition: boundary, from: found.diagonal, fromStart: found.start)
                var diagonal = found.diagonal
                if let last = stream.lastPosition(slice: slice, diagonal: diagonal, start: found.start), last < boundary { diagonal += 1 }
                trigger(min(max(firstLine + diagonal - slice * stream.height, firstLine), lastLine), 1)
            }
        }
        let t = m.temporal, foldCycles = m.cyclesPerFold
        let addresses = operand == .ifmap ? IfmapAddresses(layer: layer) : nil
        if let addresses, addresses.overlaps, window.prefetchSets > 0 {
            // One ifmap word at several stream positions: SCALE-Sim's lookup by address.
            SharedWordReplay(stream: stream, addresses: addresses, mapping: m, validWords: validWords)
                .run(window: &window, runs: runs, trigger: trigger)
        } else if streamed {
            // Each fold sweeps one slice in stream order: its first word, then its last. Entry (t, c)
            // of a fold's slice is demanded on the fold's line t + c (after the R-line preload for ws/is).
            let byRowFold = operand == .ifmap || m.dataflow == .inputStationary
            let preload = m.dataflow == .outputStationary ? 0 : r
            for columnFold in 0..<m.columnFolds {
                for rowFold in 0..<m.rowFolds {
                    let slice = byRowFold ? rowFold : columnFold
                    let firstLine = (columnFold * m.rowFolds + rowFold) * foldCycles + preload
                    demand(runs(slice), slice: slice, firstLine: firstLine, lastLine: firstLine + t - 1 + stream.sliceWidth(slice) - 1)
                }
            }
        } else {
            // Each fold loads up to R rows of the stationary slice, last row first, one row a line.
            for columnFold in 0..<m.columnFolds {
                for rowFold in 0..<m.rowFolds {
                    let top = columnFold * m.spatialRows + rowFold * r
                    let bottom = columnFold * m.spatialRows + min(rowFold * r + r, m.spatialRows) - 1
                    let foldStart = (columnFold * m.rowFolds + rowFold) * foldCycles
                    func line(_ row: Int) -> Int { foldStart + r - 1 - (row - top) }
                    demand(runs(bottom), firstLine: line(bottom), lastLine: line(bottom))
                    // The rows above lie between the top row's first word and the bottom row's first
                    // word; when that whole stretch is in the window, loading them moves nothing.
                    if let first = runs(top)?.first, let bottomFirst = runs(bottom)?.first,
                       window.offset(first) <= window.offset(bottomFirst), window.offset(bottomFirst) < window.activeSets {
                        continue
                    }
                    for row in stride(from: bottom - 1, through: top, by: -1) { demand(runs(row), firstLine: line(row), lastLine: line(row)) }
                }
            }
        }
        let activeWords = (sramWords + 1) / 2, prefetchWords = sramWords - activeWords
        let fetchLines = (stream.paddedWords + bandwidth - 1) / bandwidth
        let firstFillLines = min((activeWords + bandwidth - 1) / bandwidth, fetchLines)
        let lines = (prefetchWords + bandwidth - 1) / bandwidth
        return (firstFillLines * bandwidth + window.prefetches * lines * bandwidth, window.prefetches, lines, firstFillLines, triggerLines)
    }

    /// All DRAM traffic, words (1 word = 1 byte).
    public var dramWords: Int { ifmapDRAMReads + filterDRAMReads + ofmapDRAMWrites }
}
