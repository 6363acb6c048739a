import Foundation

/// `dsegym sweep FILE --ray ADDRESS`: hands the sweep to the Python driver `dsegym.ray` (the Ray
/// client is Python only), passing this executable so the driver commits results with the same
/// `dsegym`. The interpreter is `$DSEGYM_PYTHON`, else `python3` on the PATH; it needs the `dsegym`
/// package and `ray` (`pip install ./agents/python ray`).
struct RayHandover {
    var sweepFile: String
    var address: String
    var results: String
    var json: Bool

    /// Runs the driver with this process's standard streams; returns its exit status.
    func run() throws -> Int32 {
        let python = ProcessInfo.processInfo.environment["DSEGYM_PYTHON"] ?? "python3"
        guard try launch(python, ["-c", "import dsegym.ray, ray"], quiet: true) == 0 else {
            throw InputError("--ray: \(python) cannot import dsegym.ray and ray; install them with "
                + "`\(python) -m pip install ./agents/python ray` (or set DSEGYM_PYTHON to an interpreter that has them)")
        }
        let binary = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var arguments = ["-m", "dsegym.ray", "sweep", sweepFile, "--address", address, "--results", results, "--dsegym-bin", binary]
        if json { arguments.append("--json") }
        return try launch(python, arguments, quiet: false)
    }

    private func launch(_ python: String, _ arguments: [String], quiet: Bool) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            throw InputError("--ray: cannot start \(python): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
