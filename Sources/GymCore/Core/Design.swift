import Foundation

/// A point in a design space: one value per parameter name.
///
/// A design is plain data. It encodes as a JSON object (`{"rows": 32, "dataflow": "os"}`) with keys
/// sorted, so equal designs have equal text. ``ParameterSpace/validate(_:fillingDefaults:)`` checks one
/// against a space.
///
/// ```swift
/// let design: Design = ["rows": 32, "cols": 16, "dataflow": "ws"]
/// ```
public struct Design: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }
    public init(dictionaryLiteral elements: (String, ParameterValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The value of a numeric parameter as a `Double` (ordinal, integer or continuous).
    public func number(_ name: String) -> Double? { values[name]?.numericValue }

    /// The value of a numeric parameter as an `Int`, truncating.
    public func integer(_ name: String) -> Int? { number(name).map { Int($0) } }

    /// The name of a categorical parameter's choice.
    public func choice(_ name: String) -> String? {
        if case .choice(let value) = values[name] { return value }
        return nil
    }

    /// `name=value` pairs sorted by name: stable across runs and processes.
    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
    }

    public init(from decoder: Decoder) throws {
        self.values = try decoder.singleValueContainer().decode([String: ParameterValue].self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// Canonical JSON text (sorted keys), the form stored in the results database.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A 64-bit FNV-1a hash of ``description``. Unlike `hashValue` it is the same in every process,
    /// so environments use it to derive per-design noise reproducibly.
    public var stableHash: UInt64 { GymCore.stableHash(description) }
}
