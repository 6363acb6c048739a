import Foundation
import GymCore

/// Turns a design into the numeric feature vector the surrogates learn from, and says so in JSON so a
/// saved model can be read by other tools.
///
/// Each parameter gives one or more features:
/// - a categorical parameter: one 0/1 feature per choice (`dataflow=os`);
/// - an ordered parameter whose values are all positive and span at least a factor of 8 (powers of
///   two, buffer sizes): `log2(value)`; any other ordered parameter: its value;
/// - with `interactions`, every pair of log-scaled parameters also gives their log-sum and
///   log-difference (`log2(rows)+log2(cols)` is log2 of the PE count), which axis-aligned trees cannot
///   form from the single features.
///
/// ```swift
/// let encoder = FeatureEncoder(space: environment.parameterSpace, interactions: true)
/// let x = encoder.encode(design)   // encoder.features[i].name names x[i]
/// ```
public struct FeatureEncoder: Sendable, Hashable, Codable {
    /// How one feature is computed from a design.
    public struct Feature: Sendable, Hashable, Codable {
        /// What the feature computes: 0/1 for a choice, the value, its log2, or the log2 sum or
        /// difference of two parameters.
        public enum Encoding: String, Sendable, Hashable, Codable {
            case oneHot = "one_hot", value, log2, log2Sum = "log2_sum", log2Difference = "log2_difference"
        }

        public var name: String
        public var encoding: Encoding
        public var parameter: String
        /// The choice a one-hot feature tests.
        public var choice: String?
        /// The second parameter of a log2 sum or difference.
        public var other: String?
        /// The feature's range over the space (for scaling to [0, 1]).
        public var low: Double
        public var high: Double
    }

    public private(set) var features: [Feature]

    public init(space: ParameterSpace, interactions: Bool = true) {
        var features: [Feature] = []
        var logScaled: [(name: String, low: Double, high: Double)] = []
        for parameter in space.parameters {
            switch parameter.kind {
            case .categorical(let choices):
                features += choices.map { Feature(name: "\(parameter.name)=\($0)", encoding: .oneHot, parameter: parameter.name, choice: $0, low: 0, high: 1) }
            case .integer, .ordinal, .continuous:
                let (low, high) = Self.range(parameter)
                if low > 0, high / low >= 8 {
                    features.append(Feature(name: "log2(\(parameter.name))", encoding: .log2, parameter: parameter.name, low: Foundation.log2(low), high: Foundation.log2(high)))
                    logScaled.append((parameter.name, Foundation.log2(low), Foundation.log2(high)))
                } else {
                    features.append(Feature(name: parameter.name, encoding: .value, parameter: parameter.name, low: low, high: high))
                }
            }
        }
        if interactions {
            for i in logScaled.indices {
                for j in logScaled.indices where j > i {
                    let a = logScaled[i], b = logScaled[j]
                    features.append(Feature(name: "log2(\(a.name))+log2(\(b.name))", encoding: .log2Sum, parameter: a.name, other: b.name,
                                            low: a.low + b.low, high: a.high + b.high))
                    features.append(Feature(name: "log2(\(a.name))-log2(\(b.name))", encoding: .log2Difference, parameter: a.name, other: b.name,
                                            low: a.low - b.high, high: a.high - b.low))
                }
            }
        }
        self.features = features
    }

    private static func range(_ parameter: Parameter) -> (Double, Double) {
        switch parameter.kind {
        case .categorical: return (0, 1)
        case .integer(let low, let high): return (Double(low), Double(high))
        case .ordinal(let choices): return (choices.first!, choices.last!)
        case .continuous(let low, let high, _): return (low, high)
        }
    }

    public var count: Int { features.count }

    /// The feature vector of a valid design (a missing value counts as 0).
    public func encode(_ design: Design) -> [Double] {
        features.map { feature in
            switch feature.encoding {
            case .oneHot: return design.choice(feature.parameter) == feature.choice ? 1 : 0
            case .value: return design.number(feature.parameter) ?? 0
            case .log2: return Self.log2(design.number(feature.parameter))
            case .log2Sum: return Self.log2(design.number(feature.parameter)) + Self.log2(design.number(feature.other ?? ""))
            case .log2Difference: return Self.log2(design.number(feature.parameter)) - Self.log2(design.number(feature.other ?? ""))
            }
        }
    }

    /// ``encode(_:)`` with every feature scaled to [0, 1] over its range (what a GP's kernel reads).
    public func encodeScaled(_ design: Design) -> [Double] {
        zip(encode(design), features).map { value, feature in
            feature.high > feature.low ? (value - feature.low) / (feature.high - feature.low) : 0
        }
    }

    private static func log2(_ value: Double?) -> Double { value.map { $0 > 0 ? Foundation.log2($0) : 0 } ?? 0 }
}
