import Foundation

/// The operator kind of a layer in a MAESTRO mapping file.
public enum LayerType: String, Sendable, Codable, CaseIterable {
    /// Convolution: output[k][y'][x'] += input[c][y+r][x+s] * weight[k][c][r][s].
    case conv = "CONV"
    /// Depth-wise convolution: one filter per channel (K is ignored).
    case dwconv = "DWCONV"
    /// Fully connected: a convolution with R = S = Y = X = 1.
    case fc = "FC"
    /// Matrix multiply, (M×K)·(K×N) = M×N: input (M, K), weight (K, N), output (M, N); dimensions M, N, K.
    case gemm = "GEMM"
    /// MAESTRO's nested grouped convolution (ResNeXt): G groups; input (N, G, C, Y, X), weight
    /// (G, K, C, R, S), output (N, G, K, C, Y', X'): no reduction over C, as MAESTRO defines it.
    case ngconv = "NGCONV"
    /// Transposed convolution as MAESTRO evaluates it: a CONV over the given Y, X, R, S (MAESTRO records an
    /// inner stride of 2 that none of its cost figures use).
    case trconv = "TRCONV"

    /// The dimensions a layer of this type may declare and map.
    public var dimensionNames: [String] {
        switch self {
        case .gemm: return ["M", "N", "K"]
        case .ngconv: return ["N", "G", "K", "C", "R", "S", "Y", "X"]
        case .conv, .dwconv, .fc, .trconv: return ["N", "K", "C", "R", "S", "Y", "X"]
        }
    }

    /// Whether the layer slides R×S windows over Y×X (and may map the output rows/columns Y', X').
    public var hasSlidingWindow: Bool { self != .gemm }
}

/// One DNN layer: its dimensions (element counts), stride and dataflow.
///
/// `Y` and `X` are the *input* height and width, as in MAESTRO; the output is
/// `(Y - R) / stride + 1` by `(X - S) / stride + 1`.
///
/// ```swift
/// let layer = Layer(name: "conv1", type: .conv, dimensions: ["K": 16, "C": 3, "R": 3, "S": 3, "Y": 32, "X": 32],
///                   dataflow: DataflowTemplate.weightStationary.directives)
/// ```
public struct Layer: Sendable, Equatable {
    public var name: String
    public var type: LayerType
    /// Dimension sizes in elements, keyed by MAESTRO's names: N, K, C, R, S, Y, X (and M for GEMM, G for
    /// NGCONV); absent ones are 1.
    public var dimensions: [String: Int]
    /// Stride along Y and X (elements).
    public var strideY: Int
    public var strideX: Int
    /// The dataflow directives, outermost first.
    public var dataflow: [Directive]
    /// Line of the `Layer` header in the mapping file (0 when built in code).
    public var line: Int

    public init(name: String, type: LayerType, dimensions: [String: Int], strideY: Int = 1, strideX: Int = 1,
                dataflow: [Directive], line: Int = 0) {
        self.name = name
        self.type = type
        var dims = dimensions
        for d in ["N", "K", "C", "R", "S", "Y", "X", "M", "G"] where dims[d] == nil { dims[d] = 1 }
        if type == .fc { dims["R"] = 1; dims["S"] = 1; dims["Y"] = dims["Y"] ?? 1; dims["X"] = dims["X"] ?? 1 }
        self.dimensions = dims
        self.strideY = strideY
        self.strideX = strideX
        self.dataflow = dataflow
        self.line = line
    }

    public func size(_ dim: String) -> Int { dimensions[dim] ?? 1 }

    /// Output height (elements).
    public var outputHeight: Int { (size("Y") - size("R")) / strideY + 1 }
    /// Output width (elements).
    public var outputWidth: Int { (size("X") - size("S")) / strideX + 1 }

    /// The true number of multiply-accumulates of the layer.
    public var macCount: Int {
        let spatial = size("N") * outputHeight * outputWidth * size("R") * size("S")
        switch type {
        case .dwconv: return spatial * size("C")
        case .conv, .fc, .trconv: return spatial * size("C") * size("K")
        case .ngconv: return spatial * size("G") * size("C") * size("K")
        case .gemm: return size("M") * size("N") * size("K")
        }
    }
}

/// A named list of layers from one `Network { ... }` block.
public struct Network: Sendable, Equatable {
    public var name: String
    public var layers: [Layer]
    public init(name: String, layers: [Layer]) { self.name = name; self.layers = layers }
}
