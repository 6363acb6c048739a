import Foundation

/// Reads MAESTRO's hardware file: `num_pes`, `l1_size_cstr`, `l2_size_cstr`, `noc_bw_cstr`,
/// `offchip_bw_cstr`, optionally `NoC_NumHops` (the NoC head latency in cycles, default 1) and
/// `simd_lanes` (one `key: value` a line; `#` starts a comment).
///
/// ```swift
/// let hw = try HardwareParser.parse("num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50", file: "hw.m")
/// ```
public enum HardwareParser {
    static let keys = ["num_pes", "l1_size_cstr", "l2_size_cstr", "noc_bw_cstr", "offchip_bw_cstr", "NoC_NumHops", "simd_lanes"]
    /// Allowed values per key (`InputLimits`).
    static let ranges: [String: ClosedRange<Int>] = [
        "num_pes": InputLimits.peCount, "l1_size_cstr": InputLimits.bufferBytes, "l2_size_cstr": InputLimits.bufferBytes,
        "noc_bw_cstr": InputLimits.bandwidth, "offchip_bw_cstr": InputLimits.bandwidth, "NoC_NumHops": InputLimits.nocLatency,
        "simd_lanes": InputLimits.simdLanes,
    ]

    public static func parse(contentsOf url: URL) throws -> HardwareConfig {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ParseError(file: url.path, line: 0, message: "cannot read the hardware file")
        }
        return try parse(text, file: url.lastPathComponent)
    }

    public static func parse(_ text: String, file: String) throws -> HardwareConfig {
        var values: [String: Int] = [:]
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            if let slashes = line.range(of: "//") { line = line[..<slashes.lowerBound] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw ParseError(file: file, line: lineNumber, message: "expected 'key: value', found '\(trimmed)'")
            }
            guard keys.contains(parts[0]) else {
                throw ParseError(file: file, line: lineNumber,
                                 message: "unknown key '\(parts[0])' (allowed: \(keys.joined(separator: ", ")))")
            }
            let range = ranges[parts[0]] ?? InputLimits.bufferBytes
            guard let value = Int(parts[1]), range.contains(value) else {
                throw ParseError(file: file, line: lineNumber, message: "'\(parts[0])' must be \(InputLimits.describe(range)), found '\(parts[1])'")
            }
            values[parts[0]] = value
        }
        for key in keys.prefix(5) where values[key] == nil {
            throw ParseError(file: file, line: lineNumber, message: "missing '\(key)'")
        }
        return HardwareConfig(peCount: values["num_pes"]!, l1SizeBytes: values["l1_size_cstr"]!,
                              l2SizeBytes: values["l2_size_cstr"]!, nocBandwidth: values["noc_bw_cstr"]!,
                              offchipBandwidth: values["offchip_bw_cstr"]!, simdLanes: values["simd_lanes"] ?? 1,
                              nocLatency: values["NoC_NumHops"] ?? 1)
    }
}
