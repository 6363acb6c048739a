import GymCore

/// An agent that screens candidate designs on a model of its own before asking for real evaluations.
/// Every design it asks for is evaluated for real (ask/tell); screens are predictions only and never
/// reach the environment or the results store.
///
/// ```swift
/// if let screening = agent as? any ScreeningAgent { print(screening.realEvaluations, screening.proxyScreens) }
/// ```
public protocol ScreeningAgent: SearchAgent {
    /// Evaluations the agent was told: every one came from the real environment.
    var realEvaluations: Int { get }
    /// Designs scored on the agent's proxy (never evaluated unless also asked for).
    var proxyScreens: Int { get }
}
