/// The JSON shape of a parameter, shared by `dsegym describe --json`, the wire protocol's `make`
/// reply and the Python client:
/// `{"name": "rows", "kind": "ordinal", "choices": [4, 8]}`, `{"kind": "categorical", "choices": [...]}`,
/// `{"kind": "integer", "low": 0, "high": 7}`, `{"kind": "continuous", "low": 0.5, "high": 2, "log": false}`.
extension Parameter: Codable {
    enum CodingKeys: String, CodingKey { case name, kind, choices, low, high, log, description }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch kind {
        case .categorical(let choices):
            try container.encode("categorical", forKey: .kind)
            try container.encode(choices, forKey: .choices)
        case .integer(let low, let high):
            try container.encode("integer", forKey: .kind)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
        case .ordinal(let choices):
            try container.encode("ordinal", forKey: .kind)
            try container.encode(choices.map { ParameterValue.number($0) }, forKey: .choices)
        case .continuous(let low, let high, let log):
            try container.encode("continuous", forKey: .kind)
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
            try container.encode(log, forKey: .log)
        }
        if !summary.isEmpty { try container.encode(summary, forKey: .description) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let summary = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        let kindName = try container.decode(String.self, forKey: .kind)
        func fail(_ message: String) -> DecodingError {
            .dataCorruptedError(forKey: .kind, in: container, debugDescription: "parameter '\(name)': \(message)")
        }
        let kind: Kind
        switch kindName {
        case "categorical":
            let choices = try container.decode([String].self, forKey: .choices)
            guard !choices.isEmpty, Set(choices).count == choices.count else { throw fail("choices must be distinct and non-empty") }
            kind = .categorical(choices)
        case "integer":
            let low = try container.decode(Int.self, forKey: .low), high = try container.decode(Int.self, forKey: .high)
            guard low <= high else { throw fail("low > high") }
            kind = .integer(low: low, high: high)
        case "ordinal":
            let choices = try container.decode([Double].self, forKey: .choices)
            guard !choices.isEmpty, zip(choices, choices.dropFirst()).allSatisfy({ $0 < $1 }) else { throw fail("ordinal choices must increase") }
            kind = .ordinal(choices)
        case "continuous":
            let low = try container.decode(Double.self, forKey: .low), high = try container.decode(Double.self, forKey: .high)
            let log = try container.decodeIfPresent(Bool.self, forKey: .log) ?? false
            guard low < high, !log || low > 0 else { throw fail("need low < high (and low > 0 on a log scale)") }
            kind = .continuous(low: low, high: high, log: log)
        default:
            throw fail("unknown kind '\(kindName)'; allowed: categorical, integer, ordinal, continuous")
        }
        self.init(name, kind, summary)
    }
}
