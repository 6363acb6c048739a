import Foundation
import GymCore
import Surrogates

/// An environment that answers with a learned proxy (``ProxyModel``, fitted by `dsegym proxy fit`)
/// instead of a simulator: the original environment's parameter space, metrics and default
/// objective, each step a few tree walks (well under a millisecond). Every agent, sweep and report works on it
/// as on the original.
///
/// Option `model=FILE` (required): the saved model. Its workload is the original's; `--workload`
/// may name it or be left out.
///
/// ```swift
/// let environment = try ProxyEnvironment(model: ProxyModel.load(from: URL(fileURLWithPath: "model.json")))
/// let evaluation = try environment.step(environment.parameterSpace.defaults!)
/// ```
public struct ProxyEnvironment: Environment {
    public let name = "proxy"
    public let model: ProxyModel
    public let parameterSpace: ParameterSpace
    public var objective: Objective

    public init(model: ProxyModel) {
        self.model = model
        self.parameterSpace = model.parameterSpace
        self.objective = model.objective
    }

    /// The original's workload.
    public var workload: String { model.workload }
    public var metrics: [MetricDescriptor] { model.metrics }

    public func measure(_ design: Design) throws -> SimulatorReport { model.predict(design) }
}

extension EnvironmentEntry {
    /// The proxy environment (see ``ProxyEnvironment``).
    public static let proxy = EnvironmentEntry(
        name: "proxy",
        summary: "A learned proxy of another environment (dsegym proxy fit): its space and metrics, answers in microseconds",
        workloads: ["default"],
        options: ["model": "the proxy model JSON written by `dsegym proxy fit -o FILE` (required)"],
        requiredOptions: ["model"],
        factory: { workload, options in
            guard let path = options["model"] else {
                throw EnvironmentError.invalidOption(environment: "proxy", option: "model", value: "(missing)",
                                                     allowed: "a model file: --env-option model=FILE (write one with dsegym proxy fit)")
            }
            let model: ProxyModel
            do {
                model = try ProxyModel.load(from: URL(fileURLWithPath: path))
            } catch let error as SurrogateError {
                throw EnvironmentError.invalidOption(environment: "proxy", option: "model", value: path, allowed: "a proxy model file (\(error))")
            }
            guard workload == "default" || workload == model.workload else {
                throw EnvironmentError.unknownWorkload(environment: "proxy", workload: workload, known: [model.workload])
            }
            return ProxyEnvironment(model: model)
        })
}
