import XCTest
@testable import FaultSim

final class GoldenRunTests: XCTestCase {
    func testConvolutionGoldenRunEqualsReference() throws {
        let layer = QuantizedLayer(kind: .convolution, height: 8, width: 8, inputChannels: 8, outputChannels: 16, kernel: 3, seed: 1)
        let model = try NPUModel(configuration: .u55_32, layer: layer)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        XCTAssertEqual(model.goldenOutputs, model.goldenActivations)
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

    func testConvWorkloadMaxPoolsThroughTheOutputUnitBitExactly() throws {
        // conv 8×8×8 → 6×6×16, ReLU, 2×2 stride-2 max pooling → 3×3×16 = 144 results.
        let layer = try NPUWorkload.layer(named: "conv", seed: 1)
        XCTAssertEqual(layer.pooling, .max2x2)
        let model = try NPUModel(configuration: .u55_32, layer: layer)
        XCTAssertEqual(model.goldenActivations, layer.referenceActivations())
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        XCTAssertEqual(model.goldenOutputs.count, 3 * 3 * 16)
        XCTAssertEqual(model.usedBytes, 1152 + 4 * 16 + 512 + 144)
        // Result (0, 0, channel 5) is the max of activations (0,0), (0,1), (1,0), (1,1) of channel 5.
        let a = model.goldenActivations
        XCTAssertEqual(model.goldenOutputs[5], [a[5], a[16 + 5], a[6 * 16 + 5], a[7 * 16 + 5]].max())
    }

    func testAveragePoolingWithOddMapDropsTheLastRowAndColumnAndRoundsLikeTFLite() throws {
        // depthwise 9×9×16 → 7×7×16 → 2×2 average → 3×3×16 (row and column 6 dropped, VALID).
        let layer = QuantizedLayer(kind: .depthwise, height: 9, width: 9, inputChannels: 16, outputChannels: 16, kernel: 3,
                                   pooling: .average2x2, seed: 4)
        let model = try NPUModel(configuration: .u55_64, layer: layer)
        XCTAssertEqual(model.goldenOutputs.count, 3 * 3 * 16)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        XCTAssertEqual(QuantizedLayer.roundedAverage(sum: 6, count: 4), 2)     // 1.5 → 2
        XCTAssertEqual(QuantizedLayer.roundedAverage(sum: -6, count: 4), -2)   // −1.5 → −2
        XCTAssertEqual(QuantizedLayer.roundedAverage(sum: 5, count: 4), 1)     // 1.25 → 1
    }

    func testGlobalAveragePoolingGoldenRunEqualsReference() throws {
        let layer = QuantizedLayer(kind: .convolution, height: 6, width: 6, inputChannels: 8, outputChannels: 32, kernel: 1,
                                   pooling: .globalAverage, seed: 6)
        let model = try NPUModel(configuration: .u55_32, layer: layer)
        XCTAssertEqual(model.goldenOutputs.count, 32)
        XCTAssertEqual(model.goldenOutputs, layer.referenceOutputs())
        let a = model.goldenActivations
        let sum = (0..<36).reduce(Int32(0)) { $0 + Int32(a[$1 * 32 + 7]) }
        XCTAssertEqual(model.goldenOutputs[7], QuantizedLayer.roundedAverage(sum: sum, count: 36))
    }

    func testPoolingWindowsBeyondTheLineBufferAreRejected() {
        // 2×2 pooling of a 10-wide map with 32 channels opens 5 × 32 = 160 windows per pooled row > 64 entries.
        let layer = QuantizedLayer(kind: .convolution, height: 10, width: 10, inputChannels: 2, outputChannels: 32, kernel: 1,
                                   pooling: .max2x2, seed: 1)
        XCTAssertThrowsError(try NPUModel(configuration: .u55_32, layer: layer)) {
            XCTAssertEqual($0 as? NPUModel.ModelError, .poolingWindowsDoNotFit(entries: 64))
        }
    }

    func testLayerTooLargeForBufferIsRejected() {
        let layer = QuantizedLayer(kind: .fullyConnected, inputChannels: 512, outputChannels: 64, seed: 1)
        XCTAssertThrowsError(try NPUModel(configuration: .u55_32, layer: layer))
    }
}
