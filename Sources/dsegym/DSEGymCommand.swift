import ArgumentParser
import Foundation

/// The `dsegym` command line: a thin layer over Experiments, Environments, Agents and Results.
@main
struct DSEGymCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsegym",
        abstract: "Machine-learning-assisted hardware design-space exploration.",
        discussion: """
            Environments wrap architecture simulators behind one reset/step protocol; agents search them; \
            every evaluation is recorded in a SQLite results store (results/dsegym.sqlite by default).

            Examples:
              dsegym envs
              dsegym describe synthetic --json
              dsegym eval synthetic --set family=gamma --set x=37 --json
              dsegym run --env synthetic --agent random_walk --budget 500 --seed 1
              dsegym compare --env synthetic --agents random_walk,ga,bo --seeds 3
              dsegym export --sweep smoke --format csv -o smoke.csv
              dsegym maestro --hw hw.m --mapping mapping.m --json
              dsegym serve --bind tcp://127.0.0.1:5555
              dsegym run --remote tcp://127.0.0.1:5555 --env synthetic --agent ga
            """,
        subcommands: [
            EnvsCommand.self, AgentsCommand.self, DescribeCommand.self, EvalCommand.self, RunCommand.self,
            CompareCommand.self, RunsCommand.self, ExportCommand.self, ImportCommand.self, SweepCommand.self, BenchCommand.self, ReportCommand.self,
            PerfCommand.self, MaestroCommand.self, ServeCommand.self, ScaleSimCommand.self, FaultsCommand.self, ProxyCommand.self,
        ])

    /// Runs the command; errors take the CLI's one path (``ErrorReporting``): bad input prints one line
    /// naming the field and what is allowed and exits with status 2, I/O errors one line and status 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ErrorReporting.exit(for: error, command: self)
        }
    }
}
