import GymCore

/// Why an agent could not be made: an unknown agent, an unknown hyperparameter, or a bad value.
public enum AgentError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownAgent(name: String, known: [String])
    case unknownHyperparameter(agent: String, name: String, known: [String])
    case invalidHyperparameter(agent: String, name: String, value: String, allowed: String)
    case noPolicy(agent: String)

    public var description: String {
        switch self {
        case .unknownAgent(let name, let known):
            return "unknown agent '\(name)'; valid agents: \(known.joined(separator: ", "))"
        case .unknownHyperparameter(let agent, let name, let known):
            return "\(agent): unknown hyperparameter '\(name)'; valid hyperparameters: \(known.joined(separator: ", "))"
        case .invalidHyperparameter(let agent, let name, let value, let allowed):
            return "\(agent): hyperparameter '\(name)' = '\(value)' is invalid; allowed: \(allowed)"
        case .noPolicy(let agent):
            return "\(agent) learns no policy to save or load"
        }
    }
}

extension AgentError {
    /// A saved policy restored into an agent whose parameter space (or agent layout) differs.
    static func policyMismatch(agent: String, saved: [String], space: ParameterSpace) -> AgentError {
        .invalidHyperparameter(agent: agent, name: "policy", value: "saved for \(saved.joined(separator: "; "))",
                               allowed: "a policy saved for this space: \(space.domains.joined(separator: "; "))")
    }
}
