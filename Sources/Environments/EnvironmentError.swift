/// Why an environment (or its objective) could not be made: an unknown name, workload, option, preset
/// or metric, named with the valid ones.
public enum EnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownEnvironment(name: String, known: [String])
    case unknownWorkload(environment: String, workload: String, known: [String])
    case unknownOption(environment: String, option: String, known: [String])
    case invalidOption(environment: String, option: String, value: String, allowed: String)
    case unknownObjectivePreset(environment: String, preset: String, known: [String])
    case unknownMetric(environment: String, metric: String, known: [String])

    public var description: String {
        switch self {
        case .unknownEnvironment(let name, let known):
            return "unknown environment '\(name)'; valid environments: \(known.joined(separator: ", "))"
        case .unknownWorkload(let environment, let workload, let known):
            return "\(environment): unknown workload '\(workload)'; valid workloads: \(known.joined(separator: ", "))"
        case .unknownOption(let environment, let option, let known):
            return "\(environment): unknown option '\(option)'; valid options: \(known.isEmpty ? "(none)" : known.joined(separator: ", "))"
        case .invalidOption(let environment, let option, let value, let allowed):
            return "\(environment): option '\(option)' = '\(value)' is invalid; allowed: \(allowed)"
        case .unknownObjectivePreset(let environment, let preset, let known):
            return "\(environment): unknown objective preset '\(preset)'; valid presets: \(known.joined(separator: ", "))"
        case .unknownMetric(let environment, let metric, let known):
            return "\(environment): unknown metric '\(metric)'; valid metrics: \(known.joined(separator: ", "))"
        }
    }
}
