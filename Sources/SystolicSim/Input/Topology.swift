import Foundation

/// A network: SCALE-Sim's topology CSV read into layers.
///
/// Conv rows are `name, H, W, Fh, Fw, C, N, stride,` and GEMM rows `name, M, N, K,` (each ends with a
/// comma; the first line is a header). A conv layer whose name contains `DP` is depthwise and becomes
/// one single-channel layer per channel, named `<name>Channel_<i>`, as SCALE-Sim splits it.
///
/// ```swift
/// let layers = try Topology.parse("Layer, M, N, K,\nfc, 64, 1000, 512,\n", file: "fc.csv", kind: .gemm).layers
/// ```
public struct Topology: Sendable, Hashable, Codable {
    /// Which row format the CSV uses (`-i conv|gemm`).
    public enum Kind: String, Sendable, Hashable, Codable { case conv, gemm }

    public var name: String
    public var layers: [Layer]

    public init(name: String, layers: [Layer]) {
        self.name = name
        self.layers = layers
    }

    private static let convFields = ["Layer name", "IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width",
                                     "Channels", "Num Filter", "Strides"]
    private static let gemmFields = ["Layer name", "M", "N", "K"]

    /// The sizes a layer may have, so that no product of them overflows and no table the simulator
    /// builds (one entry per ifmap word, per operand-matrix entry) outgrows memory.
    public enum Limits {
        /// Any one number of a row (heights, widths, channels, filters, stride, M, N, K).
        public static let dimension = 1...16_777_216
        /// Ifmap words (H·W·C; M·K for a GEMM): 32 Mi.
        public static let ifmapWords = 1 << 25
        /// Entries of the ifmap operand matrix (output pixels × window) and of the filter matrix: 4 Gi.
        public static let operandEntries = 1 << 32
        /// Multiply-accumulates of one layer: 2^50.
        public static let macs = 1 << 50
    }

    /// Rejects a layer whose sizes exceed ``Limits``, with checked products.
    private static func checkSize(_ layer: Layer, file: String, line: Int, field: String) throws(SystolicSimError) {
        func product(_ values: [Int]) -> Int? {
            var result = 1
            for value in values {
                let (next, overflow) = result.multipliedReportingOverflow(by: value)
                guard !overflow else { return nil }
                result = next
            }
            return result
        }
        let ofmapPixels = product([(layer.ifmapHeight - layer.filterHeight) / layer.stride + 1,
                                   (layer.ifmapWidth - layer.filterWidth) / layer.stride + 1]) ?? Int.max
        let checks: [(String, Int?, Int)] = [
            ("ifmap words (H x W x C)", product([layer.ifmapHeight, layer.ifmapWidth, layer.channels]), Limits.ifmapWords),
            ("operand entries (pixels x Fh x Fw x C)", product([ofmapPixels, layer.filterHeight, layer.filterWidth, layer.channels]), Limits.operandEntries),
            ("filter words (Fh x Fw x C x N)", product([layer.filterHeight, layer.filterWidth, layer.channels, layer.filters]), Limits.operandEntries),
            ("MACs", product([ofmapPixels, layer.filterHeight, layer.filterWidth, layer.channels, layer.filters]), Limits.macs),
        ]
        for (what, value, limit) in checks where (value ?? Int.max) > limit {
            throw .invalidValue(file: file, line: line, field: field, value: value.map(String.init) ?? "overflow",
                                expected: "a layer of at most \(limit) \(what)")
        }
    }

    /// Reads and parses a topology CSV file.
    public static func parse(contentsOf url: URL, kind: Kind = .conv) throws(SystolicSimError) -> Topology {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try parse(text, file: url.path, kind: kind)
    }

    /// Parses a topology CSV; errors name the file, the line and the field.
    public static func parse(_ text: String, file: String = "topology.csv", kind: Kind = .conv) throws(SystolicSimError) -> Topology {
        var layers: [Layer] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var seenHeader = false
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if !seenHeader { seenHeader = true; continue }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if cells.last == "" { cells.removeLast() }
            let fields = kind == .conv ? convFields : gemmFields
            var numbers: [Int] = []
            for position in 1..<fields.count {
                guard position < cells.count else {
                    if kind == .conv && position == 7 { numbers.append(1); continue }   // stride defaults to 1
                    throw .missingField(file: file, line: index + 1, field: fields[position])
                }
                guard let value = Int(cells[position]), Limits.dimension.contains(value) else {
                    throw .invalidValue(file: file, line: index + 1, field: fields[position], value: cells[position],
                                        expected: "an integer in \(Limits.dimension.lowerBound)...\(Limits.dimension.upperBound)")
                }
                numbers.append(value)
            }
            let name = cells[0]
            if kind == .gemm {
                let layer = Layer.gemm(name: name, m: numbers[0], n: numbers[1], k: numbers[2])
                try checkSize(layer, file: file, line: index + 1, field: "K")
                layers.append(layer)
                continue
            }
            guard numbers[2] <= numbers[0], numbers[3] <= numbers[1] else {
                throw .invalidValue(file: file, line: index + 1, field: "Filter Height",
                                    value: "\(numbers[2])x\(numbers[3])", expected: "a filter no larger than the ifmap")
            }
            let layer = Layer(name: name, ifmapHeight: numbers[0], ifmapWidth: numbers[1], filterHeight: numbers[2],
                              filterWidth: numbers[3], channels: numbers[4], filters: numbers[5], stride: numbers[6])
            try checkSize(layer, file: file, line: index + 1, field: "Channels")
            if name.contains("DP") {
                for channel in 0..<layer.channels {
                    var slice = layer
                    slice.name = "\(name)Channel_\(channel)"
                    slice.channels = 1
                    layers.append(slice)
                }
            } else {
                layers.append(layer)
            }
        }
        guard !layers.isEmpty else { throw .emptyTopology(file: file) }
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return Topology(name: base.split(separator: ".").first.map(String.init) ?? base, layers: layers)
    }
}
