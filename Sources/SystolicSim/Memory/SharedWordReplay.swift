/// SCALE-Sim's USER-mode ifmap read buffer when convolution windows overlap, replayed by address.
///
/// With overlapping windows one ifmap word sits at several positions of the prefetch stream, and
/// SCALE-Sim looks a demanded word up by address: it hits when *any* of its copies lies in the active
/// half. So a demand can be served by an earlier (or later) copy, and the window moves only when no copy
/// is held. Here the demands run in SCALE-Sim's order; stretches of demand lines whose stream positions
/// all lie in the active half are skipped in one step (they hit whatever their copies), and only the
/// lines at the window's edge are looked at word by word, each word's copies found in closed form
/// (at most ⌈Fh/s⌉·⌈Fw/s⌉ of them).
struct SharedWordReplay {
    let stream: OperandStream
    let addresses: IfmapAddresses
    let mapping: ArrayMapping
    let validWords: Int

    /// Stack (row, column) of operand entry (pixel, element) in this dataflow's stream.
    private func stackEntry(pixel: Int, element: Int) -> (row: Int, column: Int) {
        let m = mapping
        switch m.dataflow {
        case .outputStationary: return ((pixel / m.arrayRows) * m.temporal + element, pixel % m.arrayRows)
        case .weightStationary: return ((element / m.arrayRows) * m.temporal + pixel, element % m.arrayRows)
        case .inputStationary: return ((pixel / m.arrayColumns) * m.spatialRows + element, pixel % m.arrayColumns)
        }
    }

    /// Operand entry (pixel, element) at stack (row, column).
    private func entry(row: Int, column: Int) -> (pixel: Int, element: Int) {
        let m = mapping
        switch m.dataflow {
        case .outputStationary: return ((row / m.temporal) * m.arrayRows + column, row % m.temporal)
        case .weightStationary: return (row % m.temporal, (row / m.temporal) * m.arrayRows + column)
        case .inputStationary: return ((row / m.spatialRows) * m.arrayColumns + column, row % m.spatialRows)
        }
    }

    /// The prefetches the window needs until it holds a copy of the word at stream position `own`
    /// (operand entry `pixel`, `element`): 0 when one is held; else the fewest over its copies, a copy
    /// `d` sets ahead of the window's first set being held after ⌊(d − active sets) / prefetch sets⌋ + 1
    /// moves. The copies are the entries `dr` output rows and `dc` output columns away whose window
    /// element is `dr·s` rows and `dc·s` columns back; they are tried in ``searchOrder`` (the nearest
    /// behind in the stream first, which a lagging window most likely holds), stopping at a held one.
    private func moves(pixel: Int, element: Int, own: Int, in window: PrefetchWindow) -> Int {
        func needed(_ position: Int) -> Int {
            let ahead = window.offset(position)
            return ahead < window.activeSets ? 0 : (ahead - window.activeSets) / window.prefetchSets + 1
        }
        var fewest = needed(own)
        guard fewest > 0 else { return 0 }
        let layer = addresses.layer, s = layer.stride, channels = layer.channels, rowWords = layer.filterWidth * channels
        let outputRow = pixel / ofmapWidth, outputColumn = pixel % ofmapWidth
        let filterRow = element / rowWords, filterColumn = (element % rowWords) / channels, channel = element % channels
        // Offsets keeping both the output pixel and the window element in range.
        let rowLow = max(-outputRow, -((layer.filterHeight - 1 - filterRow) / s)), rowHigh = min(ofmapHeight - 1 - outputRow, filterRow / s)
        let columnLow = max(-outputColumn, -((layer.filterWidth - 1 - filterColumn) / s))
        let columnHigh = min(ofmapWidth - 1 - outputColumn, filterColumn / s)
        for (dr, dc) in searchOrder where dr >= rowLow && dr <= rowHigh && dc >= columnLow && dc <= columnHigh {
            let copyElement = ((filterRow - dr * s) * layer.filterWidth + filterColumn - dc * s) * channels + channel
            let copyPixel = (outputRow + dr) * ofmapWidth + outputColumn + dc
            let position: Int?
            if stream.isHole == nil, mapping.dataflow != .inputStationary {
                // A streamed stack without holes: one division finds the copy's slice, lane and row.
                let lanes = mapping.dataflow == .outputStationary ? copyPixel : copyElement
                let steps = mapping.dataflow == .outputStationary ? copyElement : copyPixel
                let slice = lanes / mapping.arrayRows, column = lanes - slice * mapping.arrayRows
                position = column < stream.sliceWidth(slice) ? stream.position(row: slice * mapping.temporal + steps, column: column) : nil
            } else {
                let (row, column) = stackEntry(pixel: copyPixel, element: copyElement)
                position = stream.validPosition(row: row, column: column)
            }
            if let position {
                fewest = min(fewest, needed(position))
                if fewest == 0 { return 0 }
            }
        }
        return fewest
    }

