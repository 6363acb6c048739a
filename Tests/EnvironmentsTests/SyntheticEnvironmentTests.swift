import Environments
import GymCore
import XCTest

final class SyntheticEnvironmentTests: XCTestCase {
    func testKnownOptimumHasZeroLossInEveryWorkload() throws {
        for workload in SyntheticEnvironment.workloads {
            let environment = try SyntheticEnvironment(workload: workload)
            let evaluation = try environment.step(try SyntheticEnvironment.optimum(workload: workload))
            XCTAssertEqual(evaluation.metrics["loss"]!, 0, accuracy: 1e-12, workload)
            XCTAssertEqual(evaluation.reward!, 0, accuracy: 1e-12)
            XCTAssertTrue(evaluation.feasible)
        }
    }

    func testLossFollowsTheDocumentedFormula() throws {
        let environment = try SyntheticEnvironment()
        // penalty(beta) = 0.3; ((40-37)/16)^2; ((log2 64 - 4)/3)^2 = 4/9; (log10 10)^2/2 = 0.5;
        // ripple 0.1*(1 - cos(2π·3/8)).
        let expected = 0.3 + pow(3.0 / 16, 2) + 4.0 / 9 + 0.5 + 0.1 * (1 - cos(2 * Double.pi * 3 / 8))
        let evaluation = try environment.step(["family": "beta", "x": 40, "y": 64, "z": 10.0])
        XCTAssertEqual(evaluation.metrics["loss"]!, expected, accuracy: 1e-12)
        XCTAssertEqual(evaluation.metrics["cost"]!, 64 * (1 + 40.0 / 8))
    }

    func testSmallWorkloadHas480DesignsAndLargeHasAboutHalfAMillion() throws {
        XCTAssertEqual(try SyntheticEnvironment(workload: "small").parameterSpace.cardinality, 480)
        XCTAssertEqual(try SyntheticEnvironment(workload: "large").parameterSpace.cardinality, 461_824)
        XCTAssertNil(try SyntheticEnvironment().parameterSpace.cardinality)
    }

    func testOptimumIsUniqueOnTheSmallWorkload() throws {
        let environment = try SyntheticEnvironment(workload: "small")
        let space = environment.parameterSpace
        var zeroLoss = 0
        for flat in 0..<480 {
            var remainder = flat
            let indices = space.parameters.reversed().map { parameter -> Int in
                defer { remainder /= parameter.cardinality! }
                return remainder % parameter.cardinality!
            }.reversed()
            let loss = try environment.step(try space.design(fromIndices: Array(indices))).metrics["loss"]!
            XCTAssertGreaterThanOrEqual(loss, 0)
            if loss < 1e-12 { zeroLoss += 1 }
        }
        XCTAssertEqual(zeroLoss, 1)
    }

    func testNoiseIsReproducibleAndIndependentOfEvaluationOrder() async throws {
        var environment = try SyntheticEnvironment(noise: 0.1)
        environment.reset(seed: 5)
        let designs: [Design] = [["family": "alpha", "x": 3, "y": 2, "z": 0.5], ["family": "gamma", "x": 37, "y": 16, "z": 1.0]]
        let forward = try await environment.evaluate(batch: designs)
        let backward = try await environment.evaluate(batch: designs.reversed())
        XCTAssertEqual(forward.map(\.metrics), backward.reversed().map(\.metrics))
        XCTAssertNotEqual(forward[1].metrics["loss"], 0, "noise is applied")
        environment.reset(seed: 6)
        XCTAssertNotEqual(try environment.step(designs[1]).metrics["loss"], forward[1].metrics["loss"])
    }

    func testRegistryErrorsNameTheValidChoices() {
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("dramm")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("unknown environment 'dramm'; valid environments: synthetic"))
        }
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("synthetic", workload: "huge")) { error in
            XCTAssertEqual(String(describing: error), "synthetic: unknown workload 'huge'; valid workloads: default, small, large")
        }
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("synthetic", options: ["nosie": "1"])) { error in
            XCTAssertEqual(String(describing: error), "synthetic: unknown option 'nosie'; valid options: noise")
        }
        XCTAssertThrowsError(try EnvironmentRegistry.standard.make("synthetic", options: ["noise": "-1"]))
    }

    func testDescriptionHasTheWireShape() throws {
        let description = try EnvironmentRegistry.standard.entry("synthetic").describe()
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(description))
        XCTAssertEqual(json["parameters"].flatMap { if case .array(let a) = $0 { return a.count } else { return nil } }, 4)
        XCTAssertEqual(json["metrics"].flatMap { if case .array(let a) = $0 { return a.first?["unit"]?.string } else { return nil } }, "1")
        XCTAssertEqual(try JSONDecoder().decode(EnvironmentDescription.self, from: JSONEncoder().encode(description)), description)
    }
}

import Foundation
