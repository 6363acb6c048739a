import Foundation

/// `dsegym serve ARGUMENTS...` started as a child process of this very executable, for measuring the
/// wire between two processes. Stops with SIGINT (as a user's Ctrl-C would) and checks the exit status.
///
/// ```swift
/// let child = try ChildServer(["--raw-echo"])
/// print(child.endpoint)        // tcp://127.0.0.1:40123
/// try child.stop()
/// ```
final class ChildServer {
    let endpoint: String
    private let process = Process()

    init(_ arguments: [String]) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--bind", "tcp://127.0.0.1:*"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where the child listens: "dsegym serve: listening on tcp://127.0.0.1:PORT (...)".
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let endpoint = text.components(separatedBy: " on ").dropFirst().first?.split(separator: " ").first.map(String.init),
              endpoint.hasPrefix("tcp://")
        else {
            process.terminate()
            throw InputError("dsegym serve \(arguments.joined(separator: " ")) did not start (said: \(text.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        self.endpoint = endpoint.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends SIGINT and waits for a clean exit.
    func stop() throws {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError("dsegym serve exited with status \(process.terminationStatus) on SIGINT")
        }
    }

    deinit { if process.isRunning { process.terminate() } }

    /// This executable (the child runs the same build).
    static var executable: URL {
        if let url = Bundle.main.executableURL, FileManager.default.isExecutableFile(atPath: url.path) { return url }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }
}
