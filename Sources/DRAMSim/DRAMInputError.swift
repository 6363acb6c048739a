/// A problem in a DRAM input file (memspec, address mapping, trace), naming the file, the line when
/// there is one, and what was expected.
public struct DRAMInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line, or 0 when the problem is not tied to a line.
    public var line: Int
    public var message: String

    public init(file: String, line: Int = 0, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line > 0 ? ":\(line)" : ""): \(message)" }
}
