import Environments
import GymCore

/// Reading `make`'s `objective` field (docs/protocol.md, "make"): a preset name, or an object
/// `{"preset"?, "terms"?: [{"metric", "direction"?, "weight"?, "reference"?}], "pareto"?: bool,
/// "targets"?: {"metric": value}, "constraints"?: ["metric<=number" | {"metric", "op", "bound"}]}`.
extension ObjectiveChoice {
    static let wireKeys = ["preset", "terms", "pareto", "targets", "constraints"]

    init(wire value: JSONValue) throws {
        self.init()
        if case .string(let preset) = value {
            self.preset = preset
            return
        }
        guard case .object(let fields) = value else { throw Self.wrongType("objective", "a preset name or an object") }
        for key in fields.keys.sorted() where !Self.wireKeys.contains(key) {
            throw WireError(.badRequest, "unknown field 'objective.\(key)'; valid fields: \(Self.wireKeys.joined(separator: ", "))",
                            field: "objective.\(key)")
        }
        if let preset = fields["preset"] {
            guard case .string(let name) = preset else { throw Self.wrongType("objective.preset", "a string") }
            self.preset = name
        }
        if let pareto = fields["pareto"] {
            guard case .bool(let flag) = pareto else { throw Self.wrongType("objective.pareto", "true or false") }
            self.pareto = flag
        }
        if let terms = fields["terms"] {
            guard case .array(let items) = terms, !items.isEmpty else { throw Self.wrongType("objective.terms", "a non-empty array of terms") }
            self.terms = try items.enumerated().map { index, item in try Self.term(item, field: "objective.terms[\(index)]") }
        }
        if let targets = fields["targets"] {
            guard case .object(let entries) = targets, !entries.isEmpty else {
                throw Self.wrongType("objective.targets", "a non-empty object of metric: number")
            }
            for (metric, entry) in entries {
                guard case .number(let number) = entry, number.isFinite else { throw Self.wrongType("objective.targets.\(metric)", "a number") }
                self.targets[metric] = number
            }
        }
        if !self.terms.isEmpty, !self.targets.isEmpty {
            throw WireError(.badRequest, "objective: give terms or targets, not both", field: "objective.targets")
        }
        if let constraints = fields["constraints"] {
            guard case .array(let items) = constraints else { throw Self.wrongType("objective.constraints", "an array") }
            self.constraints = try items.enumerated().map { index, item in try Self.constraint(item, field: "objective.constraints[\(index)]") }
        }
    }

    private static func term(_ value: JSONValue, field: String) throws -> TermChoice {
        guard case .object(let fields) = value, case .string(let metric)? = fields["metric"] else {
            throw wrongType(field, "an object with a string 'metric'")
        }
        var term = TermChoice(metric: metric)
        if let direction = fields["direction"] {
            guard case .string(let text) = direction, let parsed = MetricDescriptor.Direction(rawValue: text) else {
                throw wrongType("\(field).direction", "minimize or maximize")
            }
            term.direction = parsed
        }
        if let weight = fields["weight"] {
            guard case .number(let number) = weight, number.isFinite, number > 0 else { throw wrongType("\(field).weight", "a number > 0") }
            term.weight = number
        }
        if let reference = fields["reference"] {
            guard case .number(let number) = reference, number.isFinite, number > 0 else {
                throw wrongType("\(field).reference", "a number > 0 (the metric's reference value, in its unit)")
            }
            term.reference = number
        }
        return term
    }

    private static func constraint(_ value: JSONValue, field: String) throws -> Objective.Constraint {
        if case .string(let text) = value, let constraint = Objective.Constraint(parsing: text) { return constraint }
        if case .object(let fields) = value, case .string(let metric)? = fields["metric"], case .string(let op)? = fields["op"],
           let comparison = Objective.Constraint.Comparison(rawValue: op), case .number(let bound)? = fields["bound"], bound.isFinite
        {
            return Objective.Constraint(metric: metric, comparison: comparison, bound: bound)
        }
        throw wrongType(field, "'metric<=number', 'metric>=number' or {\"metric\", \"op\": \"<=\" or \">=\", \"bound\"}")
    }

    private static func wrongType(_ field: String, _ expected: String) -> WireError {
        WireError(.badRequest, "wrong type for field '\(field)': expected \(expected)", field: field)
    }
}
