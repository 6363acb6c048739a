/// Why a design or a value was rejected. Each case names the parameter and what is allowed, so the
/// message can be shown to a person as it is.
public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value is outside the parameter's allowed values.
    case invalidValue(parameter: String, value: String, allowed: String)
    /// The design names a parameter the space does not have.
    case unknownParameter(name: String, known: [String])
    /// The design lacks a value for a parameter that has no default.
    case missingParameter(name: String)
    /// An encoded vector has the wrong length.
    case wrongVectorLength(expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .invalidValue(let parameter, let value, let allowed):
            return "parameter '\(parameter)': invalid value '\(value)'; allowed: \(allowed)"
        case .unknownParameter(let name, let known):
            return "unknown parameter '\(name)'; valid parameters: \(known.joined(separator: ", "))"
        case .missingParameter(let name):
            return "missing value for parameter '\(name)'"
        case .wrongVectorLength(let expected, let actual):
            return "encoded vector has \(actual) entries; the space needs \(expected)"
        }
    }
}
