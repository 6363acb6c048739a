import Foundation
import GymCore

/// A synthetic environment with a known optimum, for testing and comparing agents.
///
/// Four knobs of every kind: `family` (categorical), `x` (integer), `y` (ordinal powers of two) and
/// `z` (continuous on a log scale in the `default` workload, ordinal decades elsewhere). The loss is
///
///     loss = penalty(family) + ((x − x*)/s)² + ((log₂ y − log₂ y*)/3)² + (log₁₀ z)²/2
///            + 0.1·(1 − cos(2π(x − x*)/8))                           [dimensionless, ≥ 0]
///
/// The cosine ripple adds local minima every 8 steps of `x`, so greedy search can get stuck. The
/// global optimum is `family = gamma`, `x = x*`, `y = y*`, `z = 1` with loss 0. A second metric,
/// `cost` = y·(1 + x/8) (units), conflicts with the loss for Pareto studies. With `noise` σ > 0, the
/// loss gets Gaussian noise drawn from (reset seed, design), so it is reproducible and order-free.
///
/// Workloads: `default` (4 × 64 × 9 × continuous), `small` (3 × 8 × 4 × 5 = 480 designs, for exhaustive
/// search), `large` (4 × 256 × 11 × 41 = 461,824 designs).
///
/// ```swift
/// let environment = try SyntheticEnvironment(workload: "small")
/// let best = try environment.step(SyntheticEnvironment.optimum(workload: "small"))   // loss 0
/// ```
public struct SyntheticEnvironment: Environment {
    public let name = "synthetic"
    public let workload: String
    public let parameterSpace: ParameterSpace
    public let metrics: [MetricDescriptor] = [
        MetricDescriptor("loss", unit: "1", direction: .minimize, "distance from the known optimum (0 is optimal)"),
        MetricDescriptor("cost", unit: "units", direction: .minimize, "a resource cost that conflicts with the loss"),
    ]
    public var objective: Objective
    /// Standard deviation of the Gaussian noise added to the loss (dimensionless).
    public let noise: Double
    private var noiseSeed: UInt64 = 0
    private let shape: Shape

    public static let workloads = ["default", "small", "large"]

    struct Shape: Sendable {
        var families: [String]
        var xRange: ClosedRange<Int>
        var xOptimum: Int
        var xScale: Double
        var yChoices: [Double]
        var z: Parameter.Kind
    }

    private static let penalties: [String: Double] = ["alpha": 0.6, "beta": 0.3, "gamma": 0, "delta": 0.9]

    public init(workload: String = "default", noise: Double = 0) throws {
        let powers = { (range: ClosedRange<Int>) in range.map { pow(2, Double($0)) } }
        let shape: Shape
        switch workload {
        case "default":
            shape = Shape(families: ["alpha", "beta", "gamma", "delta"], xRange: 0...63, xOptimum: 37, xScale: 16,
                          yChoices: powers(0...8), z: .continuous(low: 0.01, high: 100, log: true))
        case "small":
            shape = Shape(families: ["alpha", "beta", "gamma"], xRange: 0...7, xOptimum: 5, xScale: 2,
                          yChoices: powers(2...5), z: .ordinal([0.01, 0.1, 1, 10, 100]))
        case "large":
            shape = Shape(families: ["alpha", "beta", "gamma", "delta"], xRange: 0...255, xOptimum: 151, xScale: 48,
                          yChoices: powers(0...10), z: .ordinal((-20...20).map { pow(10, Double($0) / 10) }))
        default:
            throw EnvironmentError.unknownWorkload(environment: "synthetic", workload: workload, known: Self.workloads)
        }
        guard noise >= 0, noise.isFinite else {
            throw EnvironmentError.invalidOption(environment: "synthetic", option: "noise", value: String(noise), allowed: "a number >= 0")
        }
        self.workload = workload
        self.noise = noise
        self.shape = shape
        self.parameterSpace = ParameterSpace([
            Parameter("family", .categorical(shape.families), "design family (categorical)"),
            Parameter("x", .integer(low: shape.xRange.lowerBound, high: shape.xRange.upperBound), "integer knob"),
            Parameter("y", .ordinal(shape.yChoices), "power-of-two knob"),
            Parameter("z", shape.z, "log-scale knob"),
        ], defaults: ["family": .choice(shape.families[0]), "x": .integer(shape.xRange.lowerBound),
                      "y": .number(shape.yChoices[0]), "z": 1.0])
        self.objective = .optimize(metrics[0])
        self.objective = referenced(objective)  // reference: the default design's value (reward contract)
    }

    /// The design with loss 0 for a workload.
    public static func optimum(workload: String = "default") throws -> Design {
        let environment = try SyntheticEnvironment(workload: workload)
        return ["family": "gamma", "x": .integer(environment.shape.xOptimum), "y": 16, "z": 1.0]
    }

    public mutating func reset(seed: UInt64) { noiseSeed = seed }

    public func measure(_ design: Design) throws -> SimulatorReport {
        let family = design.choice("family")!, x = design.number("x")!, y = design.number("y")!, z = design.number("z")!
        let dx = x - Double(shape.xOptimum)
        var loss = Self.penalties[family, default: 1]
            + (dx / shape.xScale) * (dx / shape.xScale)
            + pow((log2(y) - 4) / 3, 2)
            + pow(log10(z), 2) / 2
            + 0.1 * (1 - cos(2 * Double.pi * dx / 8))
        if noise > 0 {
            var generator = SeededGenerator(seed: noiseSeed ^ design.stableHash)
            loss += noise * generator.nextGaussian()
        }
        return SimulatorReport(metrics: ["loss": loss, "cost": y * (1 + x / 8)])
    }
}
