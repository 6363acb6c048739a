/// Where an operand's words sit in SCALE-Sim's prefetch stream, and the runs of positions each fold
/// demands, so a ``PrefetchWindow`` can count the DRAM prefetches without touching single words.
///
/// A streamed operand (os ifmap and filters, ws ifmap, is filters) is a stack of slices of `height`
/// (T) rows × `width` columns (array rows or columns; the last slice may use fewer), flattened along
/// anti-diagonals of the whole stack. A stationary operand (ws filters, is ifmap) is a stack of slices
/// of `height` (Sr) rows, flattened row by row; a fold demands `width`-word rows of it, last row first.
/// Words the operand matrix marks invalid (ifmap windows hanging over the edge) are holes: neither
/// stored in sets nor demanded. Without holes positions are closed forms; with them, one pass over the
/// stream.
struct OperandStream {
    enum Order { case diagonal, rowMajor }

    let order: Order
    let slices: Int
    let height: Int
    let width: Int
    let lastWidth: Int
    /// Whether the word at stack (row, column) is a hole; `nil` when the operand has none.
    var isHole: (@Sendable (Int, Int) -> Bool)? = nil

    init(order: Order, slices: Int, height: Int, width: Int, lastWidth: Int) {
        (self.order, self.slices, self.height, self.width, self.lastWidth) = (order, slices, height, width, lastWidth)
    }

    /// With holes, valid words before each anti-diagonal (diagonal order) or stack row (row-major
    /// order), filled by ``runs()``.
    private(set) var diagonalStarts: [Int] = []

