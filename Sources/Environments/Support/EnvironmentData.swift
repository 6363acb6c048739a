import Foundation

/// Finds the data an environment reads from `envs/` (workloads, traces, memory specs): in
/// `$DSEGYM_ENVS/<folder>`, then `./envs/<folder>`, then in the checkout the package was built from.
public enum EnvironmentData {
    /// The first candidate folder that holds `marker`, or `nil`.
    public static func directory(_ folder: String, containing marker: String) -> URL? {
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["DSEGYM_ENVS"] {
            candidates.append(URL(fileURLWithPath: root).appendingPathComponent(folder))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("envs/\(folder)"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("envs/\(folder)"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(marker).path) }
    }

    /// The folder, or an error saying where it was looked for.
    public static func require(_ folder: String, containing marker: String, environment: String) throws -> URL {
        guard let url = directory(folder, containing: marker) else {
            throw EnvironmentError.invalidOption(environment: environment, option: "data", value: "envs/\(folder)",
                                                 allowed: "a checkout with envs/\(folder)/ (or set DSEGYM_ENVS to the envs folder)")
        }
        return url
    }
}
