import GymCore
import XCTest

final class ParameterSpaceTests: XCTestCase {
    let space = ParameterSpace([
        Parameter("dataflow", .categorical(["os", "ws", "is"])),
        Parameter("rows", .ordinal([4, 8, 16, 32])),
        Parameter("banks", .integer(low: 1, high: 8)),
        Parameter("clock_ghz", .continuous(low: 0.5, high: 2.0, log: false)),
        Parameter("sram_kb", .continuous(low: 1, high: 1024, log: true)),
    ], defaults: ["dataflow": "os", "rows": 8, "banks": 2, "clock_ghz": 1.0, "sram_kb": 64])

    func testInvalidValueErrorNamesParameterAndAllowedValues() {
        XCTAssertThrowsError(try space.validate(["dataflow": "xs"], fillingDefaults: true)) { error in
            XCTAssertEqual(String(describing: error), "parameter 'dataflow': invalid value 'xs'; allowed: one of os, ws, is")
        }
        XCTAssertThrowsError(try space.validate(["rows": 12], fillingDefaults: true)) { error in
            XCTAssertEqual(String(describing: error), "parameter 'rows': invalid value '12'; allowed: one of 4, 8, 16, 32")
        }
        XCTAssertThrowsError(try space.validate(["banks": 9], fillingDefaults: true)) { error in
            XCTAssertEqual(String(describing: error), "parameter 'banks': invalid value '9'; allowed: an integer in 1...8")
        }
        XCTAssertThrowsError(try space.validate(["sram_kb": 2000], fillingDefaults: true)) { error in
            XCTAssertEqual(String(describing: error), "parameter 'sram_kb': invalid value '2000'; allowed: a number in [1, 1024] (log scale)")
        }
    }

    func testUnknownParameterListsValidNames() {
        XCTAssertThrowsError(try space.validate(["colums": 4], fillingDefaults: true)) { error in
            XCTAssertEqual(error as? ParameterError, .unknownParameter(name: "colums", known: ["dataflow", "rows", "banks", "clock_ghz", "sram_kb"]))
        }
    }

    func testMissingParameterWithoutDefaults() {
        XCTAssertThrowsError(try space.validate(["dataflow": "os"])) { error in
            XCTAssertEqual(error as? ParameterError, .missingParameter(name: "rows"))
        }
    }

    func testValidationCanonicalizesValues() throws {
        let design = try space.validate(["dataflow": "WS", "rows": .number(16.0), "banks": .number(3.0)], fillingDefaults: true)
        XCTAssertEqual(design["dataflow"], .choice("ws"))
        XCTAssertEqual(design["rows"], .number(16))
        XCTAssertEqual(design["banks"], .integer(3))
        XCTAssertEqual(design["clock_ghz"], .number(1.0))
    }

    func testNumericValuesCompareByValueWhateverTheirCase() {
        XCTAssertEqual(ParameterValue.integer(16), .number(16.0))
        XCTAssertEqual(Set<ParameterValue>([.integer(16), .number(16)]).count, 1)
        XCTAssertNotEqual(ParameterValue.integer(16), .choice("16"))
    }

    func testNonIntegralValueForIntegerParameterIsRejected() {
        XCTAssertThrowsError(try space.validate(["banks": 2.5], fillingDefaults: true))
    }

    func testParseAssignmentsFromCommandLineText() throws {
        let design = try space.parseAssignments(["rows=32", "dataflow=is", "clock_ghz=1.5"])
        XCTAssertEqual(design, ["rows": .number(32), "dataflow": "is", "clock_ghz": .number(1.5)])
        XCTAssertThrowsError(try space.parseAssignments(["rows"]))
        XCTAssertThrowsError(try space.parseAssignments(["rows=big"])) { error in
            XCTAssertEqual(String(describing: error), "parameter 'rows': invalid value 'big'; allowed: one of 4, 8, 16, 32")
        }
    }

    func testCardinalityIsNilWithContinuousAndCountsDiscreteSpaces() {
        XCTAssertNil(space.cardinality)
        let discrete = ParameterSpace([Parameter("a", .categorical(["x", "y", "z"])), Parameter("b", .integer(low: 0, high: 9))])
        XCTAssertEqual(discrete.cardinality, 30)
    }

    func testNormalizedEncodingRoundTripsRandomDesigns() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let design = space.randomDesign(using: &generator)
            XCTAssertNoThrow(try space.validate(design))
            let vector = space.normalized(design)
            XCTAssertTrue(vector.allSatisfy { (0...1).contains($0) })
            let decoded = try space.design(fromNormalized: vector)
            for name in ["dataflow", "rows", "banks"] { XCTAssertEqual(decoded[name], design[name]) }
            for name in ["clock_ghz", "sram_kb"] {
                XCTAssertEqual(decoded.number(name)!, design.number(name)!, accuracy: 1e-9 * design.number(name)!)
            }
        }
    }

    func testOneHotEncodingRoundTripsAndHasOneBlockPerCategorical() throws {
        XCTAssertEqual(space.oneHotWidth, 3 + 4)
        let design = try space.validate(["dataflow": "is", "rows": 32, "banks": 8, "clock_ghz": 2.0, "sram_kb": 1])
        XCTAssertEqual(space.oneHot(design), [0, 0, 1, 1, 1, 1, 0])
        XCTAssertEqual(try space.design(fromOneHot: space.oneHot(design)), design)
    }

    func testIndexEncodingRoundTripsDiscreteValuesAndSnapsContinuousOnes() throws {
        let design = try space.validate(["dataflow": "ws", "rows": 16, "banks": 5, "clock_ghz": 1.25, "sram_kb": 32])
        let indices = space.indices(design, resolution: 5)
        XCTAssertEqual(Array(indices.prefix(3)), [1, 2, 4])
        XCTAssertEqual(indices[3], 2)  // 1.25 is the middle of 5 levels in [0.5, 2]
        XCTAssertEqual(indices[4], 2)  // 32 ≈ geometric middle of [1, 1024]
        let decoded = try space.design(fromIndices: indices, resolution: 5)
        XCTAssertEqual(decoded["rows"], .number(16))
        XCTAssertEqual(decoded.number("clock_ghz")!, 1.25, accuracy: 1e-12)
        XCTAssertThrowsError(try space.design(fromIndices: [0, 0, 0, 0], resolution: 5))
    }

    func testParameterJSONShapeMatchesTheProtocol() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(space.parameters[1]), as: UTF8.self),
                       #"{"choices":[4,8,16,32],"kind":"ordinal","name":"rows"}"#)
        XCTAssertEqual(String(decoding: try encoder.encode(space.parameters[4]), as: UTF8.self),
                       #"{"high":1024,"kind":"continuous","log":true,"low":1,"name":"sram_kb"}"#)
        let decoded = try JSONDecoder().decode([Parameter].self, from: try JSONEncoder().encode(space.parameters))
        XCTAssertEqual(decoded, space.parameters)
        XCTAssertThrowsError(try JSONDecoder().decode(Parameter.self, from: Data(#"{"name":"q","kind":"fuzzy"}"#.utf8)))
    }
}

import Foundation
