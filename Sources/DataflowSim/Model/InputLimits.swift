import Foundation

/// The ranges DataflowSim accepts for numbers from outside (MAESTRO files, environments, code), chosen so
/// that no product the cost model forms can leave 64-bit integers: each dimension ≤ 2^20 elements, a
/// layer's dimensions multiplied ≤ 2^40 (about 1.1e12 MACs; real layers stay below 1e11), a cluster
/// level's tile (its directive sizes multiplied) ≤ 2^40 elements, ≤ 2^20 PEs. Counts that would still
/// pass 2^60 are reported as an error, never wrapped.
public enum InputLimits {
    public static let dimension: ClosedRange<Int> = 1...(1 << 20)
    public static let stride: ClosedRange<Int> = 1...1024
    /// Directive sizes, offsets and cluster sizes (elements or sub-units).
    public static let directiveExtent: ClosedRange<Int> = 1...(1 << 20)
    /// The product of a layer's dimensions, and of one cluster level's directive sizes.
    public static let maxLayerProduct = 1 << 40
    public static let maxTileProduct = 1 << 40
    /// Largest accumulated count (elements, MACs or cycles) reported; beyond it the evaluation fails.
    public static let maxCount = 1 << 60
    /// Hardware: PEs, buffer bytes, bandwidths (elements/cycle), NoC latency (cycles), SIMD lanes.
    public static let peCount: ClosedRange<Int> = 1...(1 << 20)
    public static let bufferBytes: ClosedRange<Int> = 1...(1 << 40)
    public static let bandwidth: ClosedRange<Int> = 1...(1 << 30)
    public static let nocLatency: ClosedRange<Int> = 0...(1 << 20)
    public static let simdLanes: ClosedRange<Int> = 1...(1 << 16)

    /// "an integer in 1...1048576" style text for error messages.
    static func describe(_ range: ClosedRange<Int>) -> String { "an integer in \(range.lowerBound)...\(range.upperBound)" }

    /// The product of `values`, or nil when it passes `limit` (checked, never wraps).
    static func product(_ values: some Sequence<Int>, limit: Int) -> Int? {
        var p = 1
        for v in values {
            let (next, overflow) = p.multipliedReportingOverflow(by: v)
            if overflow || next > limit { return nil }
            p = next
        }
        return p
    }

    /// Why a hardware description is out of range (naming the field and the allowed range), or nil.
    static func problem(with hw: HardwareConfig) -> String? {
        let fields: [(String, Int, ClosedRange<Int>)] = [
            ("num_pes", hw.peCount, peCount), ("l1_size_cstr", hw.l1SizeBytes, bufferBytes), ("l2_size_cstr", hw.l2SizeBytes, bufferBytes),
            ("noc_bw_cstr", hw.nocBandwidth, bandwidth), ("offchip_bw_cstr", hw.offchipBandwidth, bandwidth),
            ("NoC_NumHops", hw.nocLatency, nocLatency), ("simd_lanes", hw.simdLanes, simdLanes),
        ]
        for (name, value, range) in fields where !range.contains(value) {
            return "\(name) must be \(describe(range)), found \(value)"
        }
        return nil
    }

    /// Why a layer's dimensions or strides are out of range, or nil.
    static func problem(with layer: Layer) -> String? {
        for name in layer.type.dimensionNames {
            let value = layer.size(name)
            if !dimension.contains(value) { return "dimension \(name) must be \(describe(dimension)), found \(value)" }
        }
        for (name, value) in [("Y", layer.strideY), ("X", layer.strideX)] where !stride.contains(value) {
            return "stride \(name) must be \(describe(stride)), found \(value)"
        }
        if product(layer.type.dimensionNames.map(layer.size), limit: maxLayerProduct) == nil {
            return "the dimensions multiplied (\(layer.type.dimensionNames.map { "\($0) \(layer.size($0))" }.joined(separator: " × "))) "
                + "exceed 2^40 elements"
        }
        return nil
    }
}
