/// One parameter's value in a ``Design``: a named choice, an integer, or a real number.
///
/// Values travel as plain JSON scalars: `"os"`, `32`, `0.5`. An integral number decodes as
/// ``integer(_:)``; ``ParameterSpace/validate(_:)`` converts between numeric cases as the parameter
/// kind requires, so `32` and `32.0` are the same value for an ordinal or continuous parameter.
///
/// ```swift
/// let value: ParameterValue = "os"      // .choice("os")
/// let rows: ParameterValue = 32         // .integer(32)
/// ```
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
    case choice(String)
    case integer(Int)
    case number(Double)

    public init(stringLiteral value: String) { self = .choice(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }

    /// The value as a real number, or `nil` for a named choice.
    public var numericValue: Double? {
        switch self {
        case .choice: return nil
        case .integer(let value): return Double(value)
        case .number(let value): return value
        }
    }

    /// Numeric values are equal when their numbers are: `.integer(16) == .number(16)`.
    public static func == (lhs: ParameterValue, rhs: ParameterValue) -> Bool {
        switch (lhs, rhs) {
        case (.choice(let left), .choice(let right)): return left == right
        case (.choice, _), (_, .choice): return false
        default: return lhs.numericValue == rhs.numericValue
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .choice(let name): hasher.combine(0); hasher.combine(name)
        default: hasher.combine(1); hasher.combine(numericValue!)
        }
    }

    /// The value as text: choices verbatim, integral numbers without a fractional part.
    public var description: String {
        switch self {
        case .choice(let name): return name
        case .integer(let value): return String(value)
        case .number(let value): return formatNumber(value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .choice(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .choice(let name): try container.encode(name)
        case .integer(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 {
                try container.encode(Int(value))
            } else {
                try container.encode(value)
            }
        }
    }
}

/// Formats a number the way people write parameter values: `32`, `0.25`, `1e-06`.
public func formatNumber(_ value: Double) -> String {
    if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
        return String(Int(value))
    }
    return String(value)
}

/// Formats a number for people with at most `digits` significant digits, dropping trailing zeros:
/// `formatNumber(9.999999999999998, digits: 6)` is `10`, `formatNumber(0.000123456, digits: 3)` is
/// `0.000123`. Display only: hashes and stored text use ``formatNumber(_:)``, which round-trips.
public func formatNumber(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return String(value) }
    var text = String(format: "%.\(max(1, digits))g", value)
    if text.contains("."), !text.contains("e") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}
