import Agents
import Environments
import Foundation
import GymCore
import Yams

/// Reads a sweep file (YAML, or JSON, which is read by the same parser) into a ``Sweep`` and checks
/// it completely — names, types, distributions and every hyperparameter setting — before anything
/// runs. Errors name the file, line and field. The format is documented in `docs/sweeps.md`.
///
/// ```yaml
/// name: smoke
/// budget: 100
/// seeds: 2                      # seeds 1...2, or a list [7, 11]
/// environments:
///   - name: synthetic
///     workloads: [default]
/// agents:
///   - name: random_walk
///     grid: {restartProbability: [1, 0.5]}
///   - name: grid
/// ```
public struct SweepFileParser {
    public var environments: EnvironmentRegistry
    public var agents: AgentRegistry

    public init(environments: EnvironmentRegistry = .standard, agents: AgentRegistry = .standard) {
        self.environments = environments
        self.agents = agents
    }

    public func parse(fileAt url: URL) throws -> Sweep {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SweepFileError(file: url.path, line: 0, field: "", message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: url.path)
    }

    public func parse(_ text: String, file: String) throws -> Sweep {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw SweepFileError(file: file, line: 0, field: "", message: "the file is empty")
            }
            root = node
        } catch let error as SweepFileError {
            throw error
        } catch let error as YamlError {
            throw SweepFileError(file: file, line: Self.line(of: error), field: "", message: "not valid YAML/JSON: \(error)")
        }
        let reader = Reader(file: file)
        let top = try reader.mapping(root, "", allowed: ["name", "budget", "seeds", "batch", "timeout_s", "environments", "agents"])
        let name = try reader.string(try reader.required(top, "name", in: root), "name")
        guard name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) != nil else {
            throw reader.error(top["name"]!, "name", "use letters, digits, '_', '-' or '.'")
        }
        let budget = try reader.integer(try reader.required(top, "budget", in: root), "budget", minimum: 1)
        let seedsNode = try reader.required(top, "seeds", in: root)
        let seeds: [UInt64]
        if case .sequence = seedsNode {
            seeds = try reader.sequence(seedsNode, "seeds").enumerated().map { UInt64(try reader.integer($1, "seeds[\($0)]", minimum: 0)) }
            guard !seeds.isEmpty else { throw reader.error(seedsNode, "seeds", "list at least one seed") }
        } else {
            seeds = (1...UInt64(try reader.integer(seedsNode, "seeds", minimum: 1))).map { $0 }
        }
        let batch = try top["batch"].map { try reader.integer($0, "batch", minimum: 1) } ?? 1
        let timeout = try top["timeout_s"].map { try reader.number($0, "timeout_s", minimum: 0.001) }

        let environmentNodes = try reader.sequence(try reader.required(top, "environments", in: root), "environments")
        guard !environmentNodes.isEmpty else { throw reader.error(top["environments"]!, "environments", "list at least one environment") }
        var sweepEnvironments: [SweepEnvironment] = []
        var firstSpace: ParameterSpace?
        for (index, node) in environmentNodes.enumerated() {
            let (environment, space) = try parseEnvironment(node, field: "environments[\(index)]", reader: reader)
            sweepEnvironments.append(environment)
            firstSpace = firstSpace ?? space
        }

        let agentNodes = try reader.sequence(try reader.required(top, "agents", in: root), "agents")
        guard !agentNodes.isEmpty else { throw reader.error(top["agents"]!, "agents", "list at least one agent") }
        let sweepAgents = try agentNodes.enumerated().map { index, node in
            try parseAgent(node, field: "agents[\(index)]", reader: reader, space: firstSpace!)
        }
        return Sweep(name: name, budget: budget, seeds: seeds, batchSize: batch, timeoutSeconds: timeout,
                     environments: sweepEnvironments, agents: sweepAgents)
    }

    private func parseEnvironment(_ node: Node, field: String, reader: Reader) throws -> (SweepEnvironment, ParameterSpace) {
        let map = try reader.mapping(node, field, allowed: ["name", "workloads", "options", "objective", "targets", "constraints"])
        let nameNode = try reader.required(map, "name", in: node, field: field)
        let name = try reader.string(nameNode, "\(field).name")
        let entry: EnvironmentEntry
        do { entry = try environments.entry(name) } catch { throw reader.error(nameNode, "\(field).name", String(describing: error)) }
        var workloads: [String?] = [nil]
        if let workloadNode = map["workloads"] {
            workloads = try reader.sequence(workloadNode, "\(field).workloads").enumerated().map { offset, item in
                let workload = try reader.string(item, "\(field).workloads[\(offset)]")
                guard entry.workloads.contains(workload) else {
                    throw reader.error(item, "\(field).workloads[\(offset)]", "unknown workload '\(workload)'; valid workloads: \(entry.workloads.joined(separator: ", "))")
                }
                return workload
            }
        }
        let options = try map["options"].map { try reader.scalarMap($0, "\(field).options") } ?? [:]
        let made: any Environment
        do { made = try entry.make(workload: workloads.first ?? nil, options: options) } catch {
            throw reader.error(map["options"] ?? nameNode, "\(field).options", String(describing: error))
        }
        let preset = try map["objective"].map { try reader.string($0, "\(field).objective") }
        if let preset, entry.objectivePresets[preset] == nil {
            throw reader.error(map["objective"]!, "\(field).objective", "unknown objective preset '\(preset)'; valid presets: \(entry.objectivePresets.keys.sorted().joined(separator: ", "))")
        }
        var targets: [String: Double] = [:]
        if let targetNode = map["targets"] {
            for (metric, text) in try reader.scalarMap(targetNode, "\(field).targets") {
                guard made.metric(named: metric) != nil else {
                    throw reader.error(targetNode, "\(field).targets.\(metric)", "unknown metric; valid metrics: \(made.metrics.map(\.name).joined(separator: ", "))")
                }
                guard let value = Double(text), value.isFinite else { throw reader.error(targetNode, "\(field).targets.\(metric)", "expected a number, found '\(text)'") }
                targets[metric] = value
            }
        }
        var constraints: [Objective.Constraint] = []
        if let constraintNode = map["constraints"] {
            for (offset, item) in try reader.sequence(constraintNode, "\(field).constraints").enumerated() {
                let text = try reader.string(item, "\(field).constraints[\(offset)]")
                guard let constraint = Objective.Constraint(parsing: text) else {
                    throw reader.error(item, "\(field).constraints[\(offset)]", "expected 'metric<=number' or 'metric>=number', found '\(text)'")
                }
                let metric = constraint.metric
                guard made.metric(named: metric) != nil else {
                    throw reader.error(item, "\(field).constraints[\(offset)]", "unknown metric '\(metric)'; valid metrics: \(made.metrics.map(\.name).joined(separator: ", "))")
                }
                constraints.append(constraint)
            }
        }
        return (SweepEnvironment(name: name, workloads: workloads, options: options, objectivePreset: preset, targets: targets,
                                 constraints: constraints), made.parameterSpace)
    }

    private func parseAgent(_ node: Node, field: String, reader: Reader, space: ParameterSpace) throws -> SweepAgent {
        let map = try reader.mapping(node, field, allowed: ["name", "hyperparameters", "grid", "random", "max_settings"])
        let nameNode = try reader.required(map, "name", in: node, field: field)
        let name = try reader.string(nameNode, "\(field).name")
        let entry: AgentEntry
        do { entry = try agents.entry(name) } catch { throw reader.error(nameNode, "\(field).name", String(describing: error)) }
        func check(_ overrides: [String: String], at node: Node, _ path: String) throws {
            do { _ = try entry.make(space: space, overrides: overrides, seed: 0) } catch { throw reader.error(node, path, String(describing: error)) }
        }
        let fixed = try map["hyperparameters"].map { try reader.scalarMap($0, "\(field).hyperparameters") } ?? [:]
        if let fixedNode = map["hyperparameters"] { try check(fixed, at: fixedNode, "\(field).hyperparameters") }
        var grid: [String: [String]] = [:]
        if let gridNode = map["grid"] {
            for (keyNode, valueNode) in try reader.pairs(gridNode, "\(field).grid") {
                let key = try reader.string(keyNode, "\(field).grid")
                let values = try reader.sequence(valueNode, "\(field).grid.\(key)").enumerated().map { offset, item in
                    try reader.scalarText(item, "\(field).grid.\(key)[\(offset)]")
                }
                guard !values.isEmpty else { throw reader.error(valueNode, "\(field).grid.\(key)", "list at least one value") }
                for (offset, value) in values.enumerated() {
                    try check(fixed.merging([key: value]) { $1 }, at: reader.sequence(valueNode, "")[offset], "\(field).grid.\(key)[\(offset)]")
                }
                grid[key] = values
            }
        }
        var samples = 0
        var distributions: [String: Distribution] = [:]
        var samplingSeed: UInt64 = 0
        if let randomNode = map["random"] {
            let random = try reader.mapping(randomNode, "\(field).random", allowed: ["samples", "seed", "distributions"])
            samples = try reader.integer(try reader.required(random, "samples", in: randomNode, field: "\(field).random"), "\(field).random.samples", minimum: 1)
            samplingSeed = UInt64(try random["seed"].map { try reader.integer($0, "\(field).random.seed", minimum: 0) } ?? 0)
            let distributionNode = try reader.required(random, "distributions", in: randomNode, field: "\(field).random")
            for (keyNode, valueNode) in try reader.pairs(distributionNode, "\(field).random.distributions") {
                let key = try reader.string(keyNode, "\(field).random.distributions")
                let path = "\(field).random.distributions.\(key)"
                let distribution = try parseDistribution(valueNode, path, reader: reader)
                for value in distribution.extremes { try check(fixed.merging([key: value]) { $1 }, at: valueNode, path) }
                distributions[key] = distribution
            }
        }
        let maxSettings = try map["max_settings"].map { try reader.integer($0, "\(field).max_settings", minimum: 1) }
        return SweepAgent(name: name, fixed: fixed, grid: grid, samples: samples, distributions: distributions,
                          maxSettings: maxSettings, samplingSeed: samplingSeed)
    }

    private func parseDistribution(_ node: Node, _ path: String, reader: Reader) throws -> Distribution {
        let kinds = ["uniform", "log_uniform", "int_uniform", "choice"]
        let pairs = try reader.pairs(node, path)
        guard pairs.count == 1, let kind = pairs[0].0.string, kinds.contains(kind) else {
            throw reader.error(node, path, "expected one of {uniform: [low, high]}, {log_uniform: [low, high]}, {int_uniform: [low, high]}, {choice: [values...]}")
        }
        let values = try reader.sequence(pairs[0].1, "\(path).\(kind)")
        if kind == "choice" {
            guard !values.isEmpty else { throw reader.error(node, path, "choice needs at least one value") }
            return .choice(try values.enumerated().map { try reader.scalarText($1, "\(path).choice[\($0)]") })
        }
        guard values.count == 2 else { throw reader.error(node, "\(path).\(kind)", "expected [low, high]") }
        if kind == "int_uniform" {
            let low = try reader.integer(values[0], "\(path).int_uniform[0]", minimum: Int.min)
            let high = try reader.integer(values[1], "\(path).int_uniform[1]", minimum: low)
            return .integerUniform(low: low, high: high)
        }
        let low = try reader.number(values[0], "\(path).\(kind)[0]", minimum: kind == "log_uniform" ? .leastNonzeroMagnitude : -.greatestFiniteMagnitude)
        let high = try reader.number(values[1], "\(path).\(kind)[1]", minimum: low)
        return kind == "uniform" ? .uniform(low: low, high: high) : .logUniform(low: low, high: high)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }
}

