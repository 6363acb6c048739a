/// Why an architecture file or a topology could not be read, with the file, line (1-based) and field.
///
/// ```swift
/// do { _ = try Topology.parse(text, file: "net.csv", kind: .conv) }
/// catch let error as SystolicSimError { print(error) }   // net.csv:3: field 'Strides': ...
/// ```
public enum SystolicSimError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidValue(file: String, line: Int, field: String, value: String, expected: String)
    case missingField(file: String, line: Int, field: String)
    case missingKey(file: String, key: String)
    case emptyTopology(file: String)
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let file, let line, let field, let value, let expected):
            return "\(file):\(line): field '\(field)' = '\(value)' is invalid; expected \(expected)"
        case .missingField(let file, let line, let field):
            return "\(file):\(line): missing field '\(field)'"
        case .missingKey(let file, let key):
            return "\(file): missing key '\(key)'"
        case .emptyTopology(let file):
            return "\(file): no layers"
        case .unreadable(let file, let reason):
            return "\(file): cannot read (\(reason))"
        }
    }
}