    /// Every copy offset (dr, dc) ≠ (0, 0) a window can have, ordered by roughly how far the copy lies
    /// from its word in the stream: behind first, nearest first; then ahead, nearest first. Only the
    /// search's speed depends on the order.
    private static func searchOrder(layer: Layer, mapping m: ArrayMapping) -> [(dr: Int, dc: Int)] {
        let s = layer.stride, rowReach = (layer.filterHeight - 1) / s, columnReach = (layer.filterWidth - 1) / s
        var offsets: [(key: Double, dr: Int, dc: Int)] = []
        for dr in -rowReach...rowReach {
            for dc in -columnReach...columnReach where dr != 0 || dc != 0 {
                let pixels = Double(dr * layer.ofmapWidth + dc), elements = Double((dr * layer.filterWidth + dc) * s * layer.channels)
                let t = Double(m.temporal), r = Double(m.arrayRows)
                let key: Double
                switch m.dataflow {
                case .outputStationary: key = pixels * t / r - elements
                case .weightStationary: key = pixels - elements * t / r
                case .inputStationary: key = pixels * Double(m.spatialRows) - elements * Double(m.arrayColumns)
                }
                offsets.append((key, dr, dc))
            }
        }
        offsets.sort { a, b in
            let aBehind = a.key < 0, bBehind = b.key < 0
            if aBehind != bBehind { return aBehind }
            return aBehind ? a.key > b.key : a.key < b.key
        }
        return offsets.map { ($0.dr, $0.dc) }
    }

    /// Demands the word at stream position `own` on `line`; moves the window until a copy is held and
    /// reports the prefetches to `trigger`.
    private func demand(row: Int, column: Int, own: Int, line: Int, window: inout PrefetchWindow, trigger: (Int, Int) -> Void) {
        guard !window.holds(own) else { return }
        let (pixel, element) = entry(row: row, column: column)
        guard addresses.address(pixel: pixel, element: element) != nil else { return }
        let count = moves(pixel: pixel, element: element, own: own, in: window)
        guard count > 0 else { return }
        window.advance(count)
        trigger(line, count)
    }

    /// A copy `dr` output rows and `dc` output columns on: its pixel `pixels` = dr·Ew + dc on, its window
    /// element `elements` = (dr·Fw + dc)·s·C entries back. In a streamed stack a copy `j` slices away
    /// sits `diagonals + j·(T − R)` anti-diagonals away, whatever the lane.
    /// `laneShift` is the copy's lane offset (os: lanes are pixels, rows elements; ws: lanes are elements,
    /// rows pixels), split as `laneSlices`·R + `laneRest` with 0 ≤ `laneRest` < R.
    private struct Neighbour {
        let dr: Int, dc: Int, pixels: Int, elements: Int, laneSlices: Int, laneRest: Int
        init(dr: Int, dc: Int, pixels: Int, elements: Int, laneShift: Int, arrayRows r: Int) {
            (self.dr, self.dc, self.pixels, self.elements) = (dr, dc, pixels, elements)
            laneSlices = laneShift >= 0 ? laneShift / r : -((-laneShift + r - 1) / r)
            laneRest = laneShift - laneSlices * r
        }
    }

    /// The copies that most often serve a demand (the previous output rows', the next columns').
    private let neighbours: [Neighbour]
    /// The order in which ``moves(pixel:element:own:in:)`` tries copies.
    private let searchOrder: [(dr: Int, dc: Int)]
    /// The layer's output height and width (stored: the layer computes them with a division).
    private let ofmapHeight: Int
    private let ofmapWidth: Int

    init(stream: OperandStream, addresses: IfmapAddresses, mapping: ArrayMapping, validWords: Int) {
        (self.stream, self.addresses, self.mapping, self.validWords) = (stream, addresses, mapping, validWords)
        searchOrder = Self.searchOrder(layer: addresses.layer, mapping: mapping)
        (ofmapHeight, ofmapWidth) = (addresses.layer.ofmapHeight, addresses.layer.ofmapWidth)
        let layer = addresses.layer, step = layer.stride * layer.channels
        neighbours = mapping.dataflow == .inputStationary ? [] : [(-1, 0), (0, 1), (0, 2), (-2, 0), (0, -1), (1, 0)].map { dr, dc in
            let pixels = dr * layer.ofmapWidth + dc, elements = (dr * layer.filterWidth + dc) * step
            return Neighbour(dr: dr, dc: dc, pixels: pixels, elements: elements,
                             laneShift: mapping.dataflow == .outputStationary ? pixels : -elements, arrayRows: mapping.arrayRows)
        }
    }

