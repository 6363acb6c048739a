/// A results-store failure, with the database path.
public enum ResultsError: Error, Sendable, CustomStringConvertible {
    case database(path: String, message: String)
    case unknownRun(id: Int)
    case invalidExportFormat(String, allowed: [String])

    public var description: String {
        switch self {
        case .database(let path, let message): return "results database \(path): \(message)"
        case .unknownRun(let id): return "no run with id \(id) in the results store"
        case .invalidExportFormat(let format, let allowed): return "unknown export format '\(format)'; allowed: \(allowed.joined(separator: ", "))"
        }
    }
}
