import Environments
import GymCore
import Wire
import XCTest

/// A Swift client against the in-process server over loopback TCP (ephemeral port).
final class ServerClientTests: XCTestCase {
    var server: EnvironmentServer!

    override func setUpWithError() throws {
        server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 2))
    }

    override func tearDown() { server.stop() }

    func testHelloListsVersionAndEnvironments() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        XCTAssertEqual(client.offeredEnvironments, EnvironmentRegistry.standard.names)
        try client.ping()
    }

    func testRemoteStepEqualsLocalStep() throws {
        var remote = try RemoteEnvironment(endpoint: server.endpoint, environment: "synthetic", timeoutSeconds: 5)
        var local = try EnvironmentRegistry.standard.make("synthetic")
        remote.objective = local.objective
        remote.reset(seed: 3)
        local.reset(seed: 3)
        XCTAssertEqual(remote.parameterSpace, local.parameterSpace)
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        let remoteEvaluation = try remote.step(design)
        let localEvaluation = try local.step(design)
        XCTAssertEqual(remoteEvaluation.metrics, localEvaluation.metrics)
        XCTAssertEqual(remoteEvaluation.reward, localEvaluation.reward)
        XCTAssertEqual(remoteEvaluation.feasible, localEvaluation.feasible)
    }

    func testStepBatchKeepsOrder() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let (session, space) = try client.make(environment: "synthetic")
        let local = try EnvironmentRegistry.standard.make("synthetic")
        let designs: [Design] = (0..<20).map { ["family": "gamma", "x": .integer($0), "y": 16, "z": 1.0] }
        let evaluations = try client.stepBatch(session: session, designs: designs)
        XCTAssertEqual(evaluations.count, 20)
        for (design, evaluation) in zip(designs, evaluations) {
            XCTAssertEqual(evaluation.metrics, try local.step(design).metrics)
        }
        XCTAssertFalse(space.parameters.isEmpty)
        try client.close(session: session)
        XCTAssertThrowsError(try client.step(session: session, design: designs[0])) { error in
            XCTAssertEqual((error as? WireError)?.code, "unknown_session")
        }
    }

    func testInvalidDesignNamesTheParameter() throws {
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        let (session, _) = try client.make(environment: "synthetic")
        XCTAssertThrowsError(try client.step(session: session, design: ["bogus": 1])) { error in
            XCTAssertEqual((error as? WireError)?.code, "invalid_design")
            XCTAssertEqual((error as? WireError)?.field, "design.bogus")
        }
        XCTAssertThrowsError(try client.make(environment: "nope")) { error in
            XCTAssertEqual((error as? WireError)?.code, "unknown_environment")
        }
    }

    func testDeadServerMakesStepInfeasibleWithinTimeout() throws {
        let environment = try RemoteEnvironment(endpoint: server.endpoint, environment: "synthetic", timeoutSeconds: 0.5)
        server.stop()
        let started = ContinuousClock.now
        let evaluation = try environment.step(["family": "gamma", "x": 1, "y": 16, "z": 1.0])
        XCTAssertFalse(evaluation.feasible)
        XCTAssertTrue(evaluation.reason?.contains("no answer") == true, evaluation.reason ?? "")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(3))
    }

    func testNoServerFailsHandshakeWithinTimeout() {
        XCTAssertThrowsError(try WireClient(endpoint: "tcp://127.0.0.1:1", timeoutSeconds: 0.3)) { error in
            XCTAssertEqual(error as? WireClientError, .noAnswer(endpoint: "tcp://127.0.0.1:1", operation: "hello", seconds: 0.3))
        }
    }

    func testIdleSessionsExpire() throws {
        server.stop()
        server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", idleTimeoutSeconds: 0.2, workers: 1))
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        _ = try client.make(environment: "synthetic")
        XCTAssertEqual(server.sessionCount, 1)
        let deadline = ContinuousClock.now + .seconds(5)
        while server.sessionCount > 0, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertEqual(server.sessionCount, 0)
    }

    func testMaxSessionsRefusesMore() throws {
        server.stop()
        server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", maxSessions: 2, workers: 1))
        let client = try WireClient(endpoint: server.endpoint, timeoutSeconds: 5)
        _ = try client.make(environment: "synthetic")
        _ = try client.make(environment: "synthetic")
        XCTAssertThrowsError(try client.make(environment: "synthetic")) { error in
            XCTAssertEqual((error as? WireError)?.code, "too_many_sessions")
        }
    }
}

/// A server restart loses sessions; the remote environment makes its session again and goes on.
final class ReconnectionTests: XCTestCase {
    func testRestartedServerSessionIsMadeAgain() throws {
        let first = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1))
        let endpoint = first.endpoint
        var environment = try RemoteEnvironment(endpoint: endpoint, environment: "synthetic", timeoutSeconds: 2)
        environment.reset(seed: 5)
        let design: Design = ["family": "gamma", "x": 37, "y": 16, "z": 1.0]
        XCTAssertTrue(try environment.step(design).feasible)
        first.stop()
        let second = try EnvironmentServer(options: ServerOptions(endpoint: endpoint, workers: 1))
        defer { second.stop() }
        let evaluation = try environment.step(design)
        XCTAssertTrue(evaluation.feasible, evaluation.reason ?? "")
        XCTAssertEqual(evaluation.metrics["loss"], 0)
        XCTAssertEqual(second.sessionCount, 1)
    }
}

/// Batches of a remote run go in one `step_batch` and match local evaluations; a dead server makes them infeasible.
final class RemoteBatchTests: XCTestCase {
    func testRemoteBatchMatchesLocalAndDeadServerIsInfeasible() async throws {
        let server = try EnvironmentServer(options: ServerOptions(endpoint: "tcp://127.0.0.1:*", workers: 1))
        let remote = try RemoteEnvironment(endpoint: server.endpoint, environment: "synthetic", timeoutSeconds: 0.5)
        let local = try EnvironmentRegistry.standard.make("synthetic")
        let designs: [Design] = (0..<8).map { ["family": "beta", "x": .integer($0 * 5), "y": 8, "z": 2.0] }
        let remoteEvaluations = try await remote.evaluateRemotely(batch: designs)
        let localEvaluations = try await local.evaluate(batch: designs)
        XCTAssertEqual(remoteEvaluations.map(\.metrics), localEvaluations.map(\.metrics))
        XCTAssertEqual(remoteEvaluations.map(\.reward), localEvaluations.map(\.reward))
        server.stop()
        let dead = try await remote.evaluateRemotely(batch: designs)
        XCTAssertEqual(dead.count, 8)
        XCTAssertTrue(dead.allSatisfy { !$0.feasible && $0.reason?.contains("no answer") == true })
    }
}
