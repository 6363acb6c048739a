/// A design space: an ordered list of named parameters, optionally with a default design.
///
/// The space validates designs (each error names the parameter and its allowed values) and encodes
/// them for agents: an index vector, a normalized `[0, 1]` vector, or a one-hot vector.
///
/// ```swift
/// let space = ParameterSpace([
///     Parameter("dataflow", .categorical(["os", "ws", "is"])),
///     Parameter("rows", .ordinal([8, 16, 32])),
/// ], defaults: ["dataflow": "os", "rows": 16])
/// let design = try space.validate(["rows": 32], fillingDefaults: true)   // dataflow = os
/// let x = space.normalized(design)                                        // [0.0, 1.0]
/// ```
public struct ParameterSpace: Sendable, Hashable {
    public let parameters: [Parameter]
    /// A complete valid design used to fill unspecified parameters (`dsegym eval`), if any.
    public let defaults: Design?
    private let indexByName: [String: Int]

    /// A space of `parameters` (names unique) with `defaults` (a valid design) when given; data from
    /// outside (a server's `make` reply) is checked with ``problem(parameters:defaults:)`` first.
    public init(_ parameters: [Parameter], defaults: Design? = nil) {
        if let problem = Self.problem(parameters: parameters, defaults: defaults) { preconditionFailure(problem) }
        self.parameters = parameters
        self.indexByName = Dictionary(uniqueKeysWithValues: parameters.enumerated().map { ($1.name, $0) })
        self.defaults = defaults
    }

    /// Why `parameters` and `defaults` do not make a space (no parameters, a repeated name, defaults
    /// that are not a valid design), or `nil` when they do.
    public static func problem(parameters: [Parameter], defaults: Design?) -> String? {
        guard !parameters.isEmpty else { return "a design space needs at least one parameter" }
        var indexByName: [String: Int] = [:]
        for (index, parameter) in parameters.enumerated() {
            guard indexByName.updateValue(index, forKey: parameter.name) == nil else { return "parameter '\(parameter.name)' is listed twice" }
        }
        if let defaults {
            do { _ = try check(defaults, parameters, indexByName) } catch { return "the defaults are not a valid design: \(error)" }
        }
        return nil
    }

    public var names: [String] { parameters.map(\.name) }
    /// Each parameter as `name: allowed values`, in order: two spaces with equal domains accept the
    /// same designs (used to check that a saved policy fits a space).
    public var domains: [String] { parameters.map { "\($0.name): \($0.allowedValues)" } }

    public func parameter(named name: String) throws(ParameterError) -> Parameter {
        guard let index = indexByName[name] else { throw .unknownParameter(name: name, known: names) }
        return parameters[index]
    }

    /// Number of designs, or `nil` if a parameter is continuous. Saturates at `Int.max`.
    public var cardinality: Int? {
        var total = 1
        for parameter in parameters {
            guard let count = parameter.cardinality else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: count)
            total = overflow ? Int.max : product
        }
        return total
    }

    /// Checks every value, rejects unknown names, and returns the design in canonical form.
    /// With `fillingDefaults`, missing parameters take their default value.
    public func validate(_ design: Design, fillingDefaults: Bool = false) throws(ParameterError) -> Design {
        var complete = design
        if fillingDefaults, let defaults {
            for (name, value) in defaults.values where complete[name] == nil { complete[name] = value }
        }
        return try Self.check(complete, parameters, indexByName)
    }

    private static func check(_ design: Design, _ parameters: [Parameter], _ indexByName: [String: Int]) throws(ParameterError) -> Design {
        // The first unknown name in sorted order, but sort only when there is one (steps are hot).
        if design.values.keys.contains(where: { indexByName[$0] == nil }),
           let name = design.values.keys.sorted().first(where: { indexByName[$0] == nil })
        {
            throw .unknownParameter(name: name, known: parameters.map(\.name))
        }
        var canonical = Design()
        canonical.values.reserveCapacity(parameters.count)
        for parameter in parameters {
            guard let value = design[parameter.name] else { throw .missingParameter(name: parameter.name) }
            canonical[parameter.name] = try parameter.validate(value)
        }
        return canonical
    }

    /// Parses `name=value` assignments typed by a person into a design (not yet complete).
    public func parseAssignments(_ assignments: [String]) throws(ParameterError) -> Design {
        var design = Design()
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw .invalidValue(parameter: assignment, value: "", allowed: "name=value with name one of \(names.joined(separator: ", "))")
            }
            let name = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
            let parameter = try parameter(named: name)
            design[name] = try parameter.parse(String(assignment[assignment.index(after: equals)...]))
        }
        return design
    }

    /// A uniformly random design.
    public func randomDesign(using generator: inout some RandomNumberGenerator) -> Design {
        var design = Design()
        for parameter in parameters { design[parameter.name] = parameter.randomValue(using: &generator) }
        return design
    }
}

import Foundation
