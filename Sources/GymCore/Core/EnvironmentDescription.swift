/// An environment described as data: the JSON shape of `dsegym describe ENV --json` and of the wire
/// protocol's `make` reply (`parameters`, `metrics`, plus defaults, workloads and objective presets).
///
/// ```json
/// {"name": "synthetic", "parameters": [{"name": "x", "kind": "integer", "low": 0, "high": 63}],
///  "metrics": [{"name": "loss", "unit": "1", "direction": "minimize"}]}
/// ```
public struct EnvironmentDescription: Sendable, Hashable, Codable {
    public var name: String
    public var summary: String
    public var workload: String
    public var workloads: [String]
    public var parameters: [Parameter]
    public var metrics: [MetricDescriptor]
    public var defaults: Design?
    public var objective: String
    public var presets: [String: String]
    /// Environment-specific extra data (e.g. npu-fault's per-block bits, FIT, AVF and option costs);
    /// absent for environments that have none, so the standard shape stays intact.
    public var details: JSONValue?
    /// Options `make` accepts (`--env-option name=value`, the wire's `options`), name -> what it sets
    /// and its allowed values; absent when the environment takes none.
    public var options: [String: String]?
    /// The default objective's reward contract (formula, references, reward bands); absent in
    /// descriptions written before the contract.
    public var reward: RewardDescription?

    public init(_ environment: some Environment, summary: String = "", workloads: [String] = [], presets: [String: String] = [:]) {
        self.name = environment.name
        self.summary = summary
        self.workload = environment.workload
        self.workloads = workloads
        self.parameters = environment.parameterSpace.parameters
        self.metrics = environment.metrics
        self.defaults = environment.parameterSpace.defaults
        self.objective = environment.objective.description
        self.presets = presets
        self.reward = RewardDescription(environment.objective)
    }

    /// The parameter space this description denotes.
    public var parameterSpace: ParameterSpace { ParameterSpace(parameters, defaults: defaults) }
}