    /// The anti-diagonal of the stack holding stream position `position` (diagonal order).
    func diagonal(ofPosition position: Int) -> Int {
        var low = 0, high = rows + width - 2   // the last diagonal whose first position is <= position
        while low < high {
            let middle = (low + high + 1) / 2
            let before = isHole == nil ? validBefore(diagonal: middle) : diagonalStarts[middle]
            if before <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The same anti-diagonal as ``diagonal(ofPosition:)`` and its ``start(diagonal:)``, searched
    /// forward from a diagonal `from` (starting at `fromStart`) known to start at or before
    /// `position` (a sweep's positions only grow). A diagonal holds at most `width` words, so the
    /// diagonal `(position − fromStart) / width` past `from` still starts at or before `position`
    /// (and is the answer where the diagonals are full); from there, galloping, then bisecting.
    func diagonal(ofPosition position: Int, from: Int, fromStart: Int) -> (diagonal: Int, start: Int) {
        let top = rows + width - 2
        var low = min(from + (position - fromStart) / width, top), high = top, hop = 1
        var lowStart = low == from ? fromStart : start(diagonal: low)
        while low < top {   // the last diagonal known to start at or before position is `low`
            let probe = min(low + hop, top), probeStart = start(diagonal: probe)
            if probeStart <= position {
                (low, lowStart) = (probe, probeStart)
                hop *= 2
            } else {
                high = probe - 1
                break
            }
        }
        while low < high {
            let middle = (low + high + 1) / 2, middleStart = start(diagonal: middle)
            if middleStart <= position { (low, lowStart) = (middle, middleStart) } else { high = middle - 1 }
        }
        return (low, lowStart)
    }

    /// Valid words on anti-diagonals before `diagonal`, with or without holes.
    @inline(__always)
    func start(diagonal: Int) -> Int { isHole == nil ? validBefore(diagonal: diagonal) : diagonalStarts[diagonal] }

    /// The stream position of slice `slice`'s last word on anti-diagonal `diagonal` (without holes),
    /// or nil when the slice has no word there.
    /// `start` is the diagonal's ``start(diagonal:)`` when the caller has it.
    func lastPosition(slice: Int, diagonal: Int, start: Int? = nil) -> Int? {
        guard isHole == nil else { return nil }
        let row = max(slice * height, diagonal - sliceWidth(slice) + 1)
        guard row < (slice + 1) * height, diagonal - row >= 0 else { return nil }
        return position(row: row, column: diagonal - row, diagonalStart: start)
    }

    func sliceWidth(_ slice: Int) -> Int { slice == slices - 1 ? lastWidth : width }

    /// Valid words in the stream.
    var validWords: Int { (slices - 1) * height * width + height * lastWidth }
    /// Words including the padding of a narrow last slice (what the DRAM fetch lines cover).
    var paddedWords: Int { slices * height * width }

    private var rows: Int { slices * height }

    /// Stream positions of the first and last valid word of each run a fold demands: a slice for a
    /// diagonal stream, a stack row for a row-major one (`nil` when the run is all holes), and the
    /// number of valid words.
    mutating func runs() -> (run: (Int) -> (first: Int, last: Int)?, validWords: Int) {
        guard let isHole else {
            switch order {
            case .diagonal:
                let runs = (0..<slices).map { slice in
                    (first: position(row: slice * height, column: 0),
                     last: position(row: (slice + 1) * height - 1, column: sliceWidth(slice) - 1))
                }
                return ({ runs[$0] }, validWords)
            case .rowMajor:
                // position(row:column:) of the row's first and last word, with one division.
                let (height, width, slices, lastWidth) = (height, width, slices, lastWidth)
                return ({ row in
                    let slice = row / height
                    let sliceWidth = slice == slices - 1 ? lastWidth : width
                    let first = slice * height * width + (row - slice * height) * sliceWidth
                    return (first, first + sliceWidth - 1)
                }, validWords)
            }
        }
        var runs = [(first: Int, last: Int)?](repeating: nil, count: order == .diagonal ? slices : rows)
        var count = 0
        diagonalStarts.removeAll(keepingCapacity: true)
        func visit(_ row: Int, _ column: Int) {
            guard column < sliceWidth(row / height), !isHole(row, column) else { return }
            let run = order == .diagonal ? row / height : row
            runs[run] = (runs[run]?.first ?? count, count)
            count += 1
        }
        switch order {
        case .rowMajor:
            for row in 0..<rows {
                diagonalStarts.append(count)
                for column in 0..<width { visit(row, column) }
            }
        case .diagonal:
            for diagonal in 0..<(rows + width - 1) {
                diagonalStarts.append(count)
                var row = min(diagonal, rows - 1)
                while row >= 0 && diagonal - row < width { visit(row, diagonal - row); row -= 1 }
            }
        }
        return ({ runs[$0] }, count)
    }

    /// The stream position of the word at stack `row`, `column`, holes included (after ``runs()``), or
    /// nil when it is a hole or beyond its slice's width. With holes, one count along its diagonal or row.
    func validPosition(row: Int, column: Int) -> Int? {
        guard column < sliceWidth(row / height) else { return nil }
        guard let isHole else { return position(row: row, column: column) }
        if isHole(row, column) { return nil }
        switch order {
        case .rowMajor:
            return diagonalStarts[row] + (0..<column).reduce(0) { $0 + (isHole(row, $1) ? 0 : 1) }
        case .diagonal:
            // Words of the diagonal in the rows below it (visited first).
            let diagonal = row + column
            var count = 0, other = min(diagonal, rows - 1)
            while other > row {
                let c = diagonal - other
                if c < width, c < sliceWidth(other / height), !isHole(other, c) { count += 1 }
                other -= 1
            }
            return diagonalStarts[diagonal] + count
        }
    }

    private func isValid(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < width && column < sliceWidth(row / height)
    }

    /// Valid words on anti-diagonals before `diagonal`.
    private func validBefore(diagonal: Int) -> Int {
        // Column c holds min(max(d − c, 0), rows) words before diagonal d; the narrow last slice
        // lacks the ones below its first row in columns ≥ lastWidth. Both are sums of clamped ramps.
        func ramps(_ y: Int, _ columns: Int) -> Int {   // Σ_{c < columns} max(y − c, 0)
            guard y > 0, columns > 0 else { return 0 }
            let m = min(columns, y)
            return m * y - m * (m - 1) / 2
        }
        let lastStart = (slices - 1) * height
        let all = ramps(diagonal, width) - ramps(diagonal - rows, width)
        let shifted = diagonal - lastWidth - lastStart, missing = width - lastWidth
        return all - (ramps(shifted, missing) - ramps(shifted - height, missing))
    }

    /// Stream position (valid words before it) of the word at stack `row`, `column`.
    func position(row: Int, column: Int, diagonalStart: Int? = nil) -> Int {
        switch order {
        case .rowMajor:
            let slice = row / height
            return slice * height * width + (row - slice * height) * sliceWidth(slice) + column
        case .diagonal:
            // Valid words on the same diagonal in rows below it (visited first): rows in (low, high]
            // with a column inside the stack, less those of the narrow last slice beyond its width.
            let diagonal = row + column
            let low = max(row, diagonal - width), high = min(diagonal, rows - 1)
            let lastStart = (slices - 1) * height
            let narrow = max(0, min(high, diagonal - lastWidth) - max(low + 1, lastStart) + 1)
            return (diagonalStart ?? validBefore(diagonal: diagonal)) + max(0, high - low) - narrow
        }
    }
}
