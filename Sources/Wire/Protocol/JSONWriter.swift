import Foundation
import GymCore

/// A hand-written JSON writer for the hot path (step requests and replies): Foundation's encoders
/// cost tens of microseconds per message. Writes only finite numbers (callers sanitize first).
struct JSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number: integral values without a fractional part; `null` for a non-finite one.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("null") }
        if value.rounded() == value, abs(value) <= FieldReader.largestExactID {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// `[item, item, ...]`, each written by `element`.
    mutating func array<Element>(_ items: [Element], _ element: (inout JSONWriter, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items):
            array(items) { $0.value($1) }
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                self.value(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func design(_ design: Design) {
        bytes.append(UInt8(ascii: "{"))
        for (index, name) in design.values.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(name)
            bytes.append(UInt8(ascii: ":"))
            switch design.values[name]! {
            case .choice(let choice): string(choice)
            case .integer(let integer): self.integer(integer)
            case .number(let number): self.number(number)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func evaluation(_ evaluation: WireEvaluation) {
        raw("{\"metrics\":{")
        for (index, name) in evaluation.metrics.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(name)
            bytes.append(UInt8(ascii: ":"))
            number(evaluation.metrics[name]!)
        }
        raw("},\"feasible\":")
        bool(evaluation.feasible)
        raw(",\"reason\":")
        optionalString(evaluation.reason)
        raw(",\"reward\":")
        if let reward = evaluation.reward { number(reward) } else { raw("null") }
        raw(",\"violation\":")
        number(evaluation.violation)
        raw(",\"sim_wall_s\":")
        number(evaluation.simWallSeconds)
        bytes.append(UInt8(ascii: "}"))
    }
}

extension WireRequest {
    /// The request as compact JSON text (hand-written: the client's hot path).
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"v\":")
        writer.integer(v)
        if let id { writer.raw(",\"id\":"); writer.value(id) }
        writer.raw(",\"op\":")
        writer.string(op)
        if let env { writer.raw(",\"env\":"); writer.string(env) }
        if let workload { writer.raw(",\"workload\":"); writer.string(workload) }
        if let options { writer.raw(",\"options\":"); writer.value(.object(options.mapValues(JSONValue.string))) }
        if let objective { writer.raw(",\"objective\":"); writer.value(objective) }
        if let session { writer.raw(",\"session\":"); writer.string(session) }
        if let seed { writer.raw(",\"seed\":"); writer.bytes.append(contentsOf: String(seed).utf8) }
        if let design { writer.raw(",\"design\":"); writer.design(design) }
        if let designs { writer.raw(",\"designs\":"); writer.array(designs) { $0.design($1) } }
        if let run { writer.raw(",\"run\":"); writer.value(run) }
        writer.bytes.append(UInt8(ascii: "}"))
        return writer.bytes
    }
}

extension WireReply {
    /// The reply as compact JSON text; hand-written except for the `make` reply's space.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"v\":")
        writer.integer(v)
        if let id { writer.raw(",\"id\":"); writer.value(id) }
        writer.raw(",\"ok\":")
        writer.bool(ok)
        if let error {
            writer.raw(",\"error\":{\"code\":")
            writer.string(error.code)
            writer.raw(",\"message\":")
            writer.string(error.message)
            writer.raw(",\"field\":")
            writer.optionalString(error.field)
            writer.bytes.append(UInt8(ascii: "}"))
        }
        if let versions { writer.raw(",\"versions\":"); writer.value(.array(versions.map { .number(Double($0)) })) }
        if let environments { writer.raw(",\"environments\":"); writer.value(.array(environments.map(JSONValue.string))) }
        if let session { writer.raw(",\"session\":"); writer.string(session) }
        if let runID { writer.raw(",\"run_id\":"); writer.integer(runID) }
        if let space {
            writer.raw(",\"space\":")
            guard let data = try? JSONEncoder().encode(space) else { return [] }
            writer.bytes.append(contentsOf: data)
        }
        if let evaluation { writer.raw(",\"evaluation\":"); writer.evaluation(evaluation) }
        if let evaluations { writer.raw(",\"evaluations\":"); writer.array(evaluations) { $0.evaluation($1) } }
        writer.bytes.append(UInt8(ascii: "}"))
        return writer.bytes
    }
}
