import GymCore

/// A parsed JSON value that keeps numbers' text, so integers (seeds up to 2^64 - 1) stay exact.
///
/// An object keeps its members in an array, not a dictionary: protocol objects have a handful of
/// keys, where a linear scan beats hashing, and a step's round trip parses five objects.
enum ParsedJSON {
    case null
    case bool(Bool)
    case number(text: String, value: Double)
    case string(String)
    case array([ParsedJSON])
    case object([JSONMember])

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension ParsedJSON {
    /// The same value as a ``JSONValue`` (for fields passed on as data, e.g. `make`'s objective).
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(_, let value): .number(value)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.jsonValue))
        case .object(let members): .object(Dictionary(members.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { $1 }))
        }
    }
}

/// One member of a parsed JSON object. Keys are unique within an object (a repeated key keeps its
/// last value, as a dictionary would).
struct JSONMember {
    var key: String
    var value: ParsedJSON
}

extension Array where Element == JSONMember {
    /// The value of `key`, if the object has it.
    subscript(_ key: String) -> ParsedJSON? {
        for member in self where member.key == key { return member.value }
        return nil
    }
}

/// A small, strict JSON parser for the hot path (Foundation's decoder costs tens of microseconds per
/// message). Rejects NaN/Infinity literals, trailing text and nesting deeper than 64 levels.
struct JSONReader {
    struct Failure: Error {}

    let bytes: [UInt8]
    var index = 0

    static func parse(_ bytes: [UInt8]) throws(Failure) -> ParsedJSON {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw Failure() }
        return value
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    mutating func literal(_ text: StaticString) throws(Failure) {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Failure() }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { throw Failure() }
        index += count
    }

    private mutating func value(depth: Int) throws(Failure) -> ParsedJSON {
        guard depth < 64 else { throw Failure() }
        skipSpace()
        guard index < bytes.count else { throw Failure() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [JSONMember] = []
            members.reserveCapacity(8)
            var positions: [String: Int] = [:]  // only for large objects, so repeated keys stay cheap to find
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure() }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure() }
                index += 1
                let member = JSONMember(key: key, value: try value(depth: depth + 1))
                if members.count < 16 {
                    if let existing = members.firstIndex(where: { $0.key == key }) { members[existing] = member } else { members.append(member) }
                } else {
                    if positions.isEmpty { for (position, earlier) in members.enumerated() { positions[earlier.key] = position } }
                    if let existing = positions[key] { members[existing] = member } else {
                        positions[key] = members.count
                        members.append(member)
                    }
                }
                skipSpace()
                guard index < bytes.count else { throw Failure() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw Failure() }
                index += 1
                return .object(members)
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [ParsedJSON] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw Failure() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw Failure() }
                index += 1
                return .array(items)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    mutating func number() throws(Failure) -> ParsedJSON {
        let start = index
        func digits(_ reader: inout JSONReader) -> Int {
            let begin = reader.index
            while reader.index < reader.bytes.count, reader.bytes[reader.index] >= 0x30, reader.bytes[reader.index] <= 0x39 { reader.index += 1 }
            return reader.index - begin
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerDigits = digits(&self)
        guard integerDigits > 0, !(integerDigits > 1 && bytes[index - integerDigits] == 0x30) else { throw Failure() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw Failure() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw Failure() }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if index - start <= 15, !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
           let integer = Int(text)
        {
            return .number(text: text, value: Double(integer))  // exact: fewer than 16 digits; skips strtod
        }
        guard let value = Double(text), value.isFinite else { throw Failure() }
        return .number(text: text, value: value)
    }

    mutating func string() throws(Failure) -> String {
        index += 1  // opening quote
        let start = index
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if plain {
                    index += 1
                    return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
                }
                break
            }
            if byte < 0x20 { throw Failure() }
            if byte == UInt8(ascii: "\\") { plain = false; break }
            index += 1
        }
        guard index < bytes.count else { throw Failure() }
        // Slow path: escapes.
        var scalars: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if byte < 0x20 { throw Failure() }
            if byte != UInt8(ascii: "\\") { scalars.append(byte); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw Failure() }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Failure() }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw Failure() }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw Failure()
            }
        }
        throw Failure()
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Failure() }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Failure()
            }
            code = code << 4 | digit
            index += 1
        }
        return code
    }
}