    /// Whether the window holds every position of stack diagonal `diagonal` (false when it has none).
    private func held(diagonal: Int, _ window: PrefetchWindow) -> Bool {
        let last = stream.slices * stream.height + stream.width - 2
        guard diagonal >= 0, diagonal <= last else { return false }
        let first = stream.start(diagonal: diagonal), end = diagonal == last ? validWords : stream.start(diagonal: diagonal + 1)
        guard end > first else { return false }
        return window.holds(first) && window.holds(end - 1) && window.offset(first) <= window.offset(end - 1)
    }

    /// An operand entry's output row and column and window row and column (its copies' offsets from them).
    /// Stepped along a stack diagonal (one row up, one column on) without divisions: os lanes are
    /// pixels and rows elements, so the pixel steps on and the element back; ws the other way round.
    private struct Place {
        var outputRow: Int, outputColumn: Int, filterRow: Int, filterColumn: Int, channel: Int

        mutating func step(_ dataflow: Dataflow, _ layer: Layer, ofmapWidth: Int) {
            if dataflow == .outputStationary {
                outputColumn += 1
                if outputColumn == ofmapWidth { (outputColumn, outputRow) = (0, outputRow + 1) }
                if channel == 0 {
                    channel = layer.channels
                    if filterColumn == 0 { (filterColumn, filterRow) = (layer.filterWidth, filterRow - 1) }
                    filterColumn -= 1
                }
                channel -= 1
            } else {
                if outputColumn == 0 { (outputColumn, outputRow) = (ofmapWidth, outputRow - 1) }
                outputColumn -= 1
                channel += 1
                if channel == layer.channels {
                    channel = 0
                    filterColumn += 1
                    if filterColumn == layer.filterWidth { (filterColumn, filterRow) = (0, filterRow + 1) }
                }
            }
        }
    }

    /// The place of the entry at stack (`row`, `column`) of row fold `slice`'s slice (a streamed stack).
    private func place(row: Int, column: Int, slice: Int) -> Place {
        let m = mapping, pixel: Int, element: Int
        switch m.dataflow {
        case .outputStationary: (pixel, element) = (slice * m.arrayRows + column, row - slice * m.temporal)
        case .weightStationary, .inputStationary: (pixel, element) = (row - slice * m.temporal, slice * m.arrayRows + column)
        }
        let layer = addresses.layer
        let rowWords = layer.filterWidth * layer.channels
        return Place(outputRow: pixel / ofmapWidth, outputColumn: pixel % ofmapWidth,
                     filterRow: element / rowWords, filterColumn: (element % rowWords) / layer.channels, channel: element % layer.channels)
    }

    /// The slice shift `j` (−2 … 2) of copy `n` of the entry at stack (`row`, `column`) (at `place`) in a
    /// streamed stack, or nil when the copy is not an operand entry or lies further away.
    @inline(__always)
    private func copySlice(slice own: Int, column: Int, _ place: Place, _ n: Neighbour) -> Int? {
        let layer = addresses.layer, s = layer.stride
        let filterRow = place.filterRow - n.dr * s, filterColumn = place.filterColumn - n.dc * s
        let outputRow = place.outputRow + n.dr, outputColumn = place.outputColumn + n.dc
        guard filterRow >= 0, filterRow < layer.filterHeight, filterColumn >= 0, filterColumn < layer.filterWidth,
              outputRow >= 0, outputRow < ofmapHeight, outputColumn >= 0, outputColumn < ofmapWidth else { return nil }
        // Lane column + laneShift, 0 ≤ column < R: j = ⌊lane / R⌋ without a division.
        let r = mapping.arrayRows, lane = column + n.laneSlices * r + n.laneRest
        let j = n.laneSlices + (column + n.laneRest >= r ? 1 : 0)
        let slice = own + j
        guard (-2...2).contains(j), slice >= 0, slice < stream.slices, lane - j * r < stream.sliceWidth(slice) else { return nil }
        return j
    }

