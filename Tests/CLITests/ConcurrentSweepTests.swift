import Foundation
import Results
import XCTest

/// Two `dsegym sweep` processes on one file and one store: each run key runs exactly once and the
/// leaderboard counts each once.
final class ConcurrentSweepTests: XCTestCase {
    func testTwoSweepProcessesOnOneStoreRunEachKeyOnce() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            name: shared
            budget: 300
            seeds: 6
            environments: [{name: synthetic, options: {noise: 0.01}}]
            agents:
              - name: random_walk
                grid: {restartProbability: [1, 0.5, 0.2]}
              - name: grid
            """.write(to: directory.appendingPathComponent("shared.yaml"), atomically: true, encoding: .utf8)
        let outputs = (0..<2).map { _ in Pipe() }
        let errorFiles = (0..<2).map { directory.appendingPathComponent("stderr-\($0).txt") }
        let processes = try zip(outputs, errorFiles).map { output, errorFile in
            FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["sweep", "shared.yaml", "--jobs", "2", "--results", "store", "--json"]
            process.currentDirectoryURL = directory
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
            return process
        }
        var executed = 0
        for ((process, output), errorFile) in zip(zip(processes, outputs), errorFiles) {
            let text = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            XCTAssertEqual(process.terminationStatus, 0, String(errors.suffix(500)))
            executed += (try JSONSerialization.jsonObject(with: text) as? [String: Any])?["executed"] as? Int ?? 0
        }
        XCTAssertEqual(executed, 24, "the two processes shared the keys between them")
        let store = try ResultsStore(directory: directory.appendingPathComponent("store"))
        let runs = try store.runs(sweepID: "shared")
        XCTAssertEqual(runs.count, 24, "6 seeds x 4 settings, none twice")
        XCTAssertEqual(Set(runs.compactMap(\.specification.runKey)).count, 24)
        XCTAssertTrue(runs.allSatisfy { $0.status.isComplete && $0.evaluationCount == 300 })

        let again = try CLI.run(["sweep", "shared.yaml", "--results", "store", "--json"], in: directory)
        XCTAssertEqual(again.status, 0, again.standardError)
        let report = try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any]
        XCTAssertEqual(report?["skipped"] as? Int, 24)
        XCTAssertEqual(report?["executed"] as? Int, 0)
        let leaderboard = report?["leaderboard"] as? [[String: Any]] ?? []
        XCTAssertEqual(leaderboard.compactMap { $0["runs"] as? Int }.reduce(0, +), 24)
    }
}
