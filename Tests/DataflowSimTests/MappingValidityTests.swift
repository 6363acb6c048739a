import XCTest
@testable import DataflowSim

final class MappingValidityTests: XCTestCase {
    private let layer = Layer(name: "c", type: .conv, dimensions: ["K": 16, "C": 8, "R": 3, "S": 3, "Y": 10, "X": 10],
                              dataflow: try! MappingParser.parseDirectives("""
                              SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
                              TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); SpatialMap(1,1) C;
                              """))

    /// MAESTRO dies with a floating-point exception here; we report the cluster as infeasible.
    func testClusterWiderThanThePEArrayIsInfeasible() {
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 32, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 64, offchipBandwidth: 50))
        XCTAssertThrowsError(try sim.evaluate(layer)) { error in
            let e = error as! MappingError
            XCTAssertTrue(e.directive.hasPrefix("Cluster(64"), e.description)
            XCTAssertTrue(e.reason.contains("64 PEs") && e.reason.contains("32"), e.reason)
        }
    }

    func testSameMappingRunsOnEnoughPEs() throws {
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 256, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 64, offchipBandwidth: 50))
        let r = try sim.evaluate(layer)
        XCTAssertEqual(r.macs, layer.macCount)  // 16·8·9·8·8 = 73 728
        XCTAssertGreaterThan(r.runtimeCycles, 0)
    }

    func testMappingWithoutSpatialMapIsInfeasible() throws {
        var l = layer
        l.dataflow = try MappingParser.parseDirectives("TemporalMap(1,1) K;")
        let sim = DataflowSimulator(hardware: HardwareConfig(peCount: 16, l1SizeBytes: 100, l2SizeBytes: 3000, nocBandwidth: 64, offchipBandwidth: 50))
        XCTAssertThrowsError(try sim.evaluate(l)) { XCTAssertTrue(($0 as! MappingError).reason.contains("no SpatialMap")) }
    }

    /// Area and power are closed forms: 256 PEs, NoC 1000, L1 54 B, L2 278 B → 4.19049e8 µm², 3416.64 mW (MAESTRO).
    func testAreaAndPowerClosedForm() {
        let c = HardwareCost(peCount: 256, simdLanes: 1, nocBandwidth: 1000, l1Bytes: 54, l2Bytes: 278)
        XCTAssertEqual(c.areaSquareMicrometres, 4.19049e8, accuracy: 0.0005e8)
        XCTAssertEqual(c.powerMilliwatts, 3416.64, accuracy: 0.01)
    }
}

final class CoverageTests: XCTestCase {
    /// The reference README: yxp_os with cluster width 8 on 8x8 inputs (6 output columns) computes
    /// nothing in MAESTRO. We reject it, naming the cluster.
    func testClusterWiderThanTheOutputRowIsInfeasible() throws {
        let layer = Layer(name: "L5", type: .conv, dimensions: ["K": 128, "C": 64, "R": 3, "S": 3, "Y": 8, "X": 8],
                          dataflow: try MappingParser.parseDirectives("""
                          TemporalMap(1,1) K; TemporalMap(1,1) C; SpatialMap(Sz(R),1) Y; TemporalMap(10,8) X; Cluster(8,P);
                          SpatialMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
                          """))
        let sim = DataflowSimulator(hardware: try Fixtures.hardware())
        XCTAssertThrowsError(try sim.evaluate(layer)) { error in
            let e = error as! MappingError
            XCTAssertEqual(e.layer, "L5")
            XCTAssertEqual(e.directive, "Cluster(8,P)")
        }
    }
}
