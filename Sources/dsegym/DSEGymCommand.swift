import ArgumentParser
import Foundation

/// The `dsegym` command line: a thin layer over Experiments, Environments, Agents and Results.
@main
struct DSEGymCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsegym",
        abstract: "Machine-learning-assisted hardware design-space exploration.",
        discussion: """
            Environments wrap architecture simulators behind one reset/step protocol; agents search them;
            every evaluation is recorded in a SQLite results store (results/dsegym.sqlite by default).

            Examples:
              dsegym envs
              dsegym describe synthetic --json
              dsegym eval synthetic --set family=gamma --set x=37 --json
              dsegym run --env synthetic --agent random_walk --budget 500 --seed 1
              dsegym compare --env synthetic --agents random_walk,grid --seeds 3 --budget 200
              dsegym export --format csv -o results.csv
              dsegym maestro --hw hw.m --mapping mapping.m --json
              dsegym serve --bind tcp://127.0.0.1:5555
              dsegym run --remote tcp://127.0.0.1:5555 --env synthetic --agent random_walk
            """,
        subcommands: [
            EnvsCommand.self, AgentsCommand.self, DescribeCommand.self, EvalCommand.self, RunCommand.self,
            CompareCommand.self, RunsCommand.self, ExportCommand.self, SweepCommand.self, BenchCommand.self, ReportCommand.self,
            PerfCommand.self, MaestroCommand.self, ServeCommand.self, ScaleSimCommand.self, FaultsCommand.self, ProxyCommand.self,
        ])

    /// Runs the command; input errors (unknown environment, agent, parameter, metric or value) print
    /// one line naming the valid choices and exit with status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error where isInputError(error) {
            printError("error: \(error)")
            Foundation.exit(2)
        } catch {
            exit(withError: error)
        }
    }
}