/// Typed access to YAML nodes with errors that carry the file, line and field.
private struct Reader {
    var file: String

    func error(_ node: Node, _ field: String, _ message: String) -> SweepFileError {
        SweepFileError(file: file, line: node.mark?.line ?? 0, field: field, message: message)
    }

    func pairs(_ node: Node, _ field: String) throws -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, field, "expected a mapping (key: value)") }
        return mapping.map { ($0.key, $0.value) }
    }

    /// A mapping keyed by text; unknown keys are rejected with the allowed ones.
    func mapping(_ node: Node, _ field: String, allowed: [String]) throws -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try pairs(node, field.isEmpty ? "(top level)" : field) {
            let name = try string(key, field)
            guard allowed.contains(name) else {
                throw error(key, field.isEmpty ? name : "\(field).\(name)", "unknown field; allowed: \(allowed.joined(separator: ", "))")
            }
            result[name] = value
        }
        return result
    }

    func required(_ map: [String: Node], _ key: String, in node: Node, field: String = "") throws -> Node {
        guard let value = map[key] else { throw error(node, field.isEmpty ? key : "\(field).\(key)", "missing required field") }
        return value
    }

    func sequence(_ node: Node, _ field: String) throws -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, field, "expected a list") }
        return Array(sequence)
    }

    func string(_ node: Node, _ field: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, field, "expected a text value") }
        return scalar.string
    }

    /// A scalar as text (numbers and booleans as written), for hyperparameter overrides.
    func scalarText(_ node: Node, _ field: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, field, "expected a single value, not a list or mapping") }
        return scalar.string
    }

    func scalarMap(_ node: Node, _ field: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try pairs(node, field) {
            let name = try string(key, field)
            result[name] = try scalarText(value, "\(field).\(name)")
        }
        return result
    }

    func integer(_ node: Node, _ field: String, minimum: Int) throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error(node, field, "expected an integer, found '\(node.string ?? "a list or mapping")'") }
        guard value >= minimum else { throw error(node, field, "must be at least \(minimum), found \(value)") }
        return value
    }

    func number(_ node: Node, _ field: String, minimum: Double) throws -> Double {
        guard case .scalar = node, let value = node.float, value.isFinite else { throw error(node, field, "expected a number, found '\(node.string ?? "a list or mapping")'") }
        guard value >= minimum else { throw error(node, field, "must be at least \(formatNumber(minimum)), found \(formatNumber(value))") }
        return value
    }
}
