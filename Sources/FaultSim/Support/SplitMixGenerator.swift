/// A small seeded random number generator (SplitMix64) so FaultSim needs nothing but the standard library.
///
/// ```swift
/// var rng = SplitMixGenerator(seed: 7)
/// let byte = Int8.random(in: -128...127, using: &rng)
/// ```
public struct SplitMixGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent stream for `index` (e.g. one per worker chunk), derived without advancing this one.
    public func derived(_ index: UInt64) -> SplitMixGenerator {
        var mixer = SplitMixGenerator(seed: state ^ (index &* 0xD1B5_4A32_D192_ED03))
        return SplitMixGenerator(seed: mixer.next())
    }
}
