import GymCore

/// An environment with extra data for `dsegym describe --json` (the `details` field).
public protocol DescribesDetails {
    /// Extra, environment-specific description data.
    var details: JSONValue { get }
}
