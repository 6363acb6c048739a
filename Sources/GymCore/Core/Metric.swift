/// Describes one figure an environment reports: its name, unit and which way is better.
///
/// ```swift
/// MetricDescriptor("total_cycles", unit: "cycles", direction: .minimize, "cycles to run the workload")
/// ```
public struct MetricDescriptor: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable {
        case minimize, maximize
    }

    public let name: String
    /// The unit of the value, e.g. `cycles`, `ns`, `pJ`, `mm2`, `%`, or `1` for a pure number.
    public let unit: String
    public let direction: Direction
    public let summary: String

    public init(_ name: String, unit: String, direction: Direction, _ summary: String = "") {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey { case name, unit, direction, summary = "description" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        unit = try container.decodeIfPresent(String.self, forKey: .unit) ?? "1"
        direction = try container.decode(Direction.self, forKey: .direction)
        summary = try container.decodeIfPresent(String.self, forKey: .summary) ?? ""
    }
}
