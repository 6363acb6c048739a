import Foundation
import GymCore
import XCTest

/// `dsegym faults measure`, `describe npu-fault --json` and `eval npu-fault --json`, run as a user would.
final class FaultsCLITests: XCTestCase {
    var directory: URL!
    let blocks = ["mac_array", "weight_decoder", "input_registers", "output_registers", "shared_buffer",
                  "dma_load", "dma_store", "control", "output_unit"]

    override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testFaultsMeasureJSONListsEveryBlockWithItsAVFInsideItsInterval() throws {
        let result = try CLI.run(["faults", "measure", "--config", "u55-32", "--workload", "fc", "--seed", "2",
                                  "--injections", "300", "--out", "tables", "--json"], in: directory)
        XCTAssertEqual(result.status, 0, result.standardError)
        let tables = try XCTUnwrap(JSONDecoder().decode(JSONValue.self, from: Data(result.standardOutput.utf8)).elements)
        XCTAssertEqual(tables.count, 1)
        XCTAssertEqual(tables[0]["workload"], .string("fc"))
        let written = directory.appendingPathComponent("tables/u55-32_fc_s2_n300.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: written.path))
        let rows = try XCTUnwrap(tables[0]["blocks"]?.elements)
        XCTAssertEqual(rows.compactMap { $0["block"]?.string }, blocks)
        for row in rows {
            let name = row["block"]?.string ?? "?"
            let avf = try XCTUnwrap(row["avf"]?.number), low = try XCTUnwrap(row["avf_low"]?.number), high = try XCTUnwrap(row["avf_high"]?.number)
            XCTAssertTrue((0...1).contains(avf), name)
            XCTAssertTrue(0 <= low && low <= avf && avf <= high && high <= 1, "\(name): \(low) ≤ \(avf) ≤ \(high)")
            XCTAssertLessThan(low, high, name)   // every interval has a width, even at AVF 0 or 1
            XCTAssertEqual(row["injections"]?.number, 300)
            XCTAssertEqual(try XCTUnwrap(row["sdc_fraction"]?.number) + XCTUnwrap(row["detected_fraction"]?.number), avf, accuracy: 1e-12)
        }
        // The text table names every block with "AVF x ± m".
        let text = try CLI.run(["faults", "measure", "--workload", "fc", "--injections", "100", "--out", "tables"], in: directory)
        XCTAssertEqual(text.status, 0, text.standardError)
        for block in blocks { XCTAssertTrue(text.standardOutput.contains("  \(block) "), block) }
        XCTAssertEqual(text.standardOutput.components(separatedBy: " ± ").count - 1, blocks.count)
    }

    func testFaultsMeasureBadArgumentsExitTwoNamingTheAllowedValues() throws {
        let cases: [([String], String)] = [
            (["--config", "u55-99"], "error: unknown configuration 'u55-99'; valid: u55-32, u55-64, u55-128, u55-256"),
            (["--workload", "resnet"], "error: unknown workload 'resnet'; valid: conv, depthwise, fc"),
            (["--injections", "0"], "error: --injections 0: the value must be an integer > 0"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["faults", "measure", "--out", "tables"] + arguments, in: directory)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.standardError.trimmingCharacters(in: .whitespacesAndNewlines), message)
            XCTAssertEqual(result.standardOutput, "")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("tables").path), "nothing written")
    }

    func testEvalMetricsEqualTheFormulasAppliedToDescribeDetails() throws {
        let describe = try CLI.run(["describe", "npu-fault", "--json"], in: directory)
        XCTAssertEqual(describe.status, 0, describe.standardError)
        let details = try XCTUnwrap(JSONDecoder().decode(JSONValue.self, from: Data(describe.standardOutput.utf8))["details"])
        let rows = try XCTUnwrap(details["blocks"]?.elements)
        XCTAssertEqual(rows.compactMap { $0["block"]?.string }, blocks)
        var options: [String: (c: Double, r: Double, l: Double, area: Double)] = [:]
        for option in try XCTUnwrap(details["protection_options"]?.elements) {
            options[try XCTUnwrap(option["option"]?.string)] = try (XCTUnwrap(option["diagnostic_coverage"]?.number), XCTUnwrap(option["rate_reduction"]?.number),
                                                                   XCTUnwrap(option["latent_coverage"]?.number), XCTUnwrap(option["area_cost_pct_of_block"]?.number))
        }
        XCTAssertEqual(Set(options.keys), ["none", "parity", "secded", "hardened", "duplication"])
        var shares = 0.0
        for row in rows {
            let name = row["block"]?.string ?? "?"
            let flops = try XCTUnwrap(row["flop_bits"]?.number), sram = try XCTUnwrap(row["sram_bits"]?.number)
            XCTAssertGreaterThan(flops + sram, 0, name)
            XCTAssertTrue(flops == 0 || sram == 0, name)
            let avf = try XCTUnwrap(row["avf"]?.number), margin = try XCTUnwrap(row["avf_margin"]?.number)
            XCTAssertTrue((0...1).contains(avf) && margin > 0, name)
            XCTAssertGreaterThan(try XCTUnwrap(row["raw_fit"]?.number), 0, name)
            shares += try XCTUnwrap(row["area_share_pct"]?.number)
        }
        XCTAssertEqual(shares, 100, accuracy: 1e-9)

        let choice = ["shared_buffer": "parity", "mac_array": "duplication", "control": "hardened", "output_unit": "duplication", "dma_store": "duplication"]
        let eval = try CLI.run(["eval", "npu-fault", "--json"] + choice.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }, in: directory)
        XCTAssertEqual(eval.status, 0, eval.standardError)
        let metrics = try XCTUnwrap(JSONDecoder().decode(JSONValue.self, from: Data(eval.standardOutput.utf8))["metrics"])

        // ISO 26262-5 formulas (docs/npu-fault.md) on the described figures: per block λ(1−r) split into
        // SDC s and detected d; residual λ(1−r)s(1−c); multi-point λ(1−r)(d + sc); latent λ(1−r)sc(1−l).
        var nonsafe = 0.0, residual = 0.0, multipoint = 0.0, latent = 0.0, area = 0.0, added = 0.0
        for row in rows {
            let option = try XCTUnwrap(options[choice[row["block"]!.string!] ?? "none"])
            let rate = try XCTUnwrap(row["raw_fit"]?.number) * (1 - option.r)
            let s = try XCTUnwrap(row["sdc_fraction"]?.number), d = try XCTUnwrap(row["detected_fraction"]?.number)
            nonsafe += rate * (s + d)
            residual += rate * s * (1 - option.c)
            multipoint += rate * (d + s * option.c)
            latent += rate * s * option.c * (1 - option.l)
            area += try XCTUnwrap(row["area_um2"]?.number)
            added += try XCTUnwrap(row["area_um2"]?.number) * option.area / 100
        }
        let spfm = 100 * (1 - residual / nonsafe), lfm = 100 * (1 - latent / multipoint), pmhf = residual + latent
        XCTAssertEqual(try XCTUnwrap(metrics["spfm_pct"]?.number), spfm, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(metrics["lfm_pct"]?.number), lfm, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(metrics["pmhf_fit"]?.number), pmhf, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(metrics["area_overhead_pct"]?.number), 100 * added / area, accuracy: 1e-9)
        let met = spfm >= 99 && lfm >= 90 && pmhf < 10 ? 4.0 : spfm >= 97 && lfm >= 80 && pmhf < 100 ? 3 : spfm >= 90 && lfm >= 60 && pmhf < 100 ? 2 : 0
        XCTAssertEqual(metrics["asil_met"]?.number, met)
    }

    func testDescribeWithAWorkloadDescribesThatWorkloadsTable() throws {
        let conv = try CLI.run(["describe", "npu-fault", "--json"], in: directory)
        let fc = try CLI.run(["describe", "npu-fault", "--workload", "fc", "--json"], in: directory)
        XCTAssertEqual(fc.status, 0, fc.standardError)
        func avf(_ output: String) throws -> [Double] {
            try XCTUnwrap(JSONDecoder().decode(JSONValue.self, from: Data(output.utf8))["details"]?["blocks"]?.elements).compactMap { $0["avf"]?.number }
        }
        XCTAssertNotEqual(try avf(conv.standardOutput), try avf(fc.standardOutput))
    }
}

private extension JSONValue {
    var elements: [JSONValue]? { if case .array(let values) = self { return values } else { return nil } }
}
