/// Synthetic traces, deterministic for a seed: sequential streams, uniform random addresses,
/// fixed strides, and mixed read/write streams with runs of writes.
///
/// ```swift
/// let trace = TraceGenerator(pattern: .random, count: 10_000, seed: 1).trace()
/// ```
public struct TraceGenerator: Sendable, Hashable {
    public enum Pattern: String, Sendable, Hashable, CaseIterable { case stream, random, strided, mixed }

    public var pattern: Pattern
    public var count: Int
    public var seed: UInt64
    /// Bytes per request (and the alignment of addresses).
    public var lineBytes: UInt64 = 64
    /// Address range for random patterns, bytes.
    public var rangeBytes: UInt64 = 1 << 30
    /// Distance between consecutive requests of the strided pattern, bytes.
    public var strideBytes: UInt64 = 8192
    /// Fraction of writes in the mixed pattern.
    public var writeFraction: Double = 0.3
    /// Player cycles between requests.
    public var interval: UInt64 = 1

    public init(pattern: Pattern, count: Int, seed: UInt64 = 0) {
        self.pattern = pattern
        self.count = count
        self.seed = seed
    }

    public func trace() -> Trace {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var requests: [MemoryRequest] = []
        requests.reserveCapacity(count)
        var address: UInt64 = (next() % (rangeBytes / lineBytes)) * lineBytes
        var writing = false
        for index in 0..<count {
            var kind = MemoryRequest.Kind.read
            switch pattern {
            case .stream: address = UInt64(index) * lineBytes
            case .random: address = (next() % (rangeBytes / lineBytes)) * lineBytes
            case .strided: address = (UInt64(index) * strideBytes) % rangeBytes
            case .mixed:
                // Runs of 16 lines; each run is all writes with probability writeFraction.
                if index % 16 == 0 {
                    address = (next() % (rangeBytes / lineBytes / 16)) * lineBytes * 16
                    writing = Double(next() % 1_000_000) / 1_000_000 < writeFraction
                } else {
                    address += lineBytes
                }
                kind = writing ? .write : .read
            }
            requests.append(MemoryRequest(cycle: UInt64(index) * interval, kind: kind, address: address))
        }
        return Trace(name: "\(pattern.rawValue)-\(count)-s\(seed)", requests: requests)
    }
}
