import Foundation

/// Tensor classes a layer moves: activations in, filter weights, outputs (partial sums).
public enum TensorClass: Int, Sendable, CaseIterable, Codable {
    case input = 0, weight = 1, output = 2
}

/// Per-tensor access counts (elements), indexed by `TensorClass.rawValue`.
public struct TensorCounts: Sendable, Equatable, Codable {
    public var input = 0
    public var weight = 0
    public var output = 0
    public init() {}
    public subscript(_ t: TensorClass) -> Int {
        get { t == .input ? input : (t == .weight ? weight : output) }
        set { switch t { case .input: input = newValue; case .weight: weight = newValue; case .output: output = newValue } }
    }
    /// Sum over the three tensors.
    public var total: Int { input + weight + output }
}

/// What one cluster level costs over one dimension table.
struct LevelResult: Sendable {
    /// Cycles.
    var runtime = 0
    /// MACs.
    var macs = 0
    var upperReads = TensorCounts()
    var upperWrites = TensorCounts()
    var lowerReads = TensorCounts()
    var lowerWrites = TensorCounts()
    /// Buffer sizes needed (elements = bytes), double-buffered.
    var upperBufferRequirement = TensorCounts()
    var lowerBufferRequirement = TensorCounts()
    /// Elements per cycle.
    var peakNoCBandwidth = 0
    var averageNoCBandwidth = 0.0
    var offchipBandwidth = 0
    /// Average sub-clusters (PEs at the bottom) busy per step.
    var averageActiveUnits = 0.0
    /// A count passed `InputLimits.maxCount`; the other figures are then meaningless.
    var overflowed = false

    /// Adds `occurrences × amount` to `total`, setting `overflow` instead of wrapping past
    /// `InputLimits.maxCount`.
    static func accumulate(_ total: inout Int, _ occurrences: Int, _ amount: Int, _ overflow: inout Bool) {
        let (product, o1) = occurrences.multipliedReportingOverflow(by: amount)
        let (sum, o2) = total.addingReportingOverflow(product)
        if o1 || o2 || abs(sum) > InputLimits.maxCount { overflow = true; return }
        total = sum
    }
}
