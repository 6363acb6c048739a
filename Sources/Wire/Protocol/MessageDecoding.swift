import Foundation
import GymCore

/// Decoding requests and replies with ``JSONReader`` (the hot path), with errors naming the field.
extension WireRequest {
    /// Parses a request; errors are the protocol's (`bad_json`, `bad_request` with the field).
    public init(jsonBytes: [UInt8]) throws(WireError) {
        if let request = Self.decodeStep(jsonBytes) {
            self = request
            return
        }
        try self.init(parsing: jsonBytes)
    }

    /// The general decoder (through a ``ParsedJSON`` tree), for every request and every error.
    init(parsing jsonBytes: [UInt8]) throws(WireError) {
        let parsed: ParsedJSON
        do { parsed = try JSONReader.parse(jsonBytes) } catch { throw WireError(.badJSON, "not valid JSON (or not UTF-8)") }
        guard case .object(let members) = parsed else { throw WireError(.badRequest, "a request must be a JSON object") }
        let reader = FieldReader(members: members, prefix: "")
        self.id = try reader.id()
        do {
            self.v = try reader.required("v") { value throws(WireError) in try FieldReader.integer(value, "v") }
            self.op = try reader.required("op") { value throws(WireError) in try FieldReader.string(value, "op") }
            self.env = try reader.optional("env") { value throws(WireError) in try FieldReader.string(value, "env") }
            self.workload = try reader.optional("workload") { value throws(WireError) in try FieldReader.string(value, "workload") }
            self.options = try reader.optional("options") { value throws(WireError) in
                guard case .object(let options) = value else { throw FieldReader.wrongType("options") }
                var result: [String: String] = [:]
                for option in options { result[option.key] = try FieldReader.string(option.value, "options.\(option.key)") }
                return result
            }
            self.objective = try reader.optional("objective") { value throws(WireError) in
                switch value {
                case .string, .object: return value.jsonValue
                default: throw FieldReader.wrongType("objective")
                }
            }
            self.session = try reader.optional("session") { value throws(WireError) in try FieldReader.string(value, "session") }
            self.seed = try reader.optional("seed") { value throws(WireError) in
                guard case .number(let text, _) = value, let seed = UInt64(text) else { throw FieldReader.wrongType("seed") }
                return seed
            }
            self.design = try reader.optional("design") { value throws(WireError) in try FieldReader.design(value, "design") }
            self.designs = try reader.optional("designs") { value throws(WireError) in
                guard case .array(let items) = value else { throw FieldReader.wrongType("designs") }
                var designs: [Design] = []
                for (index, item) in items.enumerated() { designs.append(try FieldReader.design(item, "designs[\(index)]")) }
                return designs
            }
            self.run = try reader.optional("run") { value throws(WireError) in
                guard case .object = value else { throw FieldReader.wrongType("run") }
                return value.jsonValue
            }
        }
    }
}

extension WireReply {
    /// Parses a reply (the client's hot path; a `make` reply's space goes through `JSONDecoder`).
    public init(jsonBytes: [UInt8]) throws {
        if let reply = Self.decodeStep(jsonBytes) {
            self = reply
            return
        }
        try self.init(parsing: jsonBytes)
    }

    /// The general decoder (through a ``ParsedJSON`` tree), for every reply and every error.
    init(parsing jsonBytes: [UInt8]) throws {
        guard case .object(let members) = try JSONReader.parse(jsonBytes) else { throw WireError(.badRequest, "a reply must be a JSON object") }
        if members["space"] != nil {
            self = try JSONDecoder().decode(WireReply.self, from: Data(jsonBytes))
            return
        }
        let reader = FieldReader(members: members, prefix: "")
        self.init(id: try reader.id(), ok: try reader.required("ok") { value throws(WireError) in
            guard case .bool(let flag) = value else { throw FieldReader.wrongType("ok") }
            return flag
        })
        self.v = try reader.optional("v") { value throws(WireError) in try FieldReader.integer(value, "v") } ?? WireProtocol.version
        self.error = try reader.optional("error") { value throws(WireError) in
            guard case .object(let fields) = value else { throw FieldReader.wrongType("error") }
            let error = FieldReader(members: fields, prefix: "error.")
            var result = WireError(.internal, "")
            result.code = try error.required("code") { value throws(WireError) in try FieldReader.string(value, "error.code") }
            result.message = try error.optional("message") { value throws(WireError) in try FieldReader.string(value, "error.message") } ?? ""
            result.field = try error.optional("field") { value throws(WireError) in try FieldReader.string(value, "error.field") }
            return result
        }
        self.versions = try reader.optional("versions") { value throws(WireError) in
            guard case .array(let items) = value else { throw FieldReader.wrongType("versions") }
            var versions: [Int] = []
            for item in items { versions.append(try FieldReader.integer(item, "versions")) }
            return versions
        }
        self.environments = try reader.optional("environments") { value throws(WireError) in
            guard case .array(let items) = value else { throw FieldReader.wrongType("environments") }
            var names: [String] = []
            for item in items { names.append(try FieldReader.string(item, "environments")) }
            return names
        }
        self.session = try reader.optional("session") { value throws(WireError) in try FieldReader.string(value, "session") }
        self.runID = try reader.optional("run_id") { value throws(WireError) in try FieldReader.integer(value, "run_id") }
        self.evaluation = try reader.optional("evaluation") { value throws(WireError) in try FieldReader.evaluation(value, "evaluation") }
        self.evaluations = try reader.optional("evaluations") { value throws(WireError) in
            guard case .array(let items) = value else { throw FieldReader.wrongType("evaluations") }
            var evaluations: [WireEvaluation] = []
            for (index, item) in items.enumerated() { evaluations.append(try FieldReader.evaluation(item, "evaluations[\(index)]")) }
            return evaluations
        }
    }
}

