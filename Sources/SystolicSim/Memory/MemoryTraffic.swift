/// DRAM traffic and stalls of one layer under a double-buffered SRAM, estimated at fold granularity.
///
/// This is a coarse model, not SCALE-Sim's line-by-line read buffer (see docs/systolic.md):
/// - an operand whose distinct words fit in the active half of its SRAM is read from DRAM once;
///   otherwise it is re-read on every pass the demand stream makes over it (os: ifmap once per column
///   fold, filters once per row fold; ws: ifmap per column fold; is: filters per column fold);
/// - outputs are written to DRAM once;
/// - in `CALC` mode nothing stalls; in `USER` mode each port moves `bandwidth` words per cycle and the
///   layer stalls for as long as the busiest port needs beyond the compute cycles.
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
        let activeIfmap = config.ifmapSRAMKilobytes * 1024 / 2
        let activeFilter = config.filterSRAMKilobytes * 1024 / 2
        let ifmapDistinct = Self.distinctIfmapWords(layer)
        let filterDistinct = layer.filterWords
        let (ifmapPasses, filterPasses): (Int, Int)
        switch config.dataflow {
        case .outputStationary: (ifmapPasses, filterPasses) = (mapping.columnFolds, mapping.rowFolds)
        case .weightStationary: (ifmapPasses, filterPasses) = (mapping.columnFolds, 1)
        case .inputStationary: (ifmapPasses, filterPasses) = (1, mapping.columnFolds)
        }
        ifmapDRAMReads = ifmapDistinct * (ifmapDistinct <= activeIfmap ? 1 : ifmapPasses)
        filterDRAMReads = filterDistinct * (filterDistinct <= activeFilter ? 1 : filterPasses)
        ofmapDRAMWrites = layer.ofmapWords
        switch config.bandwidthMode {
        case .calc:
            stallCycles = 0
        case .user:
            func cycles(_ words: Int, _ bandwidth: Int) -> Int { (words + bandwidth - 1) / max(bandwidth, 1) }
            let busiest = max(cycles(ifmapDRAMReads, config.ifmapReadWordsPerCycle),
                              cycles(filterDRAMReads, config.filterReadWordsPerCycle),
                              cycles(ofmapDRAMWrites, config.bandwidthWordsPerCycle))
            stallCycles = max(0, busiest - compute.cycles)
        }
    }

    /// Ifmap words a layer touches (strided windows can skip rows and columns).
    static func distinctIfmapWords(_ layer: Layer) -> Int {
        func span(_ outputs: Int, _ filter: Int, _ input: Int) -> Int {
            layer.stride >= filter ? outputs * filter : min(input, (outputs - 1) * layer.stride + filter)
        }
        return span(layer.ofmapHeight, layer.filterHeight, layer.ifmapHeight)
            * span(layer.ofmapWidth, layer.filterWidth, layer.ifmapWidth) * layer.channels
    }

    /// All DRAM traffic, words (1 word = 1 byte).
    public var dramWords: Int { ifmapDRAMReads + filterDRAMReads + ofmapDRAMWrites }
}
