import XCTest
@testable import DataflowSim

/// Agreement with real MAESTRO runs (Fixtures/maestro_results.csv, see Fixtures/PROVENANCE.md):
/// 8 CONV layers × 5 accepted dataflows on accelerator_1.m.
final class MaestroAgreementTests: XCTestCase {
    private func compare(_ check: (Fixtures.Row, LayerResult) -> Void) throws {
        let sim = DataflowSimulator(hardware: try Fixtures.hardware())
        var checked = 0
        for row in try Fixtures.reference() where row.status == "ok" {
            let layer = try XCTUnwrap(try Fixtures.network(row.dataflow).layers.first { $0.name == row.layer })
            check(row, try sim.evaluate(layer))
            checked += 1
        }
        XCTAssertEqual(checked, 40)
    }

    private func assertRelative(_ ours: Double, _ row: Fixtures.Row, _ column: String, within tolerance: Double,
                                file: StaticString = #filePath, line: UInt = #line) {
        guard let reference = row.values[column] else { return XCTFail("no \(column) for \(row.layer)", file: file, line: line) }
        let error = abs(ours - reference) / max(abs(reference), 1e-12)
        XCTAssertLessThanOrEqual(error, tolerance, "\(row.dataflow) \(row.layer) \(column): ours \(ours), MAESTRO \(reference)",
                                 file: file, line: line)
    }

    func testAreaAndPowerWithinATenthOfAPercent() throws {
        try compare { row, r in
            assertRelative(r.areaSquareMicrometres, row, "area_um2", within: 0.001)
            assertRelative(r.powerMilliwatts, row, "power_mW", within: 0.001)
        }
    }

    func testRuntimeWithinFivePercent() throws {
        try compare { row, r in assertRelative(Double(r.runtimeCycles), row, "runtime_cycles", within: 0.05) }
    }

    func testBufferAccessesWithinFivePercent() throws {
        try compare { row, r in
            assertRelative(Double(r.l1Reads.total), row, "l1_reads", within: 0.05)
            assertRelative(Double(r.l1Writes.total), row, "l1_writes", within: 0.05)
            assertRelative(Double(r.l2Reads.total), row, "l2_reads", within: 0.05)
            assertRelative(Double(r.l2Writes.total), row, "l2_writes", within: 0.05)
        }
    }

    /// Against MAESTRO's screen total (MACs + 1.68 L1 + 18.61 L2), not its CSV energy column.
    func testEnergyWithinFivePercentOfScreenTotal() throws {
        try compare { row, r in
            assertRelative(r.energyMACUnits, row, "energy_total_macunits", within: 0.05)
            assertRelative(r.energyNanojoules, row, "energy_total_nJ", within: 0.05)
        }
    }

    /// Our mechanism reproduces MAESTRO's integer counts exactly on all 40 cases; hold it to that.
    func testCountsAndRequirementsMatchExactly() throws {
        try compare { row, r in
            XCTAssertEqual(Double(r.runtimeCycles), row.values["runtime_cycles"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.macs), row.values["num_macs"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.l1Writes.total), row.values["l1_writes"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.l2Reads.total), row.values["l2_reads"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.l1SizeRequiredBytes), row.values["l1_size_req_B"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.l2SizeRequiredBytes), row.values["l2_size_req_B"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.peakNoCBandwidth), row.values["peak_noc_bw_req"], "\(row.dataflow) \(row.layer)")
            XCTAssertEqual(Double(r.offchipBandwidthRequired), row.values["offchip_bw_req"], "\(row.dataflow) \(row.layer)")
        }
    }

    func testBandwidthAndUtilizationNearMaestro() throws {
        try compare { row, r in
            assertRelative(r.averageNoCBandwidth, row, "avg_noc_bw_req", within: 0.01)
            assertRelative(r.averageUtilizedPEs, row, "avg_utilized_pes", within: 0.01)
            assertRelative(r.throughputMACsPerCycle, row, "throughput_macs_per_cycle", within: 0.001)
        }
    }

    /// MAESTRO rejects the shipped ykp_os file: "Tile size of R(3) should be equal to tile offset of R(7)".
    func testShippedYkpOsIsRejectedNamingTheRDirective() throws {
        let sim = DataflowSimulator(hardware: try Fixtures.hardware())
        let layer = try Fixtures.network("ykp_os").layers[0]
        XCTAssertThrowsError(try sim.evaluate(layer)) { error in
            let e = error as! MappingError
            XCTAssertEqual(e.layer, "L1_c3k16_3x3_32")
            XCTAssertEqual(e.directive, "TemporalMap(Sz(R),7) R")
        }
    }
}
