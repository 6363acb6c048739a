import Foundation
import GymCore
import Results
import XCTest

final class SweepResumeTests: XCTestCase {
    func testKilledSweepRerunEndsWithExactlyTheRunsOfAnUninterruptedOne() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sweepFile = directory.appendingPathComponent("resume.yaml")
        try """
            name: resume
            budget: 1500
            seeds: [1, 2, 3]
            environments: [{name: synthetic, options: {noise: 0.01}}]
            agents:
              - name: random_walk
                grid: {restartProbability: [1, 0.3]}
              - name: grid
                hyperparameters: {order: strided}
            """.write(to: sweepFile, atomically: true, encoding: .utf8)

        let reference = try CLI.run(["sweep", sweepFile.path, "--jobs", "2", "--results", "reference"], in: directory)
        XCTAssertEqual(reference.status, 0, reference.standardError)

        // Kill the sweep at pseudo-random moments (fixed seed), then let it finish.
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["sweep", sweepFile.path, "--jobs", "2", "--results", "killed"]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.6, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let finish = try CLI.run(["sweep", sweepFile.path, "--jobs", "2", "--results", "killed"], in: directory)
        XCTAssertEqual(finish.status, 0, finish.standardError)

        let expected = try ResultsStore(directory: directory.appendingPathComponent("reference"))
        let resumed = try ResultsStore(directory: directory.appendingPathComponent("killed"))
        let expectedRuns = try expected.runs(sweepID: "resume"), resumedRuns = try resumed.runs(sweepID: "resume")
        XCTAssertEqual(expectedRuns.count, 9)
        XCTAssertEqual(resumedRuns.count, 9, "no run duplicated or missing")
        XCTAssertTrue(resumedRuns.allSatisfy { $0.status.isComplete })
        let byKey = Dictionary(uniqueKeysWithValues: resumedRuns.map { ($0.specification.runKey!, $0) })
        for run in expectedRuns {
            let twin = try XCTUnwrap(byKey[run.specification.runKey!])
            let a = try expected.evaluations(runID: run.id), b = try resumed.evaluations(runID: twin.id)
            XCTAssertEqual(a.map(\.index), b.map(\.index))
            XCTAssertEqual(a.map(\.evaluation.design), b.map(\.evaluation.design))
            XCTAssertEqual(a.map(\.evaluation.metrics), b.map(\.evaluation.metrics))
        }
    }

    func testMalformedSweepFileExitsWithStatusTwoBeforeRunningAnything() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name: x\nbudget: 10\nseeds: 1\nenvironments: [{name: synthetic}]\nagents:\n  - name: random_walk\n    grid: {speed: [1]}\n"
            .write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["sweep", "bad.yaml", "--results", "r"], in: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("bad.yaml:7: agents[0].grid.speed[0]: random_walk: unknown hyperparameter 'speed'"), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("r/dsegym.sqlite").path))
    }
}