/// Typed access to a parsed object's fields; errors are `bad_request` naming the field.
struct FieldReader {
    /// Largest numeric id magnitude: 2^53, the last integer a double holds exactly.
    static let largestExactID = 9_007_199_254_740_992.0

    /// Whether a numeric id's text is an integer (no fraction or exponent) within ±2^53, so the
    /// double it is read into echoes it exactly.
    static func isExactID(_ text: String) -> Bool {
        guard let value = Int64(text) else { return false }
        return value.magnitude <= UInt64(largestExactID)
    }
    let members: [JSONMember]
    let prefix: String

    func id() throws(WireError) -> JSONValue? {
        switch members["id"] {
        case nil, .null?: return nil
        case .number(let text, let value)?:
            guard Self.isExactID(text) else {
                throw WireError(.badRequest, "a numeric id must be an integer within ±\(Int64(Self.largestExactID)) (exact in a double); use a string id for others", field: "id")
            }
            return .number(value)
        case .string(let text)?: return .string(text)
        default: throw Self.wrongType("id")
        }
    }

    func required<T>(_ name: String, _ convert: (ParsedJSON) throws(WireError) -> T) throws(WireError) -> T {
        guard let value = members[name], !value.isNull else {
            throw WireError(.badRequest, "missing field '\(prefix)\(name)'", field: prefix + name)
        }
        return try convert(value)
    }

    func optional<T>(_ name: String, _ convert: (ParsedJSON) throws(WireError) -> T) throws(WireError) -> T? {
        guard let value = members[name], !value.isNull else { return nil }
        return try convert(value)
    }

    static func wrongType(_ field: String) -> WireError { WireError(.badRequest, "wrong type for field '\(field)'", field: field) }

    static func string(_ value: ParsedJSON, _ field: String) throws(WireError) -> String {
        guard case .string(let text) = value else { throw wrongType(field) }
        return text
    }

    static func integer(_ value: ParsedJSON, _ field: String) throws(WireError) -> Int {
        guard case .number(let text, let number) = value else { throw wrongType(field) }
        if let integer = Int(text) { return integer }
        guard number.rounded() == number, abs(number) < 9e18 else { throw wrongType(field) }
        return Int(number)
    }

    static func number(_ value: ParsedJSON, _ field: String) throws(WireError) -> Double {
        guard case .number(_, let number) = value else { throw wrongType(field) }
        return number
    }

    static func design(_ value: ParsedJSON, _ field: String) throws(WireError) -> Design {
        guard case .object(let members) = value else { throw wrongType(field) }
        var design = Design()
        design.values.reserveCapacity(members.count)
        for member in members {
            guard let value = designValue(member.value) else { throw wrongType("\(field).\(member.key)") }
            design[member.key] = value
        }
        return design
    }

    /// A design's value: a string is a choice's name, an integral number an integer; `nil` for other kinds.
    static func designValue(_ value: ParsedJSON) -> ParameterValue? {
        switch value {
        case .string(let choice): return .choice(choice)
        case .number(let text, let number):
            if let integer = Int(text) { return .integer(integer) }
            if number.rounded() == number, abs(number) < 9e18 { return .integer(Int(number)) }
            return .number(number)
        default: return nil
        }
    }

    static func evaluation(_ value: ParsedJSON, _ field: String) throws(WireError) -> WireEvaluation {
        guard case .object(let members) = value else { throw wrongType(field) }
        let reader = FieldReader(members: members, prefix: field + ".")
        let metrics = try reader.required("metrics") { value throws(WireError) in
            guard case .object(let entries) = value else { throw wrongType("\(field).metrics") }
            var metrics: [String: Double] = [:]
            for entry in entries where !entry.value.isNull { metrics[entry.key] = try number(entry.value, "\(field).metrics.\(entry.key)") }
            return metrics
        }
        let feasible = try reader.required("feasible") { value throws(WireError) in
            guard case .bool(let flag) = value else { throw wrongType("\(field).feasible") }
            return flag
        }
        let reason = try reader.optional("reason") { value throws(WireError) in try string(value, "\(field).reason") }
        let reward = try reader.optional("reward") { value throws(WireError) in try number(value, "\(field).reward") }
        let violation = try reader.optional("violation") { value throws(WireError) in try number(value, "\(field).violation") } ?? 0
        let seconds = try reader.optional("sim_wall_s") { value throws(WireError) in try number(value, "\(field).sim_wall_s") } ?? 0
        var evaluation = WireEvaluation(metrics: metrics, feasible: feasible, reason: reason, reward: reward, violation: violation,
                                        simWallSeconds: seconds)
        if feasible, let missing = members["metrics"].flatMap({ entries -> String? in
            if case .object(let entries) = entries { return entries.filter(\.value.isNull).map(\.key).min() }
            return nil
        }) {
            evaluation.feasible = false
            evaluation.reason = "metric '\(missing)' is null"
        }
        return evaluation
    }
}
