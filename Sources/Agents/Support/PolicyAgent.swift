import Foundation
import GymCore

/// An agent whose learned policy can be saved as JSON and restored: the RL agents (`ppo`, `mappo`).
///
/// A restored agent carries on learning from where it was saved or, greedy, proposes its policy's most
/// likely design without learning (to evaluate a trained policy on the same or another workload).
///
/// ```swift
/// try agent.policyJSON().write(to: URL(fileURLWithPath: "policy.json"))
/// let greedy = try PPOAgent(space: space, policyJSON: Data(contentsOf: url), seed: 0, greedy: true)
/// ```
public protocol PolicyAgent: SearchAgent {
    associatedtype Snapshot: PolicySnapshot where Snapshot.Settings == Settings
    associatedtype Settings: Hyperparameters
    /// The trained policy and what it needs to act.
    var snapshot: Snapshot { get }
    /// The hyperparameters the policy was trained with.
    var hyperparameters: Settings { get }
    /// Proposals are the policy's most likely design and no learning happens.
    var isGreedy: Bool { get set }
    /// Throws when the snapshot was saved for another parameter space.
    init(space: ParameterSpace, snapshot: Snapshot, seed: UInt64) throws
    /// A new, untrained agent.
    init(space: ParameterSpace, hyperparameters: Settings, seed: UInt64) throws
}

/// A saved policy that says which hyperparameters it was trained with.
public protocol PolicySnapshot: JSONSnapshot {
    associatedtype Settings: Hyperparameters
    var hyperparameters: Settings { get }
    /// The networks' layer structure, policy heads and observation layout, as text: two snapshots
    /// with the same structure index their weights alike.
    var structure: [String] { get }
}

extension PolicyLearner {
    var structure: String { "actor \(network.structure) head \(head.heads) log-sd \(logStandardDeviations.count)" }
}

extension ValueLearner {
    var structure: String { "critic \(network.structure)" }
}

extension MultilayerPerceptron {
    var structure: String { "\(sizes) \(activation) \(layers.map { "\($0.inputCount)x\($0.outputCount)@\($0.offset)" }) \(parameters.count)" }
}

extension ObservationEncoder {
    var structure: String { "observation \(metricSlots) \(includeDesign) \(parameterCount) width \(width)" }
}

extension PolicyAgent {
    /// The policy as compact JSON with sorted keys (see ``JSONSnapshot``).
    public func policyJSON() throws -> Data { try snapshot.jsonData() }

    /// Restores an agent from ``policyJSON()``'s output. A file cut short, edited by hand or made for
    /// other hyperparameters is refused before any network is built from it: its hyperparameters
    /// must be in range, and every array in it must have the length an untrained agent of this space
    /// and these hyperparameters has (the networks index their weights without bounds checks).
    public init(space: ParameterSpace, policyJSON: Data, seed: UInt64, greedy: Bool) throws {
        let snapshot = try Snapshot(jsonData: policyJSON)
        try snapshot.hyperparameters.validate(agent: "policy")
        try self.init(space: space, snapshot: snapshot, seed: seed)   // refuses a policy of another space by name
        let fresh = try Self(space: space, hyperparameters: snapshot.hyperparameters, seed: seed)
        if let mismatch = try JSONShape.mismatch(fresh.snapshot.jsonData(), policyJSON) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(mismatch) (a damaged or edited file)"))
        }
        let expected = fresh.snapshot.structure, found = snapshot.structure
        if let index = expected.indices.first(where: { $0 >= found.count || expected[$0] != found[$0] }) {
            let actual = index < found.count ? String(found[index].prefix(200)) : "nothing"
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "expected \(expected[index].prefix(200)), found \(actual) (a damaged or edited file)"))
        }
        isGreedy = greedy
    }
}

extension PPOAgent: PolicyAgent {}
extension MultiAgentPPOAgent: PolicyAgent {}
