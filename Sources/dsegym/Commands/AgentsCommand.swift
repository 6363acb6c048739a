import Agents
import ArgumentParser
import GymCore

/// `dsegym agents`: the registered agents with their default hyperparameters.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agents", abstract: "List the search agents and their default hyperparameters.")

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let entries = AgentRegistry.standard.entries
        if json {
            struct Row: Encodable { var name: String, summary: String, hyperparameters: JSONValue }
            try printJSON(try entries.map { entry in
                Row(name: entry.name, summary: entry.summary,
                    hyperparameters: try JSONDecoder().decode(JSONValue.self, from: Data(entry.defaultsJSON.utf8)))
            })
            return
        }
        for entry in entries {
            print("\(entry.name): \(entry.summary)")
            print("  defaults: \(entry.defaultsJSON)   (override with --set-agent name=value)")
        }
    }
}

import Foundation
