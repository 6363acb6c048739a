import GymCore
import XCTest

final class SeededGeneratorTests: XCTestCase {
    func testSameSeedGivesSameStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<100).map { _ in a.next() }, (0..<100).map { _ in b.next() })
    }

    func testSplitsAreDeterministicAndIndependent() {
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 2)
        XCTAssertNotEqual(a.next(), b.next())
        var root = SeededGenerator(seed: 7), sameRoot = SeededGenerator(seed: 7)
        XCTAssertEqual(root.split(label: "agent"), sameRoot.split(label: "agent"), "same seed and label, same child")
        XCTAssertNotEqual(root.split(label: "agent"), root.split(label: "agent"), "successive splits differ")
        var fresh = SeededGenerator(seed: 7), other = SeededGenerator(seed: 7)
        XCTAssertNotEqual(fresh.split(label: "agent"), other.split(label: "environment"), "labels separate streams")
    }

    func testUniformDoublesHaveMeanOneHalfAndGaussianHasUnitVariance() {
        var generator = SeededGenerator(seed: 3)
        let uniforms = (0..<100_000).map { _ in Double.random(in: 0..<1, using: &generator) }
        XCTAssertEqual(uniforms.reduce(0, +) / 100_000, 0.5, accuracy: 0.005)
        let normals = (0..<100_000).map { _ in generator.nextGaussian() }
        let mean = normals.reduce(0, +) / 100_000
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100_000
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }

    func testDesignStableHashIsIndependentOfKeyOrder() {
        let a: Design = ["x": 1, "y": "q"]
        var b = Design()
        b["y"] = "q"
        b["x"] = 1
        XCTAssertEqual(a.stableHash, b.stableHash)
        XCTAssertEqual(a.description, "x=1 y=q")
    }
}
