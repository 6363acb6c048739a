/// One knob of a design space: its name, what kind of values it takes, and a one-line description.
///
/// The four kinds mirror what hardware knobs look like:
/// - ``Kind/categorical(_:)``: named choices with no order (`dataflow`: `os`, `ws`, `is`);
/// - ``Kind/integer(low:high:)``: every integer in a closed range;
/// - ``Kind/ordinal(_:)``: ordered numeric choices, e.g. powers of two for buffer sizes;
/// - ``Kind/continuous(low:high:log:)``: an interval, sampled on a log scale when `log` is true.
///
/// ```swift
/// let rows = Parameter("rows", .ordinal([4, 8, 16, 32]), "array rows (PEs)")
/// ```
public struct Parameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case categorical([String])
        case integer(low: Int, high: Int)
        case ordinal([Double])
        case continuous(low: Double, high: Double, log: Bool)
    }

    public let name: String
    public let kind: Kind
    public let summary: String

    public init(_ name: String, _ kind: Kind, _ summary: String = "") {
        switch kind {
        case .categorical(let choices):
            precondition(!choices.isEmpty && Set(choices).count == choices.count, "\(name): choices must be distinct and non-empty")
        case .integer(let low, let high):
            precondition(low <= high, "\(name): low > high")
        case .ordinal(let choices):
            precondition(!choices.isEmpty && zip(choices, choices.dropFirst()).allSatisfy { $0 < $1 }, "\(name): ordinal choices must increase")
        case .continuous(let low, let high, let log):
            precondition(low < high && (!log || low > 0), "\(name): bad interval")
        }
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    /// Number of distinct values, or `nil` for a continuous parameter.
    public var cardinality: Int? {
        switch kind {
        case .categorical(let choices): return choices.count
        case .integer(let low, let high):
            let (span, overflow) = high.subtractingReportingOverflow(low)
            return overflow || span == .max ? .max : span + 1   // saturates like ``ParameterSpace/cardinality``
        case .ordinal(let choices): return choices.count
        case .continuous: return nil
        }
    }

    /// A human-readable statement of the allowed values, used in error messages.
    public var allowedValues: String {
        switch kind {
        case .categorical(let choices): return "one of " + choices.joined(separator: ", ")
        case .integer(let low, let high): return "an integer in \(low)...\(high)"
        case .ordinal(let choices): return "one of " + choices.map(formatNumber).joined(separator: ", ")
        case .continuous(let low, let high, let log):
            return "a number in [\(formatNumber(low)), \(formatNumber(high))]" + (log ? " (log scale)" : "")
        }
    }

    /// Checks `value` and returns it in canonical form (`.choice`, `.integer` or `.number`).
    public func validate(_ value: ParameterValue) throws(ParameterError) -> ParameterValue {
        switch kind {
        case .categorical(let choices):
            if case .choice(let name) = value, choices.contains(name) { return value }
            if case .choice(let name) = value,
                let match = choices.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame })
            {
                return .choice(match)
            }
        case .integer(let low, let high):
            if let number = value.numericValue, number.rounded() == number, number >= Double(low), number <= Double(high) {
                return .integer(Int(number))
            }
        case .ordinal(let choices):
            if let number = value.numericValue, choices.contains(number) { return .number(number) }
        case .continuous(let low, let high, _):
            if let number = value.numericValue, number.isFinite, number >= low, number <= high { return .number(number) }
        }
        throw .invalidValue(parameter: name, value: value.description, allowed: allowedValues)
    }

    /// Parses a value typed by a person (`--set rows=32`) and validates it.
    public func parse(_ text: String) throws(ParameterError) -> ParameterValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: ParameterValue
        if case .categorical = kind {
            value = .choice(trimmed)
        } else if let integer = Int(trimmed) {
            value = .integer(integer)
        } else if let number = Double(trimmed) {
            value = .number(number)
        } else {
            throw .invalidValue(parameter: name, value: trimmed, allowed: allowedValues)
        }
        return try validate(value)
    }

    /// Every value for a discrete parameter; `resolution` evenly spaced values (log-spaced when
    /// `log`) for a continuous one. Used by grid search and the index encoding.
    public func levels(resolution: Int = 5) -> [ParameterValue] {
        switch kind {
        case .categorical(let choices): return choices.map { .choice($0) }
        case .integer(let low, let high): return (low...high).map { .integer($0) }
        case .ordinal(let choices): return choices.map { .number($0) }
        case .continuous:
            let count = max(resolution, 2)
            return (0..<count).map { denormalize(Double($0) / Double(count - 1)) }
        }
    }

    /// Maps a valid value to [0, 1]: choice index / (n-1), range position, or log-range position.
    public func normalize(_ value: ParameterValue) -> Double {
        switch kind {
        case .categorical(let choices):
            guard case .choice(let name) = value, let index = choices.firstIndex(of: name) else { return 0 }
            return choices.count == 1 ? 0 : Double(index) / Double(choices.count - 1)
        case .integer(let low, let high):
            return high == low ? 0 : ((value.numericValue ?? Double(low)) - Double(low)) / Double(high - low)
        case .ordinal(let choices):
            let index = choices.firstIndex(of: value.numericValue ?? choices[0]) ?? 0
            return choices.count == 1 ? 0 : Double(index) / Double(choices.count - 1)
        case .continuous(let low, let high, let log):
            let number = value.numericValue ?? low
            if log { return (Foundation.log(number) - Foundation.log(low)) / (Foundation.log(high) - Foundation.log(low)) }
            return (number - low) / (high - low)
        }
    }

    /// The inverse of ``normalize(_:)``: the nearest valid value for a position in [0, 1]
    /// (positions outside are clamped).
    public func denormalize(_ position: Double) -> ParameterValue {
        let unit = min(max(position.isFinite ? position : 0, 0), 1)
        func nearestIndex(_ count: Int) -> Int { Int((unit * Double(count - 1)).rounded()) }
        switch kind {
        case .categorical(let choices): return .choice(choices[nearestIndex(choices.count)])
        case .integer(let low, let high): return .integer(low + Int((unit * Double(high - low)).rounded()))
        case .ordinal(let choices): return .number(choices[nearestIndex(choices.count)])
        case .continuous(let low, let high, let log):
            if log { return .number(min(max(Foundation.exp(Foundation.log(low) + unit * (Foundation.log(high) - Foundation.log(low))), low), high)) }
            return .number(low + unit * (high - low))
        }
    }

    /// A uniformly random valid value (log-uniform for a log-scale continuous parameter).
    public func randomValue(using generator: inout some RandomNumberGenerator) -> ParameterValue {
        switch kind {
        case .categorical(let choices): return .choice(choices[Int.random(in: 0..<choices.count, using: &generator)])
        case .integer(let low, let high): return .integer(Int.random(in: low...high, using: &generator))
        case .ordinal(let choices): return .number(choices[Int.random(in: 0..<choices.count, using: &generator)])
        case .continuous: return denormalize(Double.random(in: 0...1, using: &generator))
        }
    }
}

import Foundation
