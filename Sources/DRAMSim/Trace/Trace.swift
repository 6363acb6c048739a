import Foundation

/// One memory request of a trace: when the trace player issues it (in player clock cycles), read or
/// write, and the byte address.
public struct MemoryRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case read, write }
    /// Issue time in trace-player cycles.
    public var cycle: UInt64
    public var kind: Kind
    public var address: UInt64

    public init(cycle: UInt64, kind: Kind, address: UInt64) {
        self.cycle = cycle
        self.kind = kind
        self.address = address
    }
}

/// A memory trace in DRAMSys's `.stl` format, one request per line:
/// `CYCLE: read|write 0xADDRESS [data]` (absolute cycles) or `+DELTA: ...` / `(DELTA): ...` (cycles
/// after the previous request). Tabs or spaces separate fields; `#` starts a comment.
///
/// ```swift
/// let trace = try Trace.load(from: URL(fileURLWithPath: "envs/dram/traces/stream.stl"))
/// ```
public struct Trace: Sendable, Hashable {
    public var name: String
    public var requests: [MemoryRequest]

    public init(name: String, requests: [MemoryRequest]) {
        self.name = name
        self.requests = requests
    }

    public static func load(from url: URL) throws -> Trace {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DRAMInputError(file: url.path, "cannot read the trace (\(error.localizedDescription))")
        }
        return try parse(text, name: url.deletingPathExtension().lastPathComponent, file: url.path)
    }

    public static func parse(_ text: String, name: String, file: String) throws -> Trace {
        var requests: [MemoryRequest] = []
        requests.reserveCapacity(text.utf8.count / 20)
        var previous: UInt64 = 0
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw DRAMInputError(file: file, line: lineNumber, "expected 'CYCLE: read|write 0xADDRESS', found '\(trimmed)'")
            }
            var timeText = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            var relative = false
            if timeText.hasPrefix("+") { relative = true; timeText.removeFirst() }
            else if timeText.hasPrefix("("), timeText.hasSuffix(")") { relative = true; timeText = String(timeText.dropFirst().dropLast()) }
            guard let time = UInt64(timeText) else {
                throw DRAMInputError(file: file, line: lineNumber, "the cycle '\(timeText)' is not a non-negative integer")
            }
            let fields = trimmed[trimmed.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else {
                throw DRAMInputError(file: file, line: lineNumber, "expected a command (read or write) and an address after the cycle")
            }
            guard let kind = MemoryRequest.Kind(rawValue: fields[0].lowercased()) else {
                throw DRAMInputError(file: file, line: lineNumber, "unknown command '\(fields[0])'; allowed: read, write")
            }
            let addressText = fields[1].lowercased()
            guard addressText.hasPrefix("0x"), let address = UInt64(addressText.dropFirst(2), radix: 16) else {
                throw DRAMInputError(file: file, line: lineNumber, "the address '\(fields[1])' is not a hexadecimal number like 0x1F40")
            }
            let (sum, overflow) = previous.addingReportingOverflow(time)
            guard !relative || !overflow else {
                throw DRAMInputError(file: file, line: lineNumber, "the cycle \(previous) + \(time) does not fit in 64 bits; allowed: cycles up to \(UInt64.max)")
            }
            let cycle = relative ? sum : time
            guard cycle >= previous else {
                throw DRAMInputError(file: file, line: lineNumber, "cycle \(cycle) is earlier than the previous request's \(previous); traces must be in time order")
            }
            previous = cycle
            requests.append(MemoryRequest(cycle: cycle, kind: kind, address: address))
        }
        guard !requests.isEmpty else { throw DRAMInputError(file: file, "the trace has no requests") }
        return Trace(name: name, requests: requests)
    }
}
