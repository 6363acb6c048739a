import Foundation

/// A malformed MAESTRO input file: where (file:line), what was found and what was expected.
///
/// `description` renders as `mapping.m:12: expected ';' after directive 'SpatialMap(1,1) K', found 'TemporalMap'`.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
