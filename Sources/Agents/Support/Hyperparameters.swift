import Foundation
import GymCore

/// An agent's hyperparameters: a `Codable` struct whose default value is the documented default.
/// ``validate()`` rejects out-of-range values with an error naming the field.
public protocol Hyperparameters: Codable, Sendable {
    init()
    /// Throws ``AgentError/invalidHyperparameter(agent:name:value:allowed:)`` for a bad value.
    func validate(agent: String) throws
}

extension Hyperparameters {
    /// These hyperparameters with `name=value` overrides applied (typed by a person or a sweep file).
    /// Each value is read as the type of the field's default: a number, `true`/`false`, or text.
    public func applying(_ overrides: [String: String], agent: String) throws -> Self {
        guard case .object(var fields) = try JSONValue(encoding: self) else { return self }
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let current = fields[name] else {
                throw AgentError.unknownHyperparameter(agent: agent, name: name, known: fields.keys.sorted())
            }
            switch current {
            case .number:
                guard let number = Double(text), number.isFinite else {
                    throw AgentError.invalidHyperparameter(agent: agent, name: name, value: text, allowed: "a number")
                }
                fields[name] = .number(number)
            case .bool:
                guard let flag = Bool(text.lowercased()) else {
                    throw AgentError.invalidHyperparameter(agent: agent, name: name, value: text, allowed: "true or false")
                }
                fields[name] = .bool(flag)
            default:
                fields[name] = .string(text)
            }
        }
        let result: Self
        do {
            result = try JSONValue.object(fields).decode(Self.self)
        } catch {
            let field = overrides.keys.sorted().first ?? "?"
            throw AgentError.invalidHyperparameter(agent: agent, name: field, value: overrides[field] ?? "", allowed: "a value of the field's type (\(error))")
        }
        try result.validate(agent: agent)
        return result
    }

    /// The hyperparameters as compact JSON text (stored with every run).
    public var jsonText: String { (try? JSONValue(encoding: self).jsonText) ?? "{}" }
}

/// Checks `condition`, else throws an invalid-hyperparameter error naming `field` and `allowed`.
func require(_ condition: Bool, agent: String, field: String, value: some CustomStringConvertible, allowed: String) throws {
    if !condition { throw AgentError.invalidHyperparameter(agent: agent, name: field, value: String(value.description.prefix(80)), allowed: allowed) }
}
