/// Stall cycles in SCALE-Sim's USER bandwidth mode, replayed line by line of the demand matrices.
///
/// SCALE-Sim walks the array's demand lines (one per compute cycle); line i is issued at cycle
/// i + (stalls so far), and the stalls of a line are the largest of the three buffers' delays:
/// - **Read buffers** (ifmap, filter): the first fill of the active half happens before cycle 0 and
///   ends at cycle −1. Every later prefetch starts right after the previous one ends, whatever the
///   array is doing, and ends `lines + 1` cycles later, so DRAM time not needed while the array
///   computes is banked. A line that triggers a prefetch waits only if that chain of prefetches is
///   ahead of the line's cycle; SCALE-Sim 3.0.0 then adds the gap twice (its offset update), and we
///   replay that update as it is.
/// - **Write buffer** (ofmap): writes fill the SRAM; once more than the drain half is occupied and
///   the previous drain has finished, the drain half (⌈half/bandwidth⌉ lines, one a cycle) is written
///   back. The array waits only when the SRAM is full while a drain is still running.
///
/// Triggers are given as demand lines (no stalls counted) with the prefetches each triggers, in
/// demand order.
///
/// ```swift
/// var timeline = StallTimeline(mapping: mapping, ofmapSRAMWords: 65_536, writeWordsPerCycle: 10)
/// let stalls = timeline.stallCycles(ifmap: (lines, ifmapTriggers), filter: (lines, filterTriggers))
/// ```
struct StallTimeline {
    let mapping: ArrayMapping
    /// Ofmap SRAM size, words, and the drain half.
    let ofmapWords: Int
    let drainWords: Int
    let activeWords: Int
    let writeBandwidth: Int

    init(mapping: ArrayMapping, ofmapSRAMWords: Int, writeWordsPerCycle: Int) {
        self.mapping = mapping
        ofmapWords = ofmapSRAMWords
        activeWords = (ofmapSRAMWords + 1) / 2
        drainWords = ofmapSRAMWords - activeWords
        writeBandwidth = max(writeWordsPerCycle, 1)
    }

    /// Ofmap words the array writes on line `line` (0-based) of a fold using `rowsUsed` × `columnsUsed` PEs.
    func writes(line: Int, rowsUsed: Int, columnsUsed: Int) -> Int {
        let r = mapping.arrayRows, t = mapping.temporal
        let low: Int, high: Int
        switch mapping.dataflow {
        case .outputStationary:   // rows leave flipped after T − 1 null lines, skewed by column
            low = max(0, line - (t - 1) - (r - 1))
            high = min(columnsUsed - 1, line - (t - 1) - (r - rowsUsed))
        case .weightStationary, .inputStationary:   // T rows after 2R − 1 null lines, skewed by column
            low = max(0, line - (2 * r - 1) - (t - 1))
            high = min(columnsUsed - 1, line - (2 * r - 1))
        }
        return max(0, high - low + 1)
    }

    /// The first and last fold line that writes.
    func writeLines(rowsUsed: Int, columnsUsed: Int) -> ClosedRange<Int> {
        let r = mapping.arrayRows, t = mapping.temporal
        switch mapping.dataflow {
        case .outputStationary: return (t - 1 + r - rowsUsed)...(t - 1 + r - 1 + columnsUsed - 1)
        case .weightStationary, .inputStationary: return (2 * r - 1)...(2 * r - 1 + t - 1 + columnsUsed - 1)
        }
    }

    /// Ofmap words the fold writes on its lines before `line`: each used column writes one run of
    /// `run` consecutive lines (rows used for os, T for ws/is), column c's starting c lines after the
    /// first, so the count is a difference of two sums of ramps.
    func writesBefore(line: Int, rowsUsed: Int, columnsUsed: Int) -> Int {
        // writeLines(rowsUsed:columnsUsed:).lowerBound, without building the range.
        let r = mapping.arrayRows, t = mapping.temporal, outputStationary = mapping.dataflow == .outputStationary
        let first = outputStationary ? t - 1 + r - rowsUsed : 2 * r - 1
        let run = outputStationary ? rowsUsed : t
        // Σ over columns c of max(y − c, 0).
        func ramps(_ y: Int) -> Int {
            guard y > 0 else { return 0 }
            let m = min(columnsUsed, y)
            return m * y - m * (m - 1) / 2
        }
        let x = line - first
        return ramps(x) - ramps(x - run)
    }

    /// The write buffer's state.
    private struct WriteBuffer {
        var free: Int
        var drainEnd = 0
        var wordsInLine = 0
        var lines = 0
        var drainedLines = 0
        /// Words written back to DRAM so far, as SCALE-Sim counts them.
        var drained = 0
        /// Padding (unused words) of lines closed early by a drain, in line order; lines are drained
        /// in order, so the ones before `paddingNext` are never looked up again.
        var padding: [(line: Int, words: Int)] = []
        var paddingNext = 0
    }

    /// What SCALE-Sim's buffers answer on one demand line: the stalls of the lines before it and the
    /// delay each buffer adds on it (cycles).
    struct LineService: Sendable, Hashable {
        var stallsBefore = 0
        var ifmapDelay = 0
        var filterDelay = 0
        var writeDelay = 0
    }

