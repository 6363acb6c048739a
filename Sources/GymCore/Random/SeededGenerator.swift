/// A fast, seeded, splittable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Every source of randomness in DSEGym takes one of these, so a run is reproducible from its seed.
/// ``split(label:)`` derives an independent child stream, so components (agent, environment noise,
/// each sweep run) get their own streams without sharing mutable state.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// var agentRNG = rng.split(label: "agent")
/// let x = Double.random(in: 0..<1, using: &agentRNG)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// An independent generator derived from this one's next output and `label`.
    /// Advances this generator by one step.
    public mutating func split(label: String = "") -> SeededGenerator {
        var seed = next()
        for byte in label.utf8 { seed = (seed ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return SeededGenerator(seed: seed)
    }

    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.state == rhs.state }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
    }
}

/// SplitMix64, used to expand one 64-bit seed into generator state.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always) private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

import Foundation
