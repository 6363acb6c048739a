import Foundation

/// Writes networks and hardware in MAESTRO's own file formats, so the real tool can be run on exactly
/// what DataflowSim evaluates (side-by-side timing, reference runs). `MappingParser` reads the output back.
///
/// DWCONV is written as MAESTRO's `DSCONV`; FC, which MAESTRO leaves unimplemented, as the CONV it is
/// here (R = S = Y = X = 1); GEMM layers get no `Stride` line. A `Y'`/`X'` map in a cluster level without
/// its own R/S map is written as the input rows/columns it stands for (size + R − 1), because MAESTRO
/// reads an uninitialized filter size there (and aborts on yxp_os); DataflowSim reads both the same.
///
/// ```swift
/// let text = MappingWriter.text(network)
/// let hw = MappingWriter.hardwareText(HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000,
///                                                    nocBandwidth: 1000, offchipBandwidth: 50))
/// ```
public enum MappingWriter {
    public static func text(_ network: Network) -> String {
        var out = "Network \(network.name) {\n"
        for layer in network.layers {
            let type: String
            switch layer.type {
            case .dwconv: type = "DSCONV"
            case .fc: type = "CONV"
            case .conv, .gemm, .ngconv, .trconv: type = layer.type.rawValue
            }
            out += "Layer \(layer.name) {\nType: \(type)\n"
            if layer.type.hasSlidingWindow { out += "Stride { X: \(layer.strideX), Y: \(layer.strideY) }\n" }
            let dims = layer.type.dimensionNames.filter { !($0 == "N" && layer.size("N") == 1) }
            out += "Dimensions { " + dims.map { "\($0): \(layer.size($0))" }.joined(separator: ", ") + " }\n"
            out += "Dataflow {\n" + inputCentric(layer).map { "  \($0);\n" }.joined() + "}\n}\n"
        }
        return out + "}\n"
    }

    /// The layer's directives with Y'/X' maps rewritten where their level has no R/S map.
    static func inputCentric(_ layer: Layer) -> [Directive] {
        var result: [Directive] = []
        var level: [Directive] = []
        func flush() {
            let mapped = Set(level.compactMap { d -> String? in
                switch d {
                case .spatial(_, _, let dim), .temporal(_, _, let dim): return dim
                case .cluster: return nil
                }
            })
            for d in level {
                switch d {
                case .spatial(let size, let offset, let dim) where (dim == "Y'" && !mapped.contains("R")) || (dim == "X'" && !mapped.contains("S")):
                    result.append(.spatial(size: rows(size, dim, layer), offset: offset, dimension: String(dim.dropLast())))
                case .temporal(let size, let offset, let dim) where (dim == "Y'" && !mapped.contains("R")) || (dim == "X'" && !mapped.contains("S")):
                    result.append(.temporal(size: rows(size, dim, layer), offset: offset, dimension: String(dim.dropLast())))
                default: result.append(d)
                }
            }
            level = []
        }
        for d in layer.dataflow {
            level.append(d)
            if case .cluster = d { flush() }
        }
        flush()
        return result
    }

    private static func rows(_ size: DirectiveExtent, _ dim: String, _ layer: Layer) -> DirectiveExtent {
        .literal(SlidingWindow.inputExtent(outputSize: size.resolve(in: layer.dimensions), filter: layer.size(dim == "Y'" ? "R" : "S")))
    }

    public static func hardwareText(_ hardware: HardwareConfig) -> String {
        var lines = ["num_pes: \(hardware.peCount)", "l1_size_cstr: \(hardware.l1SizeBytes)", "l2_size_cstr: \(hardware.l2SizeBytes)",
                     "noc_bw_cstr: \(hardware.nocBandwidth)", "offchip_bw_cstr: \(hardware.offchipBandwidth)"]
        if hardware.nocLatency != 1 { lines.append("NoC_NumHops: \(hardware.nocLatency)") }
        if hardware.simdLanes != 1 { lines.append("simd_lanes: \(hardware.simdLanes)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
