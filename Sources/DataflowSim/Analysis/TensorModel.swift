import Foundation

/// Which layer dimensions each tensor of a layer type spans, and which dimension pairs overlap
/// (a sliding window: input row Y is covered by filter row R).
struct TensorModel: Sendable {
    var input: [String]
    var weight: [String]
    var output: [String]

    /// Dimension indices: N K C R S Y X, the output rows/columns Y' X', then GEMM's M and the group G.
    static let names = ["N", "K", "C", "R", "S", "Y", "X", "Y'", "X'", "M", "G"]
    static func index(_ name: String) -> Int { names.firstIndex(of: name)! }
    static let r = 3, s = 4, y = 5, x = 6, yOut = 7, xOut = 8
    /// Indices of the dimensions a layer declares (every name but Y' and X').
    static let layerIndices = names.indices.filter { $0 != yOut && $0 != xOut }

    /// Bit masks of the dimensions each tensor spans.
    var inputMask: Int { Self.mask(input) }
    var weightMask: Int { Self.mask(weight) }
    var outputMask: Int { Self.mask(output) }
    /// Output dimension indices in order.
    var outputIndices: [Int] { output.map(Self.index) }
    static func mask(_ dims: [String]) -> Int { dims.reduce(0) { $0 | (1 << index($1)) } }
    /// Y → Y', X → X' (indices).
    static func outputIndex(_ d: Int) -> Int { d == y ? yOut : (d == x ? xOut : d) }
    /// Y → R, X → S (indices), or nil.
    static func partnerIndex(_ d: Int) -> Int? { d == y ? r : (d == x ? s : nil) }

    static func forType(_ type: LayerType) -> TensorModel {
        switch type {
        case .conv, .fc, .trconv: return TensorModel(input: ["N", "C", "Y", "X"], weight: ["K", "C", "R", "S"], output: ["N", "K", "Y", "X"])
        case .dwconv: return TensorModel(input: ["N", "C", "Y", "X"], weight: ["C", "R", "S"], output: ["N", "C", "Y", "X"])
        case .ngconv:
            return TensorModel(input: ["N", "G", "C", "Y", "X"], weight: ["G", "K", "C", "R", "S"], output: ["N", "G", "K", "C", "Y", "X"])
        case .gemm: return TensorModel(input: ["M", "K"], weight: ["K", "N"], output: ["M", "N"])
        }
    }

    /// Every dimension the input tensors span, in the order unmapped ones are unrolled (innermost).
    var unrolledDimensions: [String] {
        Self.names.filter { input.contains($0) || weight.contains($0) }
    }

    /// The output dimension an input-side dimension turns into (Y → Y', X → X').
    static func outputName(_ dim: String) -> String {
        switch dim {
        case "Y": return "Y'"
        case "X": return "X'"
        default: return dim
        }
    }

    /// The filter dimension sliding over an input dimension.
    static func slidingPartner(_ dim: String) -> String? {
        switch dim {
        case "Y": return "R"
        case "X": return "S"
        default: return nil
        }
    }
}
