import XCTest
@testable import DataflowSim

/// Agreement with real MAESTRO runs on strided layers (Fixtures/maestro_strided_results.csv, see
/// Fixtures/PROVENANCE.md): 14 layers × 9 mappings (5 templates, 4 `CustomMapping`s written
/// `custom:SPATIAL:ORDER:KTILE:CTILE`) × 5 accelerators (16 to 1024 PEs), 630 runs.
/// Integer counts must match exactly; energy, area, power, average bandwidth, utilization and throughput
/// within 0.1%.
final class StridedAgreementTests: XCTestCase {
    private struct Run {
        var row: Fixtures.Row
        var result: LayerResult
        var layer: Layer
    }

    /// The directives a fixture row's dataflow names, built the way the environments build them.
    private func directives(_ name: String, for layer: Layer, peCount: Int) throws -> [Directive] {
        let parts = name.split(separator: ":").map(String.init)
        if parts.count == 5, parts[0] == "custom", let k = Int(parts[3]), let c = Int(parts[4]) {
            return CustomMapping(spatialDimension: parts[1], kTile: k, cTile: c, loopOrder: parts[2].map(String.init)).directives(for: layer)
        }
        let template = name == "ykp_os_fixed" ? .ykPartitionedOutputStationary : try XCTUnwrap(DataflowTemplate(rawValue: name), name)
        return template.directives(for: layer, clusterSize: template == .weightStationary ? min(64, peCount) : nil)
    }

    /// The fixture's layer and hardware for one row (strides from `stride`, or `stride_y`/`stride_x`).
    private func setup(_ row: Fixtures.Row) throws -> (Layer, HardwareConfig) {
        let v = { (k: String) in Int(row.values[k] ?? -1) }
        let hardware = HardwareConfig(peCount: v("num_pes"), l1SizeBytes: v("l1_size_cstr"), l2SizeBytes: v("l2_size_cstr"),
                                      nocBandwidth: v("noc_bw_cstr"), offchipBandwidth: v("offchip_bw_cstr"))
        let strideY = row.values["stride_y"].map(Int.init) ?? v("stride"), strideX = row.values["stride_x"].map(Int.init) ?? v("stride")
        var layer = Layer(name: row.layer, type: .conv,
                          dimensions: ["K": v("K"), "C": v("C"), "R": v("R"), "S": v("S"), "Y": v("Y"), "X": v("X")],
                          strideY: strideY, strideX: strideX, dataflow: [])
        layer.dataflow = try directives(row.dataflow, for: layer, peCount: hardware.peCount)
        return (layer, hardware)
    }

    private func runs(_ file: String = "maestro_strided_results.csv") throws -> [Run] {
        try Fixtures.reference(file: file).filter { $0.status == "ok" }.map { row in
            let (layer, hardware) = try setup(row)
            return Run(row: row, result: try DataflowSimulator(hardware: hardware).evaluate(layer), layer: layer)
        }
    }

    private func context(_ run: Run) -> String { "\(Int(run.row.values["num_pes"] ?? 0)) PEs \(run.row.dataflow) \(run.row.layer)" }

    func testIntegerCountsMatchExactly() throws {
        let runs = try runs()
        XCTAssertEqual(runs.count, 630)
        for run in runs { Fixtures.assertExact(run.result, run.row, context(run)) }
    }

    /// 350 random layers (strides 1-3 drawn per axis, R, S ≤ 7): the 344 MAESTRO evaluates agree exactly
    /// and within 0.1%; where MAESTRO reports 0 MACs we report the mapping infeasible, naming its Cluster.
    func testRandomLayersWithIndependentStridesMatch() throws {
        let runs = try runs("maestro_random_results.csv")
        XCTAssertEqual(runs.count, 344)
        for run in runs {
            Fixtures.assertExact(run.result, run.row, context(run))
            Fixtures.assertWithinATenthOfAPercent(run.result, run.row, context(run))
        }
        let zero = try Fixtures.reference(file: "maestro_random_results.csv").filter { $0.status == "maestro_zero_macs" }
        XCTAssertEqual(zero.count, 2)
        for row in zero {
            let (layer, hardware) = try setup(row)
            XCTAssertThrowsError(try DataflowSimulator(hardware: hardware).evaluate(layer)) { error in
                XCTAssertTrue((error as! MappingError).reason.contains("computes no MACs"), "\(error)")
            }
        }
    }

    func testEnergyAreaPowerAndRatesWithinATenthOfAPercent() throws {
        for run in try runs() { Fixtures.assertWithinATenthOfAPercent(run.result, run.row, context(run)) }
    }

    /// Where MAESTRO's stride-free output tiles count other MACs than the layer has (e.g. yxp_os on a
    /// 3x3/2 layer: 516,096 for 294,912), the result carries a warning naming both counts.
    func testMACMiscountsAreFlagged() throws {
        var flagged = 0
        for run in try runs() {
            let miscounted = run.result.macs != run.layer.macCount
            XCTAssertEqual(run.result.warnings.contains { $0.contains("MACs") && $0.contains(String(run.layer.macCount)) }, miscounted,
                           "\(run.row.dataflow) \(run.row.layer): \(run.result.warnings)")
            if miscounted { flagged += 1 }
        }
        XCTAssertEqual(flagged, 109)
    }
}
