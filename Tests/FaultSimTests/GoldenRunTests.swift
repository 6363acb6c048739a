import XCTest
@testable import FaultSim

final class GoldenRunTests: XCTestCase {
    func testConvolutionGoldenRunEqualsReference() throws {
        let layer = QuantizedLayer(kind: .convolution, height: 8, width: 8, inputChannels: 8, outputChannels: 16, kernel: 3, seed: 1)
        let model = try NPUModel(configuration: .u55_32, layer: layer)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        XCTAssertEqual(model.goldenOutputs.count, 6 * 6 * 16)
        // Requantization keeps outputs informative: not all clamped to one value.
        XCTAssertGreaterThan(Set(model.goldenOutputs).count, 20)
    }

    func testDepthwiseGoldenRunEqualsReference() throws {
        let layer = QuantizedLayer(kind: .depthwise, height: 10, width: 10, inputChannels: 16, outputChannels: 16, kernel: 3, seed: 2)
        let model = try NPUModel(configuration: .u55_64, layer: layer)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
    }

    func testFullyConnectedGoldenRunEqualsReference() throws {
        let layer = QuantizedLayer(kind: .fullyConnected, inputChannels: 96, outputChannels: 40, seed: 3)
        let model = try NPUModel(configuration: .u55_32, layer: layer)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        XCTAssertEqual(model.totalCycles, 2 * 97)   // 2 groups of 32 lanes, 96 terms + 1 drain cycle each
    }

    func testLayerTooLargeForBufferIsRejected() {
        let layer = QuantizedLayer(kind: .fullyConnected, inputChannels: 512, outputChannels: 64, seed: 1)
        XCTAssertThrowsError(try NPUModel(configuration: .u55_32, layer: layer))
    }
}
