import Foundation
import GymCore

/// Reads an environment's numeric `make` options (`--env-option`, the wire's `options`), each
/// checked against its documented range; errors name the option, the value and the range.
struct OptionValues {
    let environment: String
    let options: [String: String]

    /// The integer option `key` (or `fallback` when absent), within `range`.
    func integer(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
        guard let text = options[key] else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw EnvironmentError.invalidOption(environment: environment, option: key, value: String(text.prefix(40)),
                                                 allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// The number option `key` (or `fallback` when absent), finite and within `range`.
    func number(_ key: String, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
        guard let text = options[key] else { return fallback }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, range.contains(value) else {
            throw EnvironmentError.invalidOption(environment: environment, option: key, value: String(text.prefix(40)),
                                                 allowed: "a number in \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound))")
        }
        return value
    }
}
