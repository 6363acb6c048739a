import GymCore

/// Decoding of the two hottest messages, a `step` request and its reply, straight from the bytes
/// without building a ``ParsedJSON`` tree (a few times faster: see `dsegym perf wire`).
///
/// Only the usual shape is read here: the fields of a step request (`v`, `id`, `op`, `session`,
/// `design`) or of a successful step reply (`v`, `id`, `ok`, `evaluation`), each at most once,
/// none `null`, with the right types. Anything else (other ops' fields, a repeated key, a `null`,
/// a type error, bad JSON) returns `nil` and the general decoder reads the message, so errors and
/// every other message behave exactly as before. Scalars go through ``JSONReader``'s own scalar
/// parsing and ``FieldReader``'s conversions, so both paths agree on every accepted message.
extension WireRequest {
    static func decodeStep(_ bytes: [UInt8]) -> WireRequest? {
        var reader = JSONReader(bytes: bytes)
        var v: Int?, id: JSONValue?, op: String?, session: String?, design: Design?
        let read = reader.members(once: ["v", "id", "op", "session", "design"]) { reader, key in
            switch key {
            case 0: v = reader.version(); return v != nil
            case 1: id = reader.requestID(); return id != nil
            case 2: op = reader.scalar().flatMap { try? FieldReader.string($0, "op") }; return op != nil
            case 3: session = reader.scalar().flatMap { try? FieldReader.string($0, "session") }; return session != nil
            default: design = reader.design(); return design != nil
            }
        }
        guard read, reader.atEnd(), let v, let op else { return nil }
        var request = WireRequest(v: v, id: 0, op: .ping, session: session, design: design)
        request.id = id
        request.op = op
        return request
    }
}

extension WireReply {
    static func decodeStep(_ bytes: [UInt8]) -> WireReply? {
        var reader = JSONReader(bytes: bytes)
        var v: Int?, id: JSONValue?, ok: Bool?, evaluation: WireEvaluation?
        let read = reader.members(once: ["v", "id", "ok", "evaluation"]) { reader, key in
            switch key {
            case 0: v = reader.version(); return v != nil
            case 1: id = reader.requestID(); return id != nil
            case 2: if case .bool(let flag)? = reader.scalar() { ok = flag }; return ok != nil
            default: evaluation = reader.evaluation(); return evaluation != nil
            }
        }
        guard read, reader.atEnd(), let ok, let evaluation else { return nil }
        var reply = WireReply(id: id, ok: ok)
        reply.v = v ?? WireProtocol.version
        reply.evaluation = evaluation
        return reply
    }
}

extension JSONReader {
    /// Reads the object at the current position, calling `member` for each key with the reader at
    /// the member's value (which `member` must read); `false` on malformed JSON or when `member` is.
    mutating func members(_ member: (inout JSONReader, String) -> Bool) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return true
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = try? string() else { return false }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            skipSpace()
            guard member(&self, key) else { return false }
            skipSpace()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { return false }
            index += 1
            return true
        }
    }

    /// Reads an object whose keys are all in `keys`, each at most once, calling `member` with the key's
    /// index; `false` on an unknown or repeated key, malformed JSON, or when `member` is.
    mutating func members(once keys: [String], _ member: (inout JSONReader, Int) -> Bool) -> Bool {
        var seen: UInt64 = 0   // bit i: keys[i] was read (at most 64 keys)
        return members { reader, key in
            guard let index = keys.firstIndex(of: key), seen & (1 << index) == 0 else { return false }
            seen |= 1 << index
            return member(&reader, index)
        }
    }

    /// The protocol version `v` at the current position (an integer), `nil` otherwise.
    mutating func version() -> Int? { scalar().flatMap { try? FieldReader.integer($0, "v") } }

    /// A request id at the current position (an integer or a string), `nil` otherwise.
    mutating func requestID() -> JSONValue? { scalar().flatMap(JSONReader.id) }

    /// A string, number, boolean or null at the current position; `nil` for anything else.
    mutating func scalar() -> ParsedJSON? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return try? .string(string())
        case UInt8(ascii: "t"): return (try? literal("true")).map { .bool(true) }
        case UInt8(ascii: "f"): return (try? literal("false")).map { .bool(false) }
        case UInt8(ascii: "n"): return (try? literal("null")).map { .null }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try? number()
        default: return nil
        }
    }

    /// Whether only whitespace is left.
    mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// A request or reply id as ``FieldReader/id()`` reads it (a `null` id is left to the general decoder).
    static func id(_ value: ParsedJSON) -> JSONValue? {
        switch value {
        case .number(_, let number): .number(number)
        case .string(let text): .string(text)
        default: nil
        }
    }

    /// A design object of scalar values, as ``FieldReader/design(_:_:)`` reads it.
    mutating func design() -> Design? {
        var design = Design()
        design.values.reserveCapacity(8)
        let read = members { reader, name in
            guard let scalar = reader.scalar(), let value = FieldReader.designValue(scalar) else { return false }
            design[name] = value
            return true
        }
        return read ? design : nil
    }

    /// An evaluation object whose metrics are all numbers, as ``FieldReader/evaluation(_:_:)`` reads it.
    mutating func evaluation() -> WireEvaluation? {
        var metrics: [String: Double]?, feasible: Bool?, reason: String??, reward: Double??, violation: Double?, seconds: Double?
        let read = members { reader, key in
            switch key {
            case "metrics" where metrics == nil:
                var values: [String: Double] = [:]
                values.reserveCapacity(8)
                let read = reader.members { reader, name in
                    guard values[name] == nil, case .number(_, let number)? = reader.scalar() else { return false }
                    values[name] = number
                    return true
                }
                metrics = values
                return read
            case "feasible" where feasible == nil:
                guard case .bool(let flag)? = reader.scalar() else { return false }
                feasible = flag
            case "reason" where reason == nil:
                switch reader.scalar() {
                case .null?: reason = .some(nil)
                case .string(let text)?: reason = .some(text)
                default: return false
                }
            case "reward" where reward == nil:
                switch reader.scalar() {
                case .null?: reward = .some(nil)
                case .number(_, let number)?: reward = .some(number)
                default: return false
                }
            case "violation" where violation == nil:
                guard case .number(_, let number)? = reader.scalar() else { return false }
                violation = number
            case "sim_wall_s" where seconds == nil:
                guard case .number(_, let number)? = reader.scalar() else { return false }
                seconds = number
            default:
                return false
            }
            return true
        }
        guard read, let metrics, let feasible else { return nil }
        return WireEvaluation(metrics: metrics, feasible: feasible, reason: reason ?? nil, reward: reward ?? nil, violation: violation ?? 0, simWallSeconds: seconds ?? 0)
    }
}
