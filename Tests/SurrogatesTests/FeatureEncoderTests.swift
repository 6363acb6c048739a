import GymCore
@testable import Surrogates
import XCTest

final class FeatureEncoderTests: XCTestCase {
    private let space = ParameterSpace([
        Parameter("dataflow", .categorical(["os", "ws"])),
        Parameter("rows", .ordinal([4, 8, 16, 32])),
        Parameter("cols", .ordinal([4, 8, 16, 32])),
        Parameter("ratio", .continuous(low: 1, high: 2, log: false)),
    ])

    func testChoicesAreOneHotWideOrderedValuesAreLoggedAndPairsOfThemAddSumsAndDifferences() {
        let encoder = FeatureEncoder(space: space, interactions: true)
        XCTAssertEqual(encoder.features.map(\.name), ["dataflow=os", "dataflow=ws", "log2(rows)", "log2(cols)", "ratio",
                                                      "log2(rows)+log2(cols)", "log2(rows)-log2(cols)"])
        XCTAssertEqual(encoder.encode(["dataflow": "ws", "rows": 32, "cols": 8, "ratio": 1.5]), [0, 1, 5, 3, 1.5, 8, 2])
        XCTAssertEqual(encoder.encodeScaled(["dataflow": "ws", "rows": 32, "cols": 8, "ratio": 1.5]), [0, 1, 1, 1.0 / 3, 0.5, 4.0 / 6, 5.0 / 6])
        XCTAssertEqual(FeatureEncoder(space: space, interactions: false).count, 5)
    }

    func testTheLogTransformRoundTripsAndKeepsZerosFinite() {
        let positive = TargetTransform.choose(for: [120, 3_400, 98_000])
        XCTAssertEqual(positive, TargetTransform(kind: .log, offset: 0))
        XCTAssertEqual(positive.inverse(positive.forward(3_400)), 3_400, accuracy: 1e-9)
        let withZero = TargetTransform.choose(for: [0, 10, 20])
        XCTAssertEqual(withZero.offset, 0.01, accuracy: 1e-15)   // 1e-3 × mean 10
        XCTAssertTrue(withZero.forward(0).isFinite)
        XCTAssertEqual(withZero.inverse(withZero.forward(0)), 0, accuracy: 1e-12)
        XCTAssertEqual(TargetTransform.choose(for: [-1, 2]).kind, .identity)
    }
}
