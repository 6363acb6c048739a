import Foundation

/// A trained policy that saves as JSON (keys sorted, so equal snapshots give equal bytes) and loads back.
public protocol JSONSnapshot: Codable {}

extension JSONSnapshot {
    public init(jsonData: Data) throws { self = try JSONDecoder().decode(Self.self, from: jsonData) }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