    /// Replays every fold (column folds outer) and reports each prefetch's demand line.
    func run(window: inout PrefetchWindow, runs: (Int) -> (first: Int, last: Int)?, trigger: (Int, Int) -> Void) {
        let m = mapping, foldCycles = m.cyclesPerFold
        guard m.dataflow != .inputStationary else {
            for columnFold in 0..<m.columnFolds {
                for rowFold in 0..<m.rowFolds {
                    stationaryFold(rowFold: rowFold, columnFold: columnFold, window: &window, runs: runs, trigger: trigger)
                }
            }
            return
        }
        // A streamed ifmap: every column fold demands the same slices (one per row fold), so a pass over
        // the row folds depends only on the window's first set when it begins. Once a pass begins where
        // an earlier one did, the passes since repeat to the end: their prefetches are replayed, shifted.
        let passLines = m.rowFolds * foldCycles
        var passStarts: [Int: Int] = [:]
        var passTriggers: [[(line: Int, count: Int)]] = []
        for pass in 0..<m.columnFolds {
            if let earlier = passStarts[window.start] {
                let cycle = pass - earlier
                for later in pass..<m.columnFolds {
                    for (line, count) in passTriggers[earlier + (later - pass) % cycle] {
                        window.advance(count)
                        trigger(later * passLines + line, count)
                    }
                }
                return
            }
            passStarts[window.start] = pass
            var triggers: [(line: Int, count: Int)] = []
            for rowFold in 0..<m.rowFolds {
                streamedFold(rowFold: rowFold, firstLine: rowFold * foldCycles + (m.dataflow == .outputStationary ? 0 : m.arrayRows),
                             window: &window) { line, count in triggers.append((line, count)) }
            }
            for (line, count) in triggers { trigger(pass * passLines + line, count) }
            passTriggers.append(triggers)
        }
    }

    /// Input stationary: the stationary rows of the column fold's slice, last first, one a line.
    private func stationaryFold(rowFold: Int, columnFold: Int, window: inout PrefetchWindow,
                                runs: (Int) -> (first: Int, last: Int)?, trigger: (Int, Int) -> Void) {
        let m = mapping, r = m.arrayRows
        let foldStart = (columnFold * m.rowFolds + rowFold) * m.cyclesPerFold
        let used = rowFold == m.rowFolds - 1 ? m.lastRowFoldRows : r
        for j in stride(from: used - 1, through: 0, by: -1) {
            let row = columnFold * m.spatialRows + rowFold * r + j
            guard let run = runs(row) else { continue }
            if window.holds(run.first), window.holds(run.last), window.offset(run.first) <= window.offset(run.last) { continue }
            var position = run.first
            for column in 0..<stream.sliceWidth(columnFold) where !(stream.isHole?(row, column) ?? false) {
                demand(row: row, column: column, own: position, line: foldStart + r - 1 - j, window: &window, trigger: trigger)
                position += 1
            }
        }
    }

