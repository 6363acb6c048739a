/// DRAM reads in SCALE-Sim's CALC bandwidth mode, at fold granularity.
///
/// In CALC mode SCALE-Sim fetches on demand: a word missing from the recently fetched half of the
/// SRAM (50 sets of ⌊words / 100⌋) is read from DRAM. Here each fold demands one slice of the
/// operand (a fold's rows, columns or block); a slice still among the most recently fetched slices
/// that fit in that half costs nothing, any other costs its distinct words. Overlapping convolution
/// windows are counted with the operand's average reuse (distinct words / matrix entries), so layers
/// with overlapping windows are approximate (docs/systolic.md).
enum DemandFetchEstimate {
    static func reads(operand: MemoryTraffic.Operand, layer: Layer, mapping m: ArrayMapping, sramKilobytes: Int) -> Int {
        let capacity = 50 * (sramKilobytes * 1024 / 100)
        // An ifmap that fits in the fetched half is read once.
        if operand == .ifmap, MemoryTraffic.distinctIfmapWords(layer) <= capacity { return MemoryTraffic.distinctIfmapWords(layer) }
        let r = m.arrayRows, c = m.arrayColumns
        func rowsUsed(_ fold: Int) -> Int { fold == m.rowFolds - 1 ? m.lastRowFoldRows : r }
        func columnsUsed(_ fold: Int) -> Int { fold == m.columnFolds - 1 ? m.lastColumnFoldColumns : c }
        let valid = ValidIfmapEntries(layer: layer)
        // Prefix sums of valid entries by pixel (os) or window element (ws), scaled by the reuse and
        // rounded cumulatively so the slices of one pass add up to the distinct words.
        let prefix: [Int]
        switch (m.dataflow, operand) {
        case (.outputStationary, .ifmap): prefix = valid.pixelPrefix()
        case (.weightStationary, .ifmap): prefix = valid.elementPrefix()
        default: prefix = [0]
        }
        let total = operand == .ifmap ? max(valid.total, 1) : 1
        let reuse = operand == .ifmap ? Double(MemoryTraffic.distinctIfmapWords(layer)) / Double(total) : 1
        func scaled(_ first: Int, _ count: Int) -> Int {
            Int((Double(prefix[first + count]) * reuse).rounded()) - Int((Double(prefix[first]) * reuse).rounded())
        }
        // The slice a fold demands (a key) and its distinct words.
        func slice(rowFold fr: Int, columnFold fc: Int) -> (key: Int, words: Int) {
            switch (m.dataflow, operand) {
            case (.outputStationary, .ifmap):   // pixels of the row fold x all window elements
                return (fr, scaled(fr * r, rowsUsed(fr)))
            case (.outputStationary, .filter):  // filters of the column fold x window
                return (fc, m.temporal * columnsUsed(fc))
            case (.weightStationary, .ifmap):   // all pixels x window elements of the row fold
                return (fr, scaled(fr * r, rowsUsed(fr)))
            case (.weightStationary, .filter):  // one stationary block per fold
                return (fc * m.rowFolds + fr, rowsUsed(fr) * columnsUsed(fc))
            case (.inputStationary, .ifmap):    // one stationary block: window elements of fr x pixels of fc
                let entries = valid.block(elements: fr * r, rowsUsed(fr), pixels: fc * c, columnsUsed(fc))
                return (fc * m.rowFolds + fr, Int((Double(entries) * reuse).rounded()))
            case (.inputStationary, .filter):   // window elements of the row fold x all filters
                return (fr, m.temporal * rowsUsed(fr))
            }
        }
        var resident: [(key: Int, words: Int)] = []
        var residentWords = 0, reads = 0
        for fc in 0..<m.columnFolds {
            for fr in 0..<m.rowFolds {
                let demanded = slice(rowFold: fr, columnFold: fc)
                if resident.contains(where: { $0.key == demanded.key }) { continue }
                reads += demanded.words
                resident.append(demanded)
                residentWords += demanded.words
                while residentWords > capacity, let oldest = resident.first {
                    resident.removeFirst()
                    residentWords -= oldest.words
                }
            }
        }
        return reads
    }
}

/// Counts of valid (inside the ifmap) entries of the ifmap operand matrix (pixels × window elements).
struct ValidIfmapEntries {
    let layer: Layer

    /// In-range window rows (or columns) for output index `o` along an axis.
    private func inRange(_ o: Int, filter: Int, input: Int) -> Int { max(0, min(filter, input - o * layer.stride)) }

    private func pixelEntries(_ p: Int) -> Int {
        inRange(p / layer.ofmapWidth, filter: layer.filterHeight, input: layer.ifmapHeight)
            * inRange(p % layer.ofmapWidth, filter: layer.filterWidth, input: layer.ifmapWidth) * layer.channels
    }

    private func elementEntries(_ k: Int) -> Int {
        let row = k / (layer.filterWidth * layer.channels), column = (k % (layer.filterWidth * layer.channels)) / layer.channels
        let rows = (0..<layer.ofmapHeight).filter { $0 * layer.stride + row < layer.ifmapHeight }.count
        let columns = (0..<layer.ofmapWidth).filter { $0 * layer.stride + column < layer.ifmapWidth }.count
        return rows * columns
    }

    var total: Int { (0..<layer.ofmapPixels).reduce(0) { $0 + pixelEntries($1) } }
    /// Valid entries of pixels 0 ..< i (all window elements), for i in 0 ... P.
    func pixelPrefix() -> [Int] {
        var prefix = [0]
        prefix.reserveCapacity(layer.ofmapPixels + 1)
        for p in 0..<layer.ofmapPixels { prefix.append(prefix[p] + pixelEntries(p)) }
        return prefix
    }
    /// Valid entries of window elements 0 ..< i (all pixels), for i in 0 ... K.
    func elementPrefix() -> [Int] {
        var prefix = [0]
        prefix.reserveCapacity(layer.windowSize + 1)
        for k in 0..<layer.windowSize { prefix.append(prefix[k] + elementEntries(k)) }
        return prefix
    }
    /// Valid entries of a block of window elements × pixels.
    func block(elements firstElement: Int, _ elementCount: Int, pixels firstPixel: Int, _ pixelCount: Int) -> Int {
        guard IfmapHoles(layer: layer) != nil else { return elementCount * pixelCount }
        let holes = IfmapHoles(layer: layer)!
        var count = 0
        for k in firstElement..<firstElement + elementCount {
            for p in firstPixel..<firstPixel + pixelCount where !holes.isHole(pixel: p, element: k) { count += 1 }
        }
        return count
    }
}
