import Foundation

/// Per-block AVF estimate: injection counts by outcome and the AVF with its interval.
///
/// AVF (fraction, 0...1) counts SDC plus detected/unrecoverable outcomes as not masked.
public struct BlockAVF: Sendable, Hashable, Codable {
    public var block: StateBlock
    /// Bits in the block (bits) and the population of (bit, cycle) pairs (count).
    public var bits: Int, population: Double
    /// Injections by outcome (counts).
    public var masked: Int, sdc: Int, detected: Int
    public var injections: Int { masked + sdc + detected }
    /// Fraction of flips that were not masked (0...1).
    public var avf: Double { injections == 0 ? 0 : Double(sdc + detected) / Double(injections) }
    /// Fraction of flips that were silent data corruptions (0...1).
    public var sdcFraction: Double { injections == 0 ? 0 : Double(sdc) / Double(injections) }
    /// Half-width of the 95 % interval on `avf` (fraction).
    public var margin: Double { SampleSize.margin(proportion: avf, injections: injections, population: population) }
}

/// A statistical fault-injection campaign: single-bit flips at uniformly random (bit, cycle) per block,
/// run in parallel, reproducible from `seed` regardless of the number of cores.
///
/// ```swift
/// let result = InjectionCampaign(model: model, injectionsPerBlock: 2000, seed: 1).run()
/// result.first { $0.block == .accumulators }!.avf
/// ```
public struct InjectionCampaign: Sendable {
    public let model: NPUModel
    /// Injections per block (count); see ``SampleSize/injections(population:margin:t:p:)``.
    public let injectionsPerBlock: Int
    public let seed: UInt64
    /// Injections per parallel chunk (count); chunks have their own derived random streams.
    static let chunkSize = 4096

    public init(model: NPUModel, injectionsPerBlock: Int, seed: UInt64) {
        self.model = model
        self.injectionsPerBlock = injectionsPerBlock
        self.seed = seed
    }

    /// One ``BlockAVF`` per block, in ``StateBlock/allCases`` order.
    public func run(blocks: [StateBlock] = StateBlock.allCases) -> [BlockAVF] {
        let injector = FaultInjector(model: model)
        let chunksPerBlock = (injectionsPerBlock + Self.chunkSize - 1) / Self.chunkSize
        let total = chunksPerBlock * blocks.count
        let counts = ChunkCounts(count: total)
        let root = SplitMixGenerator(seed: seed)
        DispatchQueue.concurrentPerform(iterations: total) { chunk in
            let block = blocks[chunk / chunksPerBlock]
            let within = chunk % chunksPerBlock
            let n = min(Self.chunkSize, injectionsPerBlock - within * Self.chunkSize)
            var rng = root.derived(UInt64(StateBlock.allCases.firstIndex(of: block)!) << 32 | UInt64(within))
            let bits = model.bitCount(of: block), cycles = model.totalCycles
            var tally = (0, 0, 0)
            for _ in 0..<n {
                let bit = Int.random(in: 0..<bits, using: &rng), cycle = Int.random(in: 0..<cycles, using: &rng)
                switch injector.inject(block: block, bit: bit, cycle: cycle) {
                case .masked: tally.0 += 1
                case .sdc: tally.1 += 1
                case .detected: tally.2 += 1
                }
            }
            counts.set(chunk, tally)
        }
        return blocks.enumerated().map { index, block in
            var result = BlockAVF(block: block, bits: model.bitCount(of: block),
                                  population: Double(model.bitCount(of: block)) * Double(model.totalCycles),
                                  masked: 0, sdc: 0, detected: 0)
            for chunk in (index * chunksPerBlock)..<((index + 1) * chunksPerBlock) {
                let t = counts.get(chunk)
                result.masked += t.0; result.sdc += t.1; result.detected += t.2
            }
            return result
        }
    }
}

/// Per-chunk tallies written by concurrent workers, each to its own slot.
private final class ChunkCounts: @unchecked Sendable {
    private var slots: [(Int, Int, Int)]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: (0, 0, 0), count: count) }
    func set(_ i: Int, _ v: (Int, Int, Int)) { lock.lock(); slots[i] = v; lock.unlock() }
    func get(_ i: Int) -> (Int, Int, Int) { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
