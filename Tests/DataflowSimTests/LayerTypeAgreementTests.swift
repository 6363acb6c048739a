import XCTest
@testable import DataflowSim

/// Agreement with real MAESTRO runs on the layer types beyond CONV (Fixtures/maestro_layer_types.m and
/// maestro_layer_types_results.csv): GEMM (three mappings), NGCONV (ResNeXt's nested grouped convolution,
/// stride 1 and 2), TRCONV (evaluated as MAESTRO does, as a CONV) and DSCONV, on 64, 256 and 1024 PEs.
final class LayerTypeAgreementTests: XCTestCase {
    func testEveryLayerTypeMatchesMaestro() throws {
        let network = try MappingParser.parse(contentsOf: Fixtures.url("maestro_layer_types.m"))
        XCTAssertEqual(Set(network.layers.map(\.type)), [.gemm, .ngconv, .trconv, .dwconv])
        var checked = 0
        for row in try Fixtures.reference(file: "maestro_layer_types_results.csv") {
            let v = { (k: String) in Int(row.values[k] ?? -1) }
            let hardware = HardwareConfig(peCount: v("num_pes"), l1SizeBytes: v("l1_size_cstr"), l2SizeBytes: v("l2_size_cstr"),
                                          nocBandwidth: v("noc_bw_cstr"), offchipBandwidth: v("offchip_bw_cstr"))
            let name = try XCTUnwrap(row.text["layer"])
            let layer = try XCTUnwrap(network.layers.first { $0.name == name }, name)
            let r = try DataflowSimulator(hardware: hardware).evaluate(layer)
            let context = "\(v("num_pes")) PEs \(name)"
            Fixtures.assertExact(r, row, context)
            Fixtures.assertWithinATenthOfAPercent(r, row, context)
            XCTAssertEqual(r.macs, layer.macCount, context)
            checked += 1
        }
        XCTAssertEqual(checked, 24)
    }

    /// MAESTRO visits a level's cases in a shifted odometer order; its off-chip requirement (a running value
    /// halved per case) depends on it: GEMM 100x30x200 under SpatialMap(4,4) N needs 2, not 4.
    func testCaseOrderIsMaestros() {
        let order = CaseOrder(stateCounts: [1, 3, 3])
        let visited = (0..<order.caseCount).map { k in (0..<3).map { order.state(of: $0, inCase: k) } }
        XCTAssertEqual(visited, [[0, 0, 0], [0, 1, 1], [0, 1, 2], [0, 1, 0], [0, 2, 1], [0, 2, 2], [0, 2, 0], [0, 0, 1], [0, 0, 2]])
    }

    func testUnsupportedTypesAndForeignDimensionsAreRejectedNamingThem() {
        let pool = "Network n {\nLayer p {\nType: POOL\nDimensions { K: 1, C: 4, R: 2, S: 2, Y: 8, X: 8 }\nDataflow { SpatialMap(1,1) C; }\n}\n}\n"
        XCTAssertThrowsError(try MappingParser.parse(pool, file: "pool.m")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("pool.m:3") && text.contains("POOL") && text.contains("GEMM, NGCONV, TRCONV"), text)
        }
        let gemm = "Network n {\nLayer g {\nType: GEMM\nDimensions { M: 4, N: 4, K: 4, R: 3 }\nDataflow { SpatialMap(1,1) M; }\n}\n}\n"
        XCTAssertThrowsError(try MappingParser.parse(gemm, file: "g.m")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("g.m:2") && text.contains("dimension R") && text.contains("M, N, K"), text)
        }
        let conv = "Network n {\nLayer c {\nType: CONV\nDimensions { K: 4, C: 4, R: 3, S: 3, Y: 8, X: 8 }\nDataflow { SpatialMap(1,1) M; }\n}\n}\n"
        XCTAssertThrowsError(try MappingParser.parse(conv, file: "c.m")) { error in
            XCTAssertTrue(String(describing: error).contains("maps M"), String(describing: error))
        }
    }
}
