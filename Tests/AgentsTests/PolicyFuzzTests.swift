@testable import Agents
import Environments
import Foundation
import GymCore
import XCTest

/// Saved policies damaged at random (cut, arrays shortened or lengthened, numbers replaced by extreme
/// values, fields removed): loading either succeeds with a usable agent or throws; never a crash.
final class PolicyFuzzTests: XCTestCase {
    func testDamagedPoliciesLoadOrFailCleanly() throws {
        let environment = try SyntheticEnvironment()
        let space = environment.parameterSpace
        var hyperparameters = PPOHyperparameters()
        hyperparameters.hiddenLayers = "8"   // a small policy keeps the trials quick
        var agent = PPOAgent(space: space, hyperparameters: hyperparameters, seed: 1)
        for _ in 0..<3 {
            let designs = agent.ask(count: 16)
            agent.tell(try designs.map(environment.step))
        }
        let policy = try agent.policyJSON()
        var generator = SeededGenerator(seed: 77)
        var loaded = 0, refused = 0
        for trial in 0..<80 {
            let damaged: Data
            switch trial % 4 {
            case 0:
                damaged = policy.prefix(Int.random(in: 0..<policy.count, using: &generator))
            default:
                var object = try XCTUnwrap(JSONSerialization.jsonObject(with: policy))
                object = Self.damage(object, kind: trial % 4, generator: &generator, depth: 0)
                damaged = try JSONSerialization.data(withJSONObject: object)
            }
            do {
                var restored = try PPOAgent(space: space, policyJSON: damaged, seed: 2, greedy: false)
                let designs = restored.ask(count: 4)
                XCTAssertEqual(designs.count, 4)
                restored.tell(try designs.map(environment.step))
                loaded += 1
            } catch {
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 20, "cut files and resized arrays are refused")
        XCTAssertEqual(loaded + refused, 80)
    }

    /// One random change somewhere in the tree: 1 resizes an array, 2 replaces a number, 3 drops a field.
    static func damage(_ value: Any, kind: Int, generator: inout SeededGenerator, depth: Int) -> Any {
        if var object = value as? [String: Any], !object.isEmpty {
            let key = object.keys.sorted()[Int.random(in: 0..<object.count, using: &generator)]
            if kind == 3 && Bool.random(using: &generator) {
                object.removeValue(forKey: key)
            } else {
                object[key] = damage(object[key]!, kind: kind, generator: &generator, depth: depth + 1)
            }
            return object
        }
        if var array = value as? [Any], !array.isEmpty {
            if kind == 1, array.allSatisfy({ $0 is NSNumber }) {
                return Bool.random(using: &generator) ? Array(array.dropLast(Int.random(in: 1...array.count, using: &generator)))
                    : array + Array(repeating: 0.5, count: Int.random(in: 1...5, using: &generator))
            }
            let index = Int.random(in: 0..<array.count, using: &generator)
            array[index] = damage(array[index], kind: kind, generator: &generator, depth: depth + 1)
            return array
        }
        if kind == 2, value is NSNumber {
            return [1e308, -1e308, 0, -1, 1e9, Double.leastNonzeroMagnitude][Int.random(in: 0..<6, using: &generator)]
        }
        return value
    }
}
