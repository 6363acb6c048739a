import ArgumentParser
import Environments

/// `dsegym envs`: the registered environments with one-line descriptions.
struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "envs", abstract: "List the environments.")

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let entries = EnvironmentRegistry.standard.entries
        if json {
            struct Row: Encodable { var name: String, summary: String, workloads: [String] }
            try printJSON(entries.map { Row(name: $0.name, summary: $0.summary, workloads: $0.workloads) })
            return
        }
        var table = TextTable(header: ["environment", "workloads", "description"])
        table.rows = entries.map { [$0.name, $0.workloads.joined(separator: ", "), $0.summary] }
        print(table.rendered)
    }
}
