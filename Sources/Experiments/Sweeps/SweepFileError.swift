/// A problem in a sweep file, with the file, line and field, found before anything runs.
public struct SweepFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line number, or 0 when the problem is not tied to a line.
    public var line: Int
    /// The field's path, e.g. `agents[1].grid.mutationRate`.
    public var field: String
    public var message: String

    public var description: String {
        "\(file)\(line > 0 ? ":\(line)" : ""): \(field.isEmpty ? "" : "\(field): ")\(message)"
    }
}
