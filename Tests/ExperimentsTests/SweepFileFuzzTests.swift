import Experiments
import Foundation
import GymCore
import XCTest

/// Sweep files with extreme values in every field: each one parses to a sweep whose size is within
/// the limits, or fails with a `SweepFileError` naming the line and field; nothing crashes or hangs.
final class SweepFileFuzzTests: XCTestCase {
    static let extremes = ["0", "-1", "1", "2", "1e308", "-1e308", ".inf", "-.inf", ".nan", "9223372036854775807",
                           "-9223372036854775808", "18446744073709551616", "1e-320", "0.5", "'x'", "[]", "{}", "null", "1000000"]

    func sweep(_ value: String, at slot: Int) -> String {
        var fields = ["3", "2", "1", "5", "0.5", "4", "2", "7", "0.1", "0.9", "0.2", "20", "0.05"]
        fields[slot] = value
        return """
            name: fuzz
            budget: \(fields[0])
            seeds: \(fields[1])
            batch: \(fields[2])
            timeout_s: \(fields[3])
            environments:
              - name: synthetic
                options: {noise: \(fields[4])}
                targets: {loss: \(fields[12])}
                constraints: ["cost<=\(fields[11])"]
            agents:
              - name: random_walk
                grid: {restartProbability: [\(fields[8]), \(fields[9])]}
                random:
                  samples: \(fields[5])
                  seed: \(fields[6])
                  distributions: {stepSize: {uniform: [\(fields[8]), \(fields[9])]}, mutationRate: {log_uniform: [\(fields[10]), 1]}}
                max_settings: \(fields[7])
              - name: ga
                hyperparameters: {populationSize: \(fields[6]), generations: \(fields[7])}
            """
    }

    func testExtremeValuesInEveryFieldParseWithinLimitsOrFailWithAFileError() throws {
        var accepted = 0, rejected = 0
        for slot in 0..<13 {
            for value in Self.extremes {
                let text = sweep(value, at: slot)
                do {
                    let parsed = try SweepFileParser().parse(text, file: "fuzz.yaml")
                    let settings = parsed.agents.map { $0.keptSettingCount ?? .max }
                    XCTAssertTrue(settings.allSatisfy { $0 <= 1_000_000 }, "slot \(slot) = \(value)")
                    XCTAssertLessThanOrEqual(parsed.seeds.count, 10_000)
                    XCTAssertTrue((1...100_000_000).contains(parsed.budget))
                    if settings.reduce(0, +) * parsed.seeds.count <= 10_000 {
                        XCTAssertEqual(parsed.plan().count, settings.reduce(0, +) * parsed.seeds.count)
                    }
                    accepted += 1
                } catch let error as SweepFileError {
                    XCTAssertTrue(error.description.hasPrefix("fuzz.yaml:"), error.description)
                    XCTAssertLessThan(error.description.count, 2000, "errors do not echo the file")
                    rejected += 1
                }
            }
        }
        XCTAssertGreaterThan(accepted, 13, "the baseline values parse in every slot")
        XCTAssertGreaterThan(rejected, 100)
    }

    func testSubsampledSettingsAreDistinctSeededAndTheSameEveryTime() throws {
        let values = (0..<1000).map(String.init)
        let agent = SweepAgent(name: "random_walk", grid: ["a": values, "b": values, "c": values], maxSettings: 50, samplingSeed: 4)
        XCTAssertEqual(agent.settingCount, 1_000_000_000)
        let settings = agent.settings()
        XCTAssertEqual(settings.count, 50)
        XCTAssertEqual(Set(settings).count, 50)
        XCTAssertEqual(settings, agent.settings())
        var other = agent
        other.samplingSeed = 5
        XCTAssertNotEqual(settings, other.settings())
        let full = SweepAgent(name: "random_walk", grid: ["a": ["1", "2"], "b": ["x", "y", "z"]])
        XCTAssertEqual(full.settings(), [["a": "1", "b": "x"], ["a": "1", "b": "y"], ["a": "1", "b": "z"],
                                         ["a": "2", "b": "x"], ["a": "2", "b": "y"], ["a": "2", "b": "z"]])
    }
}
