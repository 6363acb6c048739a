/// The error object of a failed reply: `{"code": "unknown_session", "message": "...", "field": "session"}`.
///
/// `code` is one of ``Code``; `field` names the request field at fault (`design.x`, `designs[3].y`) or is null.
///
/// ```swift
/// let error = WireError(.unknownOp, "unknown op 'jump'", field: "op")
/// ```
public struct WireError: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    /// Machine-readable error codes of protocol v1.
    public enum Code: String, Sendable, Codable {
        case badJSON = "bad_json"
        case badRequest = "bad_request"
        case badFrames = "bad_frames"
        case tooLarge = "too_large"
        case unsupportedVersion = "unsupported_version"
        case unknownOp = "unknown_op"
        case unknownEnvironment = "unknown_environment"
        case invalidOption = "invalid_option"
        case unknownSession = "unknown_session"
        case invalidDesign = "invalid_design"
        case tooManySessions = "too_many_sessions"
        case unavailable = "unavailable"
        case busy = "busy"
        case deadlineExceeded = "deadline_exceeded"
        case `internal` = "internal"
    }

    public var code: String
    public var message: String
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code.rawValue
        self.message = message
        self.field = field
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(field, forKey: .field)
    }

    enum CodingKeys: String, CodingKey { case code, message, field }

    public var description: String { "\(code): \(message)" + (field.map { " (field \($0))" } ?? "") }
}