    /// Replays the layer and returns its stall cycles, how each line in `probes` is served, and the
    /// ofmap words written back to DRAM (whole lines, but for the unused words of each drain's last).
    func stallCycles(ifmap: (lines: Int, triggers: [(line: Int, count: Int)]), filter: (lines: Int, triggers: [(line: Int, count: Int)]),
                     probes: [Int] = []) -> (stalls: Int, probes: [LineService], ofmapWrites: Int, ofmapDRAM: (start: Int, stop: Int)) {
        let order = probes.indices.sorted { probes[$0] < probes[$1] }
        var served = [LineService](repeating: LineService(), count: probes.count)
        var nextProbe = 0
        // Lines before `limit` not yet probed were served without a delay of their own.
        func settle(below limit: Int, stalls: Int) {
            while nextProbe < order.count, probes[order[nextProbe]] < limit {
                served[order[nextProbe]].stallsBefore = stalls
                nextProbe += 1
            }
        }
        let m = mapping
        let foldCycles = m.cyclesPerFold
        var buffer = WriteBuffer(free: ofmapWords)
        var stalls = 0
        var ifmapNext = 0, filterNext = 0
        var ifmapChain = -1, filterChain = -1   // cycle the last prefetch ends (the first fill: cycle −1)
        let drainLines = (drainWords + writeBandwidth - 1) / writeBandwidth

        // The read delay of line `line` at cycle `cycle` (SCALE-Sim's offset − hit latency).
        func readDelay(_ triggers: [(line: Int, count: Int)], _ next: inout Int, _ chain: inout Int, lines: Int, line: Int, cycle: Int) -> Int {
            guard next < triggers.count, triggers[next].line <= line else { return 0 }
            var offset = 1
            // Each prefetch ends `lines + 1` after the previous; the offset becomes (chain − cycle) plus
            // the gap again when positive. From the second prefetch on, the doubled part alternates
            // between two values (gap' = P − max(gap, 0)), so k prefetches at once are a closed form.
            let period = lines + 1
            while next < triggers.count, triggers[next].line <= line {
                let count = triggers[next].count
                chain += period
                let first = max(chain - (cycle + offset), 0)
                var extra = first
                if count > 1 {
                    let second = max(period - first, 0), third = max(period - second, 0)
                    extra = count % 2 == 0 ? second : third
                    chain += (count - 1) * period
                }
                offset = chain - cycle + extra
                next += 1
            }
            return offset - 1
        }

        // Stores `count` words written at `cycle`; returns the cycles the line waits.
        func write(_ count: Int, cycle: Int) -> Int {
            var remaining = count, current = cycle
            while remaining > 0 {
                if current < buffer.drainEnd {
                    // Words go in until the SRAM is full; the word that fills it waits for the drain.
                    if buffer.free - remaining > 0 { store(remaining); remaining = 0; break }
                    let k = max(buffer.free, 1)
                    store(k); remaining -= k
                    current = buffer.drainEnd
                } else {
                    // The word that leaves less than the active half free starts a drain.
                    let k = max(buffer.free - activeWords + 1, 1)
                    if k > remaining { store(remaining); remaining = 0; break }
                    store(k); remaining -= k
                    drain(at: current)
                }
            }
            return current - cycle
        }
        func store(_ words: Int) {
            buffer.free -= words
            buffer.wordsInLine += words
            buffer.lines += buffer.wordsInLine / writeBandwidth
            buffer.wordsInLine %= writeBandwidth
        }
        func closeLine() {   // the open line is closed, padded
            guard buffer.wordsInLine > 0 else { return }
            buffer.padding.append((buffer.lines, writeBandwidth - buffer.wordsInLine))
            buffer.lines += 1
            buffer.wordsInLine = 0
        }
        // Writes back up to one drain half of lines; SCALE-Sim counts them whole but for the unused
        // words of the last one. Returns the lines drained.
        func drainChunk() -> Int {
            let n = min(drainLines, buffer.lines - buffer.drainedLines)
            guard n > 0 else { return 0 }
            let last = buffer.drainedLines + n - 1
            while buffer.paddingNext < buffer.padding.count, buffer.padding[buffer.paddingNext].line < last { buffer.paddingNext += 1 }
            let padding = buffer.paddingNext < buffer.padding.count && buffer.padding[buffer.paddingNext].line == last
                ? buffer.padding[buffer.paddingNext].words : 0
            buffer.free += n * writeBandwidth - padding
            buffer.drained += n * writeBandwidth - padding
            buffer.drainedLines += n
            return n
        }
        var firstDrain: Int? = nil
        func drain(at cycle: Int) {
            closeLine()
            let n = drainChunk()
            if n > 0 {
                buffer.drainEnd = cycle + n - 1
                if firstDrain == nil { firstDrain = cycle }
            }
        }

        for columnFold in 0..<m.columnFolds {
            let columnsUsed = columnFold == m.columnFolds - 1 ? m.lastColumnFoldColumns : m.arrayColumns
            for rowFold in 0..<m.rowFolds {
                let rowsUsed = rowFold == m.rowFolds - 1 ? m.lastRowFoldRows : m.arrayRows
                let foldStart = (columnFold * m.rowFolds + rowFold) * foldCycles
                let foldEnd = foldStart + foldCycles
                let writing = writeLines(rowsUsed: rowsUsed, columnsUsed: columnsUsed)
                // Each used column writes one word a line for rowsUsed (os) or T (ws, is) lines.
                let foldWrites = columnsUsed * (m.dataflow == .outputStationary ? rowsUsed : m.temporal)
                let readsInFold = (ifmapNext < ifmap.triggers.count && ifmap.triggers[ifmapNext].line < foldEnd)
                    || (filterNext < filter.triggers.count && filter.triggers[filterNext].line < foldEnd)
                // A fold that triggers no prefetch and cannot start a drain only fills the SRAM.
                if !readsInFold && buffer.free - foldWrites >= activeWords {
                    store(foldWrites)
                    settle(below: foldEnd, stalls: stalls)
                    continue
                }
                var line = foldStart
                while line < foldEnd {
                    // Lines before the next event only fill the SRAM: skip them in one step. Events
                    // are a prefetch trigger, the line whose writes fill the SRAM during a drain or
                    // start the next drain, and the line at which the running drain ends.
                    let nextRead = min(ifmapNext < ifmap.triggers.count ? ifmap.triggers[ifmapNext].line : foldEnd,
                                       filterNext < filter.triggers.count ? filter.triggers[filterNext].line : foldEnd)
                    // A line that triggers a prefetch is an event itself: nothing to skip.
                    if nextRead > line {
                        let written = writesBefore(line: line - foldStart, rowsUsed: rowsUsed, columnsUsed: columnsUsed)
                        let horizon = min(max(nextRead, line), foldEnd)
                        func lineReaching(_ words: Int) -> Int {   // first line whose writes bring the count to `words`
                            // Most often the next prefetch trigger comes first: no search needed.
                            if writesBefore(line: horizon - foldStart, rowsUsed: rowsUsed, columnsUsed: columnsUsed) - written < words {
                                return horizon
                            }
                            func reaches(_ local: Int) -> Bool {
                                writesBefore(line: local + 1, rowsUsed: rowsUsed, columnsUsed: columnsUsed) - written >= words
                            }
                            // A line writes at most one word a used column, so no line before the
                            // ⌈words / columnsUsed⌉-th from here reaches the count (and that one does
                            // while every column writes): gallop from there, then bisect.
                            var low = min(line - foldStart + (words + columnsUsed - 1) / columnsUsed - 1, foldCycles)
                            var high = foldCycles, hop = 1
                            while low < high {
                                let probe = min(low + hop - 1, high - 1)
                                if reaches(probe) { high = probe; break }
                                low = probe + 1
                                hop *= 2
                            }
                            while low < high {
                                let middle = (low + high) / 2
                                if reaches(middle) { high = middle } else { low = middle + 1 }
                            }
                            return foldStart + low
                        }
                        var event: Int
                        if line + stalls < buffer.drainEnd {
                            event = min(lineReaching(max(buffer.free, 1)), buffer.drainEnd - stalls)
                        } else {
                            event = lineReaching(max(buffer.free - activeWords + 1, 1))
                        }
                        event = min(event, max(nextRead, line), foldEnd)
                        if event > line {
                            store(writesBefore(line: event - foldStart, rowsUsed: rowsUsed, columnsUsed: columnsUsed) - written)
                            line = event
                            if line == foldEnd { break }
                        }
                    }
                    settle(below: line, stalls: stalls)
                    let local = line - foldStart
                    let cycle = line + stalls
                    let readI = readDelay(ifmap.triggers, &ifmapNext, &ifmapChain, lines: ifmap.lines, line: line, cycle: cycle)
                    let readF = readDelay(filter.triggers, &filterNext, &filterChain, lines: filter.lines, line: line, cycle: cycle)
                    let count = writing.contains(local) ? writes(line: local, rowsUsed: rowsUsed, columnsUsed: columnsUsed) : 0
                    let writeDelay = count > 0 ? write(count, cycle: cycle) : 0
                    while nextProbe < order.count, probes[order[nextProbe]] == line {
                        served[order[nextProbe]] = LineService(stallsBefore: stalls, ifmapDelay: readI, filterDelay: readF, writeDelay: writeDelay)
                        nextProbe += 1
                    }
                    stalls += max(readI, readF, writeDelay, 0)
                    line += 1
                }
            }
        }
        settle(below: Int.max, stalls: stalls)
        // After the last line is served, everything left is written back, one drain half after another.
        let lastLine = m.folds * foldCycles - 1
        var cycle = lastLine + (probes.firstIndex(of: lastLine).map { served[$0].stallsBefore + served[$0].writeDelay } ?? stalls)
        let flushStart = cycle
        closeLine()
        var stop = buffer.drainEnd
        while case let n = drainChunk(), n > 0 {
            stop = max(stop, cycle + n - 1)
            cycle += n
        }
        return (stalls, served, buffer.drained, (firstDrain ?? flushStart, stop))
    }
}
