import Foundation

/// Which layer dimensions each tensor of a layer type spans, and which dimension pairs overlap
/// (a sliding window: input row Y is covered by filter row R).
struct TensorModel: Sendable {
    var input: [String]
    var weight: [String]
    var output: [String]

    static func forType(_ type: LayerType) -> TensorModel {
        switch type {
        case .conv, .fc: return TensorModel(input: ["N", "C", "Y", "X"], weight: ["K", "C", "R", "S"], output: ["N", "K", "Y", "X"])
        case .dwconv: return TensorModel(input: ["N", "C", "Y", "X"], weight: ["C", "R", "S"], output: ["N", "C", "Y", "X"])
        }
    }

    /// Every dimension any tensor spans, in MAESTRO's canonical order.
    static let allDimensions = ["N", "K", "C", "R", "S", "Y", "X"]

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
