import XCTest
@testable import SystolicSim

/// Compute figures must equal SCALE-Sim 3.0.0's on every reference case (Fixtures/cases.csv).
final class ComputeAgreementTests: XCTestCase {
    func testShapesAndFoldsMatchEveryCase() throws {
        for reference in try ReferenceCase.all() {
            let config = try reference.config()
            let layer = try reference.topology().layers[0]
            let mapping = ArrayMapping(layer: layer, rows: config.rows, columns: config.columns, dataflow: config.dataflow)
            XCTAssertEqual(mapping.spatialRows, reference.int("Sr"), reference.id)
            XCTAssertEqual(mapping.spatialColumns, reference.int("Sc"), reference.id)
            XCTAssertEqual(mapping.temporal, reference.int("T"), reference.id)
            XCTAssertEqual(mapping.folds, reference.int("num_folds"), reference.id)
            XCTAssertEqual(mapping.cyclesPerFold, reference.int("cycles_per_fold"), reference.id)
            XCTAssertEqual(layer.macs, reference.int("macs"), reference.id)
        }
    }

    func testUtilizationAndSRAMTrafficAreIdenticalOnEveryCase() throws {
        for reference in try ReferenceCase.all() {
            let config = try reference.config()
            let layer = try reference.topology().layers[0]
            let compute = ComputeMetrics(layer: layer, rows: config.rows, columns: config.columns, dataflow: config.dataflow)
            XCTAssertEqual(compute.mappingEfficiencyPercent, reference.double("mapping_eff_pct"), reference.id)
            XCTAssertEqual(compute.computeUtilizationPercent, reference.double("compute_util_pct"), reference.id)
            XCTAssertEqual(compute.ifmapSRAMReads, reference.int("sram_ifmap_reads"), reference.id)
            XCTAssertEqual(compute.filterSRAMReads, reference.int("sram_filter_reads"), reference.id)
            XCTAssertEqual(compute.ofmapSRAMWrites, reference.int("sram_ofmap_writes"), reference.id)
        }
    }

    func testTotalCyclesAndOverallUtilizationAreIdenticalWhereSCALESimDoesNotStall() throws {
        for reference in try ReferenceCase.all() where reference.int("stall_cycles") == 0 {
            let simulation = SystolicSimulator(config: try reference.config()).simulate(try reference.topology().layers[0])
            XCTAssertEqual(simulation.totalCycles, reference.int("total_cycles"), reference.id)
            XCTAssertEqual(simulation.overallUtilizationPercent, reference.double("overall_util_pct"), reference.id)
        }
    }

    func testComputeCyclesAreFoldsTimesLatencyMinusOne() throws {
        // c02: 172 folds of 606 cycles (os, 16x16, T = 576) -> 172 * 606 - 1 = 104231 cycles.
        let layer = Layer(name: "c02", ifmapHeight: 28, ifmapWidth: 28, filterHeight: 3, filterWidth: 3, channels: 64, filters: 64)
        XCTAssertEqual(ComputeMetrics(layer: layer, rows: 16, columns: 16, dataflow: .outputStationary).cycles, 104_231)
    }
}

/// SRAM start/stop cycles equal SCALE-Sim's on every stall-free case, including the stride-2 layers whose
/// last windows hang over the ifmap edge (c11, c26, c33: the ifmap stop is the last read inside it).
final class SRAMActivityWindowTests: XCTestCase {
    func testStartAndStopCyclesMatchStallFreeCases() throws {
        for reference in try ReferenceCase.all() where reference.int("stall_cycles") == 0 {
            let config = try reference.config()
            let layer = try reference.topology().layers[0]
            let window = SRAMActivityWindow(mapping: ArrayMapping(layer: layer, rows: config.rows, columns: config.columns, dataflow: config.dataflow),
                                            layer: layer)
            XCTAssertEqual(window.ifmap.start, reference.int("sram_ifmap_start"), reference.id)
            XCTAssertEqual(window.ifmap.stop, reference.int("sram_ifmap_stop"), reference.id)
            XCTAssertEqual(window.filter.start, reference.int("sram_filter_start"), reference.id)
            XCTAssertEqual(window.filter.stop, reference.int("sram_filter_stop"), reference.id)
            XCTAssertEqual(window.ofmap.start, reference.int("sram_ofmap_start"), reference.id)
            XCTAssertEqual(window.ofmap.stop, reference.int("sram_ofmap_stop"), reference.id)
        }
    }
}
