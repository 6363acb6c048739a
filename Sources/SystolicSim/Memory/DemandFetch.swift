/// DRAM reads of one operand in SCALE-Sim's CALC bandwidth mode (it estimates the bandwidth needed and
/// never stalls), from the mechanism of its estimating read buffer.
///
/// The buffer fetches on demand: the array's demands (line by line, in the demand matrix's column
/// order) are looked up among the words fetched since the buffer last moved on; a word not among them is
/// fetched (one DRAM read). Fetched words fill sets of ⌊SRAM words / 100⌋; once 50 sets are full (the
/// active half) the buffer moves on and forgets them all. So the reads are: every demand that is the
/// first of its address since the last move, the buffer moving after every `50 · ⌊words / 100⌋` reads.
///
/// - Operands whose entries all have distinct addresses (filters; ifmaps whose windows do not overlap)
///   are counted in closed form per fold: a fold demands a whole slice in a fixed order, so the words
///   still held from the slice's previous demand are a suffix of that order.
/// - Ifmaps with overlapping windows are replayed word by word (one comparison per demand). Passes over
///   the row folds repeat for every column fold; once two consecutive passes last move the buffer at the
///   same demand (or neither reads), every later pass is identical and is counted without replaying.
enum DemandFetch {
    /// DRAM reads, and the demand line on which the buffer last moved on (nil: never).
    static func reads(operand: MemoryTraffic.Operand, layer: Layer, mapping m: ArrayMapping, sramKilobytes: Int) -> (reads: Int, lastMove: Int?) {
        let capacity = max(50 * (sramKilobytes * 1024 / 100), 1)
        if operand == .ifmap, case let addresses = IfmapAddresses(layer: layer), addresses.overlaps {
            return replay(addresses, mapping: m, capacity: capacity)
        }
        return distinctAddressReads(operand: operand, addresses: operand == .ifmap ? IfmapAddresses(layer: layer) : nil,
                                    mapping: m, capacity: capacity)
    }

    /// The port's first and last DRAM cycle. The buffer fetches what it read at 10 words a cycle: when
    /// it never moved, all of it before cycle 0 (ending at −1); otherwise the first 50 sets end just
    /// before the first request, and the last fetch ends one cycle after the line that last moved it.
    static func cycles(_ fetch: (reads: Int, lastMove: Int?), sramKilobytes: Int, firstRequest: Int) -> (start: Int, stop: Int) {
        let perSet = max(sramKilobytes * 1024 / 100, 1)
        func lines(_ sets: Int) -> Int { (sets * perSet + 9) / 10 }
        guard let lastMove = fetch.lastMove else { return (-lines((fetch.reads + perSet - 1) / perSet), -1) }
        return (firstRequest - lines(50), lastMove + 1)
    }

    private static func rowsUsed(_ m: ArrayMapping, _ fold: Int) -> Int { fold == m.rowFolds - 1 ? m.lastRowFoldRows : m.arrayRows }
    private static func columnsUsed(_ m: ArrayMapping, _ fold: Int) -> Int { fold == m.columnFolds - 1 ? m.lastColumnFoldColumns : m.arrayColumns }

