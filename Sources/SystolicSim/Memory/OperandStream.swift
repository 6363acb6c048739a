/// Where an operand's words sit in SCALE-Sim's prefetch stream, and the runs of positions each fold
/// demands, so a ``PrefetchWindow`` can count the DRAM prefetches without touching single words.
///
/// A streamed operand (os ifmap and filters, ws ifmap, is filters) is a stack of slices of `height`
/// (T) rows × `width` columns (array rows or columns; the last slice may use fewer), flattened along
/// anti-diagonals of the whole stack. A stationary operand (ws filters, is ifmap) is a stack of slices
/// of `height` (Sr) rows, flattened row by row; a fold demands `width`-word rows of it, last row first.
/// Words the operand matrix marks invalid (windows hanging over the ifmap edge) are counted as valid.
struct OperandStream {
    enum Order { case diagonal, rowMajor }

    let order: Order
    let slices: Int
    let height: Int
    let width: Int
    let lastWidth: Int

    func sliceWidth(_ slice: Int) -> Int { slice == slices - 1 ? lastWidth : width }

    /// Valid words in the stream.
    var validWords: Int { (slices - 1) * height * width + height * lastWidth }
    /// Words including the padding of a narrow last slice (what the DRAM fetch lines cover).
    var paddedWords: Int { slices * height * width }

    private var rows: Int { slices * height }

    private func isValid(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < width && column < sliceWidth(row / height)
    }

    /// Valid words on anti-diagonals before `diagonal`.
    private func validBefore(diagonal: Int) -> Int {
        var count = 0
        let lastStart = (slices - 1) * height
        for column in 0..<width {
            let limit = min(max(diagonal - column, 0), rows)
            count += limit
            if column >= lastWidth { count -= max(0, limit - lastStart) }
        }
        return count
    }

    /// Stream position (valid words before it) of the word at stack `row`, `column`.
    func position(row: Int, column: Int) -> Int {
        switch order {
        case .rowMajor:
            let slice = row / height
            return slice * height * width + (row - slice * height) * sliceWidth(slice) + column
        case .diagonal:
            let diagonal = row + column
            var count = validBefore(diagonal: diagonal)
            var earlier = min(diagonal, rows - 1)
            while earlier > row {
                if isValid(row: earlier, column: diagonal - earlier) { count += 1 }
                earlier -= 1
            }
            return count
        }
    }
}