    /// A streamed slice: fold line d reads stack diagonal rowFold·T + d; `firstLine` is line 0's demand line.
    private func streamedFold(rowFold: Int, firstLine: Int, window: inout PrefetchWindow, trigger: (Int, Int) -> Void) {
        let height = stream.height, stackRows = stream.slices * height, layer = addresses.layer
        let isHole = stream.isHole
        let firstDiagonal = rowFold * height
        let lastDiagonal = firstDiagonal + height + stream.sliceWidth(rowFold) - 2
        // Whether the near copies j slices away lie on diagonals the window holds whole (-1: not checked
        // at this window position), reset when the window moves or the diagonal changes.
        var heldCopies = [Int8](repeating: -1, count: neighbours.count * 5)
        var checked = false
        var diagonal = firstDiagonal
        while diagonal <= lastDiagonal {
            let start = stream.start(diagonal: diagonal)
            if window.holds(start) {
                // The active half holds every position from `start` up to `end`.
                let end = (start / window.wordsPerSet + window.activeSets - window.offset(start)) * window.wordsPerSet
                if end >= validWords { break }
                let out = stream.diagonal(ofPosition: end, from: diagonal, fromStart: start).diagonal
                if out > diagonal {
                    diagonal = out
                    continue
                }
            }
            // The window's edge: the diagonal word by word, in stream order (higher rows first).
            // A word with a copy (a near neighbour, j slices away) on a diagonal the window holds
            // whole hits without a search; those diagonals are checked once per window position.
            if checked {
                for slot in heldCopies.indices { heldCopies[slot] = -1 }
                checked = false
            }
            func copyHeld(column: Int, _ place: Place) -> Bool {
                for index in neighbours.indices {
                    let n = neighbours[index]
                    guard let j = copySlice(slice: rowFold, column: column, place, n) else { continue }
                    let slot = index * 5 + j + 2
                    if heldCopies[slot] < 0 {
                        let shift = n.pixels - n.elements + j * (height - mapping.arrayRows)
                        heldCopies[slot] = held(diagonal: diagonal + shift, window) ? 1 : 0
                        checked = true
                    }
                    if heldCopies[slot] == 1 { return true }
                }
                return false
            }
            // The words from stack column `column` on (`place` the first's) served by one near copy: 0 when
            // none serves the first; else as many as keep that copy's validity and slice shift (a full slice
            // only). Along the diagonal os steps the pixel on and the element back, ws the other way round;
            // the output row and the window column (for dc ≠ 0) or row (dc = 0) stay put within the run.
            func servedRun(column: Int, _ place: Place, words: Int) -> Int {
                let r = mapping.arrayRows, channels = layer.channels
                for index in neighbours.indices {
                    let n = neighbours[index]
                    guard let j = copySlice(slice: rowFold, column: column, place, n), stream.sliceWidth(rowFold + j) == stream.width else { continue }
                    let slot = index * 5 + j + 2
                    if heldCopies[slot] < 0 {
                        heldCopies[slot] = held(diagonal: diagonal + n.pixels - n.elements + j * (height - r), window) ? 1 : 0
                        checked = true
                    }
                    guard heldCopies[slot] == 1 else { continue }
                    let inRow = place.filterColumn * channels + place.channel, rowWords = layer.filterWidth * channels
                    var run = mapping.dataflow == .outputStationary
                        ? min(words, ofmapWidth - place.outputColumn - max(n.dc, 0), n.dc == 0 ? inRow + 1 : place.channel + 1)
                        : min(words, place.outputColumn + min(n.dc, 0) + 1, n.dc == 0 ? rowWords - inRow : channels - place.channel)
                    if column + n.laneRest < r { run = min(run, r - n.laneRest - column) }
                    return run
                }
                return 0
            }
            if isHole == nil {
                // Without holes only the fold's own rows on the diagonal need a look, one position each
                // from the first one's (closed form); the window is asked by set, counted along.
                let top = rowFold * height
                let highRow = min(diagonal, top + height - 1), lowRow = max(top, diagonal - stream.sliceWidth(rowFold) + 1)
                if highRow >= lowRow {
                    let wordsPerSet = window.wordsPerSet
                    let position = stream.position(row: highRow, column: diagonal - highRow, diagonalStart: start)
                    var set = position / wordsPerSet, within = position - set * wordsPerSet
                    var place = place(row: highRow, column: diagonal - highRow, slice: rowFold)
                    var row = highRow
                    while row >= lowRow {
                        // A run of words whose near copy stays valid on the same slice shift, on a diagonal
                        // the window holds whole, is served whatever its own positions.
                        let served = servedRun(column: diagonal - row, place, words: row - lowRow + 1)
                        if served > 0 {
                            row -= served
                            within += served
                            if within >= wordsPerSet { (set, within) = (set + within / wordsPerSet, within % wordsPerSet) }
                            if row >= lowRow { place = self.place(row: row, column: diagonal - row, slice: rowFold) }
                            continue
                        }
                        // No near copy on a wholly held diagonal serves this word (the run above found none).
                        if !window.holds(set: set) {
                            let moves = window.prefetches
                            demand(row: row, column: diagonal - row, own: set * wordsPerSet + within,
                                   line: firstLine + diagonal - firstDiagonal, window: &window, trigger: trigger)
                            if window.prefetches != moves, checked {
                                for slot in heldCopies.indices { heldCopies[slot] = -1 }
                                checked = false
                            }
                        }
                        within += 1
                        if within == wordsPerSet { (set, within) = (set + 1, 0) }
                        place.step(mapping.dataflow, layer, ofmapWidth: ofmapWidth)
                        row -= 1
                    }
                }
                diagonal += 1
                continue
            }
            var position = start
            var row = min(diagonal, stackRows - 1)
            while row >= 0 && diagonal - row < stream.width {
                let column = diagonal - row
                if column < stream.sliceWidth(row / height), !(isHole?(row, column) ?? false) {
                    if row / height == rowFold, !window.holds(position), !copyHeld(column: column, place(row: row, column: column, slice: rowFold)) {
                        let moves = window.prefetches
                        demand(row: row, column: column, own: position, line: firstLine + diagonal - firstDiagonal,
                               window: &window, trigger: trigger)
                        if window.prefetches != moves, checked {
                            for slot in heldCopies.indices { heldCopies[slot] = -1 }
                            checked = false
                        }
                    }
                    position += 1
                }
                row -= 1
            }
            diagonal += 1
        }
    }
}