    /// Reads when no two operand entries share an address. Fold after fold (column folds outer), each
    /// demands its slice (a key and its valid words L); the words of the slice demanded since the
    /// buffer last moved (at demand `epochStart`) are those from position `epochStart − start` of its
    /// previous demand on, a suffix of the slice.
    private static func distinctAddressReads(operand: MemoryTraffic.Operand, addresses: IfmapAddresses?, mapping m: ArrayMapping,
                                             capacity: Int) -> (reads: Int, lastMove: Int?) {
        let r = m.arrayRows, c = m.arrayColumns
        // Valid words in a block of pixels x window elements (ifmap windows hanging over the edge).
        func valid(pixels: Range<Int>, elements: Range<Int>) -> Int {
            guard let addresses, addresses.overhangs else { return pixels.count * elements.count }
            var count = 0
            for p in pixels { for k in elements where addresses.address(pixel: p, element: k) != nil { count += 1 } }
            return count
        }
        let allPixels = 0..<(m.dataflow == .outputStationary ? m.spatialRows : m.dataflow == .weightStationary ? m.temporal : m.spatialColumns)
        let allElements = 0..<(m.dataflow == .outputStationary ? m.temporal : m.spatialRows)
        func slice(rowFold fr: Int, columnFold fc: Int) -> (key: Int, words: () -> Int) {
            let rows = fr * r ..< fr * r + rowsUsed(m, fr), columns = fc * c ..< fc * c + columnsUsed(m, fc)
            switch (m.dataflow, operand) {
            case (.outputStationary, .ifmap): return (fr, { valid(pixels: rows, elements: allElements) })
            case (.outputStationary, .filter): return (fc, { m.temporal * columns.count })
            case (.weightStationary, .ifmap): return (fr, { valid(pixels: allPixels, elements: rows) })
            case (.weightStationary, .filter): return (fc * m.rowFolds + fr, { rows.count * columns.count })
            case (.inputStationary, .ifmap): return (fc * m.rowFolds + fr, { valid(pixels: columns, elements: rows) })
            case (.inputStationary, .filter): return (fr, { m.temporal * rows.count })
            }
        }
        var words: [Int: Int] = [:], lastStart: [Int: Int] = [:]
        var time = 0, epochStart = 0, fresh = 0, reads = 0
        var lastMove: (rowFold: Int, columnFold: Int, position: Int)? = nil
        for fc in 0..<m.columnFolds {
            for fr in 0..<m.rowFolds {
                let (key, count) = slice(rowFold: fr, columnFold: fc)
                let length: Int
                if let known = words[key] { length = known } else { length = count(); words[key] = length }
                // Positions [0, held) of the slice are not held; [held, length) are.
                let held = lastStart[key].map { min(max(epochStart - $0, 0), length) } ?? length
                let needed = capacity - fresh
                if held < needed {
                    reads += held
                    fresh += held
                } else {
                    // The buffer moves after the needed-th new word; the rest of the slice is new.
                    let rest = length - needed
                    reads += length
                    fresh = rest % capacity
                    epochStart = time + needed + (rest / capacity) * capacity
                    lastMove = (fr, fc, epochStart - 1 - time)
                }
                lastStart[key] = time
                time += length
            }
        }
        return (reads, lastMove.map { line(of: $0.position, rowFold: $0.rowFold, columnFold: $0.columnFold, operand: operand,
                                           addresses: addresses, mapping: m) })
    }

    /// The demand line of the `position`-th valid word (0-based) a fold demands.
    private static func line(of position: Int, rowFold fr: Int, columnFold fc: Int, operand: MemoryTraffic.Operand,
                             addresses: IfmapAddresses?, mapping m: ArrayMapping) -> Int {
        let r = m.arrayRows, c = m.arrayColumns, t = m.temporal
        let foldStart = (fc * m.rowFolds + fr) * m.cyclesPerFold
        let rows = rowsUsed(m, fr), columns = columnsUsed(m, fc)
        let holes = addresses?.overhangs == true ? addresses : nil
        switch (m.dataflow, operand) {
        case (.weightStationary, .filter), (.inputStationary, .ifmap):
            // Stationary rows, last first, one a line.
            var count = 0
            for j in stride(from: rows - 1, through: 0, by: -1) {
                let valid = holes.map { a in (fc * c ..< fc * c + columns).filter { a.address(pixel: $0, element: fr * r + j) != nil }.count } ?? columns
                count += valid
                if count > position { return foldStart + r - 1 - j }
            }
            return foldStart + r - 1
        default:
            // A streamed slice: entry (t, i) on line t + i, after the R-line preload for ws and is.
            let lanes = m.dataflow == .outputStationary && operand == .filter ? columns : rows
            let base = foldStart + (m.dataflow == .outputStationary ? 0 : r)
            var count = 0
            for d in 0..<(t + lanes - 1) {
                let low = max(0, d - t + 1), high = min(lanes - 1, d)
                if let holes {
                    for i in low...high {
                        let (pixel, element) = m.dataflow == .outputStationary ? (fr * r + i, d - i) : (d - i, fr * r + i)
                        if holes.address(pixel: pixel, element: element) != nil { count += 1 }
                    }
                } else {
                    count += high - low + 1
                }
                if count > position { return base + d }
            }
            return base + t + lanes - 2
        }
    }

    /// The buffer's state in a word-by-word replay: the move each word was last fetched in.
    private struct Buffer {
        var epoch: Int32 = 1
        var fresh = 0
        var reads = 0
        /// Demands so far and the demand after which the buffer last moved (-1: not yet).
        var demands = 0
        var lastMove = -1
        /// The current demand line and the line of the last move (-1: none).
        var line = 0
        var lastMoveLine = -1
        let capacity: Int

