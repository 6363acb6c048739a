import Foundation

/// A systolic-array accelerator as SCALE-Sim's `.cfg` file describes it.
///
/// Sizes are in KB (1 KB = 1024 words of 1 byte); bandwidths in words per cycle.
///
/// ```swift
/// let config = ArchitectureConfig(rows: 32, columns: 32, dataflow: .outputStationary)
/// let parsed = try ArchitectureConfig.parse(String(contentsOfFile: "arch.cfg"), file: "arch.cfg")
/// ```
public struct ArchitectureConfig: Sendable, Hashable, Codable {
    /// How DRAM bandwidth is set: `calc` estimates what is needed and never stalls; `user` uses fixed
    /// bandwidths and stalls when they are too low.
    public enum BandwidthMode: String, Sendable, Hashable, Codable { case calc = "CALC", user = "USER" }

    public var runName: String
    /// Processing-element rows (the array height).
    public var rows: Int
    /// Processing-element columns (the array width).
    public var columns: Int
    public var dataflow: Dataflow
    /// SRAM sizes, KB (double buffered: half active, half prefetching).
    public var ifmapSRAMKilobytes: Int
    public var filterSRAMKilobytes: Int
    public var ofmapSRAMKilobytes: Int
    public var bandwidthMode: BandwidthMode
    /// DRAM bandwidth of the ofmap write port (`Bandwidth`), words/cycle.
    public var bandwidthWordsPerCycle: Int
    /// DRAM read bandwidth for ifmap (`IfmapSRAMBankBandwidth`), words/cycle.
    public var ifmapReadWordsPerCycle: Int
    /// DRAM read bandwidth for filters (`FilterSRAMBankBandwidth`), words/cycle.
    public var filterReadWordsPerCycle: Int

    public init(runName: String = "run", rows: Int, columns: Int, dataflow: Dataflow,
                ifmapSRAMKilobytes: Int = 64, filterSRAMKilobytes: Int = 64, ofmapSRAMKilobytes: Int = 64,
                bandwidthMode: BandwidthMode = .calc, bandwidthWordsPerCycle: Int = 10,
                ifmapReadWordsPerCycle: Int? = nil, filterReadWordsPerCycle: Int? = nil) {
        self.runName = runName
        self.rows = rows
        self.columns = columns
        self.dataflow = dataflow
        self.ifmapSRAMKilobytes = ifmapSRAMKilobytes
        self.filterSRAMKilobytes = filterSRAMKilobytes
        self.ofmapSRAMKilobytes = ofmapSRAMKilobytes
        self.bandwidthMode = bandwidthMode
        self.bandwidthWordsPerCycle = bandwidthWordsPerCycle
        self.ifmapReadWordsPerCycle = ifmapReadWordsPerCycle ?? bandwidthWordsPerCycle
        self.filterReadWordsPerCycle = filterReadWordsPerCycle ?? bandwidthWordsPerCycle
    }

    /// Reads a `.cfg` file leniently: `[section]` headers, `Key : value` or `Key = value` lines, keys
    /// matched without regard to case, unknown keys ignored. Array size and dataflow are required.
    public static func parse(_ text: String, file: String = "arch.cfg") throws(SystolicSimError) -> ArchitectureConfig {
        var values: [String: (value: String, line: Int)] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("[") { continue }
            guard let separator = line.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
                throw .invalidValue(file: file, line: index + 1, field: line, value: "", expected: "'Key : value'")
            }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            values[key] = (value, index + 1)
        }
        func integer(_ key: String, default fallback: Int? = nil) throws(SystolicSimError) -> Int {
            guard let entry = values[key.lowercased()] else {
                if let fallback { return fallback }
                throw .missingKey(file: file, key: key)
            }
            let first = entry.value.split(separator: ",").first.map(String.init) ?? entry.value
            guard let number = Int(first.trimmingCharacters(in: .whitespaces)), number > 0 else {
                throw .invalidValue(file: file, line: entry.line, field: key, value: entry.value, expected: "a positive integer")
            }
            return number
        }
        let rows = try integer("ArrayHeight"), columns = try integer("ArrayWidth")
        guard let flow = values["dataflow"] else { throw .missingKey(file: file, key: "Dataflow") }
        guard let dataflow = Dataflow(rawValue: flow.value.lowercased()) else {
            throw .invalidValue(file: file, line: flow.line, field: "Dataflow", value: flow.value, expected: "os, ws or is")
        }
        var mode = BandwidthMode.calc
        if let entry = values["interfacebandwidth"] {
            guard let parsed = BandwidthMode(rawValue: entry.value.uppercased()) else {
                throw .invalidValue(file: file, line: entry.line, field: "InterfaceBandwidth", value: entry.value, expected: "CALC or USER")
            }
            mode = parsed
        }
        let bandwidth = try integer("Bandwidth", default: 10)
        return ArchitectureConfig(
            runName: values["run_name"]?.value ?? "run", rows: rows, columns: columns, dataflow: dataflow,
            ifmapSRAMKilobytes: try integer("IfmapSramSzkB", default: 64),
            filterSRAMKilobytes: try integer("FilterSramSzkB", default: 64),
            ofmapSRAMKilobytes: try integer("OfmapSramSzkB", default: 64),
            bandwidthMode: mode, bandwidthWordsPerCycle: bandwidth,
            ifmapReadWordsPerCycle: try integer("IfmapSRAMBankBandwidth", default: bandwidth),
            filterReadWordsPerCycle: try integer("FilterSRAMBankBandwidth", default: bandwidth))
    }
}
