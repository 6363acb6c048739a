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
        func integer(_ key: String, default fallback: Int? = nil, in range: ClosedRange<Int>) throws(SystolicSimError) -> Int {
            guard let entry = values[key.lowercased()] else {
                if let fallback { return fallback }
                throw .missingKey(file: file, key: key)
            }
            let first = entry.value.split(separator: ",").first.map(String.init) ?? entry.value
            guard let number = Int(first.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
                throw .invalidValue(file: file, line: entry.line, field: key, value: entry.value,
                                    expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        // Settings this simulator does not model are refused rather than answered densely.
        for (key, meaning) in [("SparsitySupport", "sparse mode"), ("IfmapCustomLayout", "custom ifmap layouts"),
                               ("FilterCustomLayout", "custom filter layouts")] {
            if let entry = values[key.lowercased()], entry.value.lowercased() != "false" {
                throw .invalidValue(file: file, line: entry.line, field: key, value: entry.value,
                                    expected: "false (SCALE-Sim's \(meaning) is not modelled)")
            }
        }
        let rows = try integer("ArrayHeight", in: Limits.arraySide), columns = try integer("ArrayWidth", in: Limits.arraySide)
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
        var runName = "run"
        if let entry = values["run_name"] {
            // The reports go to OUTDIR/<run_name>/: one folder name, never a path out of OUTDIR.
            let name = entry.value
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\\"), !name.contains("\0") else {
                throw .invalidValue(file: file, line: entry.line, field: "run_name", value: name,
                                    expected: "a folder name (not empty, '.' or '..', without '/' or '\\')")
            }
            runName = name
        }
        let bandwidth = try integer("Bandwidth", default: 10, in: Limits.bandwidth)
        return ArchitectureConfig(
            runName: runName, rows: rows, columns: columns, dataflow: dataflow,
            ifmapSRAMKilobytes: try integer("IfmapSramSzkB", default: 64, in: Limits.sramKilobytes),
            filterSRAMKilobytes: try integer("FilterSramSzkB", default: 64, in: Limits.sramKilobytes),
            ofmapSRAMKilobytes: try integer("OfmapSramSzkB", default: 64, in: Limits.sramKilobytes),
            bandwidthMode: mode, bandwidthWordsPerCycle: bandwidth,
            ifmapReadWordsPerCycle: try integer("IfmapSRAMBankBandwidth", default: bandwidth, in: Limits.bandwidth),
            filterReadWordsPerCycle: try integer("FilterSRAMBankBandwidth", default: bandwidth, in: Limits.bandwidth))
    }

    /// The ranges the parser accepts, so that no product of them overflows or sizes an allocation
    /// beyond memory.
    public enum Limits {
        /// PE rows or columns.
        public static let arraySide = 1...16_384
        /// SRAM size, KB (up to 1 GB).
        public static let sramKilobytes = 1...1_048_576
        /// DRAM bandwidth, words/cycle.
        public static let bandwidth = 1...1_048_576
    }
}