        @inline(__always)
        mutating func demand(_ address: Int, _ stamps: UnsafeMutablePointer<Int32>) {
            // Branch-free: most demands of an overlapping ifmap hit, unpredictably.
            demands &+= 1
            let new = stamps[address] != epoch ? 1 : 0
            stamps[address] = epoch
            reads &+= new
            fresh &+= new
            if fresh == capacity {
                epoch &+= 1
                fresh = 0
                lastMove = demands
                lastMoveLine = line
            }
        }
    }

    /// Reads of an ifmap whose windows overlap, replayed demand by demand.
    private static func replay(_ a: IfmapAddresses, mapping m: ArrayMapping, capacity: Int) -> (reads: Int, lastMove: Int?) {
        var stampStorage = [Int32](repeating: 0, count: a.layer.ifmapWords)
        return stampStorage.withUnsafeMutableBufferPointer { stamps in
            replay(a, mapping: m, buffer: Buffer(capacity: capacity), stamps: stamps.baseAddress!)
        }
    }

    private static func replay(_ a: IfmapAddresses, mapping m: ArrayMapping, buffer start: Buffer,
                               stamps: UnsafeMutablePointer<Int32>) -> (reads: Int, lastMove: Int?) {
        var buffer = start
        let height = a.layer.ifmapHeight, width = a.layer.ifmapWidth, r = m.arrayRows, c = m.arrayColumns
        let overhangs = a.overhangs
        // A streamed slice: entry (t, i) is demanded on line t + i, lines in order, i ascending within one.
        func stream(temporal t: Int, lanes: Int, _ lane: IfmapAddresses.Side, _ laneOffset: Int, _ time: IfmapAddresses.Side, firstLine: Int) {
            lane.base.withUnsafeBufferPointer { laneBase in
                time.base.withUnsafeBufferPointer { timeBase in
                    for line in 0..<(t + lanes - 1) {
                        buffer.line = firstLine + line
                        let low = max(0, line - t + 1), high = min(lanes - 1, line)
                        if overhangs {
                            for i in low...high {
                                let x = laneOffset + i, y = line - i
                                if lane.row[x] + time.row[y] < height && lane.column[x] + time.column[y] < width {
                                    buffer.demand(laneBase[x] + timeBase[y], stamps)
                                }
                            }
                        } else {
                            for i in low...high { buffer.demand(laneBase[laneOffset + i] + timeBase[line - i], stamps) }
                        }
                    }
                }
            }
        }
        switch m.dataflow {
        case .outputStationary, .weightStationary:
            // One pass: every row fold's slice (os: pixels of the fold x all elements; ws: elements of the
            // fold x all pixels); the pass repeats for every column fold.
            let (lane, time) = m.dataflow == .outputStationary ? (a.pixels, a.elements) : (a.elements, a.pixels)
            var previous: (reads: Int, move: Int)? = nil
            for pass in 0..<m.columnFolds {
                let reads = buffer.reads, start = buffer.demands
                for fr in 0..<m.rowFolds {
                    let firstLine = (pass * m.rowFolds + fr) * m.cyclesPerFold + (m.dataflow == .outputStationary ? 0 : r)
                    stream(temporal: m.temporal, lanes: rowsUsed(m, fr), lane, fr * r, time, firstLine: firstLine)
                }
                let this = (reads: buffer.reads - reads, move: buffer.lastMove < start ? -1 : buffer.lastMove - start)
                let remaining = m.columnFolds - 1 - pass
                if let previous, this.move >= 0 ? previous.move == this.move : previous == this && this.reads == 0 {
                    // The buffer's state after a pass is the words demanded since its last move, so a pass
                    // that last moves at the same demand as the one before ends in the state it began
                    // with: every later pass repeats it, moving at the same demand of the pass.
                    let shift = this.move >= 0 ? remaining * m.rowFolds * m.cyclesPerFold : 0
                    return (buffer.reads + remaining * this.reads, buffer.lastMoveLine < 0 ? nil : buffer.lastMoveLine + shift)
                }
                previous = this
            }
        case .inputStationary:
            // Stationary blocks, each demanded once: rows (elements) last first, pixels ascending.
            for fc in 0..<m.columnFolds {
                for fr in 0..<m.rowFolds {
                    for row in stride(from: fr * r + rowsUsed(m, fr) - 1, through: fr * r, by: -1) {
                        buffer.line = (fc * m.rowFolds + fr) * m.cyclesPerFold + r - 1 - (row - fr * r)
                        for p in fc * c ..< fc * c + columnsUsed(m, fc) {
                            if let address = a.address(pixel: p, element: row) { buffer.demand(address, stamps) }
                        }
                    }
                }
            }
        }
        return (buffer.reads, buffer.lastMoveLine < 0 ? nil : buffer.lastMoveLine)
    }
}
