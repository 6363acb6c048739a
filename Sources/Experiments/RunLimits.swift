import GymCore

/// The ranges of the numbers that size a run or a sweep, shared by the CLI and sweep files (see
/// `docs/limits.md`): each bounds memory or time a typo could otherwise make enormous.
public enum RunLimits {
    /// Evaluations per run.
    public static let budget = 1...100_000_000
    /// Designs proposed and evaluated together per round.
    public static let batch = 1...100_000
    /// Seeds of a comparison or sweep (`--seeds N`, `seeds: N` or a list).
    public static let seeds = 1...10_000
    /// Runs or evaluations executed at once.
    public static let jobs = 1...1024
    /// Runs one sweep file may expand to (after `max_settings`).
    public static let sweepRuns = 1...1_000_000
    /// Hyperparameter settings per agent before `max_settings` subsamples them.
    public static let settingsBeforeSubsampling = 1...Int(Int32.max)
    /// Seconds a remote step may take.
    public static let remoteTimeoutSeconds = 0.001...86_400.0

    /// `nil` when `value` is within `range`, else the one-line complaint naming `field`.
    public static func problem(_ field: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
        range.contains(value) ? nil : "\(field) must be in \(range.lowerBound)...\(range.upperBound), found \(value)"
    }

    /// `nil` when `value` is finite and within `range`, else the one-line complaint naming `field`.
    public static func problem(_ field: String, _ value: Double, _ range: ClosedRange<Double>) -> String? {
        value.isFinite && range.contains(value) ? nil : "\(field) must be in \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound)), found \(formatNumber(value))"
    }
}
