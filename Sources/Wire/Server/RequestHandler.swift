import Dispatch
import Environments
import Foundation
import GymCore
import Synchronization

/// Answers protocol v1 requests: bytes in, bytes out, never throwing. Shared by the server's router
/// thread (cheap requests, ``answerInline(frames:)``) and its workers (everything else).
struct RequestHandler: Sendable {
    let registry: EnvironmentRegistry
    let sessions: SessionTable
    let maxRequestBytes: Int
    /// Most designs in one `step_batch`.
    var maxBatchDesigns = 10_000
    /// Set when the server stops: a running `step_batch` ends between designs.
    var stopping = StopFlag()

    /// Requests up to this size are read on the router thread to see whether they are cheap.
    static let inlinePayloadLimit = 4096
    /// A session whose steps average under this (seconds) has its `step`s answered on the router thread.
    static let inlineStepSeconds = 100e-6

    /// Answers one ZeroMQ message received on a ROUTER socket: `[identity, (empty delimiter,) payload]`.
    /// Returns the frames to send back (same envelope). Multi-frame garbage gets a `bad_frames` reply.
    func handle(frames: [[UInt8]], deadline: ContinuousClock.Instant? = nil) -> [[UInt8]] {
        guard let (envelope, payload) = Self.split(frames) else { return [] }
        guard let payload else { return envelope + [Self.badFrames(frames)] }
        return envelope + [handle(payload: payload, deadline: deadline)]
    }

    /// The reply to a message when answering it costs microseconds whatever it holds (`ping`, `hello`,
    /// `close`, unreadable or malformed requests, and `step` on a session whose steps measured fast);
    /// `nil` when a worker must answer it (`make`, `reset`, `step_batch`, slow or unmeasured steps).
    func answerInline(frames: [[UInt8]]) -> [[UInt8]]? {
        guard let (envelope, payload) = Self.split(frames) else { return [] }
        guard let payload else { return envelope + [Self.badFrames(frames)] }
        if payload.count > maxRequestBytes { return envelope + [Self.tooLarge(payload.count, limit: maxRequestBytes)] }
        guard payload.count <= Self.inlinePayloadLimit else { return nil }
        let request: WireRequest
        do { request = try WireRequest(jsonBytes: payload) } catch {
            return envelope + [Self.encode(.failure(id: Self.salvageID(payload), error))]
        }
        switch WireRequest.Op(rawValue: request.op) {
        case .ping?, .hello?, .close?, nil:
            break
        case .step?:
            guard let id = request.session, let average = sessions.averageStepSeconds(id), average < Self.inlineStepSeconds,
                  sessions.runID(id) == nil  // a recorded step writes to the store: a worker's job
            else { return nil }
        case .make?, .reset?, .step_batch?, .open_run?:
            return nil
        }
        return envelope + [reply(to: request, deadline: nil)]
    }

    /// Answers one request payload (JSON text) with the reply's JSON text.
    func handle(payload: [UInt8], deadline: ContinuousClock.Instant? = nil) -> [UInt8] {
        if payload.count > maxRequestBytes { return Self.tooLarge(payload.count, limit: maxRequestBytes) }
        let request: WireRequest
        do {
            request = try WireRequest(jsonBytes: payload)
        } catch {
            return Self.encode(.failure(id: Self.salvageID(payload), error))
        }
        return reply(to: request, deadline: deadline)
    }

    private func reply(to request: WireRequest, deadline: ContinuousClock.Instant?) -> [UInt8] {
        do {
            return Self.encode(try answer(request, deadline: deadline))
        } catch let error as WireError {
            return Self.encode(.failure(id: request.id, error))
        } catch {
            return Self.encode(.failure(id: request.id, WireError(.internal, String(describing: error))))
        }
    }

    /// The envelope (`[identity]` or `[identity, empty]`) and the one payload frame (`nil` when the
    /// message does not have exactly one); `nil` for a message without even an identity.
    static func split(_ frames: [[UInt8]]) -> (envelope: [[UInt8]], payload: [UInt8]?)? {
        guard let identity = frames.first else { return nil }
        let body = frames.dropFirst()
        let delimited = body.first?.isEmpty == true && body.count >= 2
        let envelope: [[UInt8]] = delimited ? [identity, []] : [identity]
        let payloadFrames = delimited ? Array(body.dropFirst()) : Array(body)
        return (envelope, payloadFrames.count == 1 ? payloadFrames[0] : nil)
    }

    static func badFrames(_ frames: [[UInt8]]) -> [UInt8] {
        let count = max(0, frames.count - 1 - (frames.count > 2 && frames[1].isEmpty ? 1 : 0))
        return encode(.failure(id: nil, WireError(.badFrames, "a request is one frame (after an optional empty delimiter); got \(count)")))
    }

    static func tooLarge(_ bytes: Int, limit: Int) -> [UInt8] {
        encode(.failure(id: nil, WireError(.tooLarge, "request of \(bytes) bytes; the limit is \(limit)")))
    }

    func answer(_ request: WireRequest, deadline: ContinuousClock.Instant? = nil) throws -> WireReply {
        guard request.v == WireProtocol.version else {
            throw WireError(.unsupportedVersion, "protocol version \(request.v) is not supported; supported: \(WireProtocol.version)", field: "v")
        }
        guard let op = WireRequest.Op(rawValue: request.op) else {
            throw WireError(.unknownOp, "unknown op '\(request.op)'; valid ops: \(WireRequest.Op.allCases.map(\.rawValue).joined(separator: ", "))", field: "op")
        }
        var reply = WireReply(id: request.id, ok: true)
        switch op {
        case .ping:
            break
        case .hello:
            reply.versions = [WireProtocol.version]
            reply.environments = registry.names
        case .make:
            let (session, description) = try make(request)
            reply.session = session
            reply.space = description
        case .reset:
            let id = try required(request.session, "session")
            guard sessions.reset(id, seed: request.seed ?? 0) else { throw unknownSession(id) }
        case .step:
            let environment = try session(request)
            let design = try required(request.design, "design")
            let valid = try validate(design, environment, field: "design")
            let start = ContinuousClock.now
            let evaluation = environment.evaluate(validated: valid)
            sessions.recordSteps(request.session!, count: 1, duration: .now - start)
            try recordRun(request.session!, [evaluation])
            reply.evaluation = WireEvaluation(evaluation)
        case .step_batch:
            let environment = try session(request)
            let designs = try required(request.designs, "designs")
            guard designs.count <= maxBatchDesigns else {
                throw WireError(.tooLarge, "step_batch of \(designs.count) designs; the limit is \(maxBatchDesigns): send several", field: "designs")
            }
            let valid = try designs.enumerated().map { index, design in try validate(design, environment, field: "designs[\(index)]") }
            let start = ContinuousClock.now
            let evaluations = try Self.evaluateInParallel(valid, environment) { done throws(WireError) in
                if stopping.isSet { throw WireError(.unavailable, "the server is stopping; \(done) of \(valid.count) designs were evaluated") }
                if let deadline, ContinuousClock.now > deadline {
                    throw WireError(.deadlineExceeded, "step_batch ran past the server's per-request limit after \(done) of \(valid.count) designs; send fewer designs per batch", field: "designs")
                }
            }
            sessions.recordSteps(request.session!, count: valid.count, duration: .now - start)
            try recordRun(request.session!, evaluations)
            reply.evaluations = evaluations.map(WireEvaluation.init)
        case .open_run:
            reply.runID = try openRun(request)
        case .close:
            let id = try required(request.session, "session")
            guard sessions.remove(id) else { throw unknownSession(id) }
        }
        return reply
    }

    private func make(_ request: WireRequest) throws -> (String, EnvironmentDescription) {
        let name = try required(request.env, "env")
        let entry: EnvironmentEntry
        do { entry = try registry.entry(name) } catch {
            throw WireError(.unknownEnvironment, String(describing: error), field: "env")
        }
        if let workload = request.workload, !entry.workloads.contains(workload) {
            throw WireError(.invalidOption, "\(name): unknown workload '\(workload)'; valid workloads: \(entry.workloads.joined(separator: ", "))", field: "workload")
        }
        var environment: any Environment
        do { environment = try entry.make(workload: request.workload, options: request.options ?? [:]) } catch {
            throw WireError(.invalidOption, String(describing: error), field: "options")
        }
        if let objective = request.objective {
            let choice = try ObjectiveChoice(wire: objective)
            do { environment.adopt(try choice.objective(for: environment, presets: entry.objectivePresets)) } catch {
                throw WireError(.invalidOption, String(describing: error), field: "objective")
            }
        }
        guard let session = sessions.add(environment) else {
            throw WireError(.tooManySessions, "the server holds its maximum of \(sessions.maxSessions) sessions; close one first")
        }
        let description = EnvironmentDescription(environment, summary: entry.summary, workloads: entry.workloads,
                                                  presets: entry.objectivePresets.mapValues(\.description))
        return (session, description)
    }

    /// `open_run`: starts recording the session's steps as a run the client describes.
    private func openRun(_ request: WireRequest) throws -> Int {
        guard let recorder = sessions.recorder else {
            throw WireError(.badRequest, "this server records no runs; start it with `dsegym serve --results DIR`", field: "op")
        }
        let id = try required(request.session, "session")
        let environment = try session(request)
        guard sessions.runID(id) == nil else { throw WireError(.badRequest, "session '\(id)' already records a run", field: "session") }
        let run = try OpenedRun(wire: try required(request.run, "run"), seed: request.seed ?? 0)
        let runID: Int
        do { runID = try recorder.open(run, environment: environment) } catch {
            throw WireError(.internal, "the run could not be recorded: \(error)")
        }
        guard sessions.attachRun(id, runID: runID) else {
            recorder.end(runID: runID, complete: false)
            throw unknownSession(id)
        }
        return runID
    }

    /// Records answered evaluations under the session's run, if it has one.
    private func recordRun(_ id: String, _ evaluations: [Evaluation]) throws {
        guard let runID = sessions.runID(id), let recorder = sessions.recorder else { return }
        do { try recorder.record(runID: runID, evaluations) } catch {
            throw WireError(.internal, "evaluated, but run \(runID) could not record it: \(error)")
        }
    }

    private func session(_ request: WireRequest) throws -> any Environment {
        let id = try required(request.session, "session")
        guard let environment = sessions.environment(id) else { throw unknownSession(id) }
        return environment
    }

    private func unknownSession(_ id: String) -> WireError {
        WireError(.unknownSession, "unknown or expired session '\(id)'; make a new one", field: "session")
    }

    private func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw WireError(.badRequest, "missing field '\(field)'", field: field) }
        return value
    }

    private func validate(_ design: Design, _ environment: any Environment, field: String) throws -> Design {
        do { return try environment.parameterSpace.validate(design, fillingDefaults: true) } catch {
            let parameter: String? = switch error {
            case .invalidValue(let name, _, _): name
            case .unknownParameter(let name, _): name
            case .missingParameter(let name): name
            case .wrongVectorLength: nil
            }
            throw WireError(.invalidDesign, error.description, field: parameter.map { "\(field).\($0)" } ?? field)
        }
    }

    /// Evaluates validated designs on all cores, keeping their order, in chunks of a few designs per
    /// core; `check` runs before each chunk with the number done so far and may throw to stop.
    static func evaluateInParallel(_ designs: [Design], _ environment: any Environment,
                                   check: (Int) throws(WireError) -> Void = { _ in }) throws(WireError) -> [Evaluation]
    {
        if designs.count <= 1 {
            try check(0)
            return designs.map(environment.evaluate(validated:))
        }
        let chunk = 4 * ProcessInfo.processInfo.activeProcessorCount
        var evaluations: [Evaluation] = []
        evaluations.reserveCapacity(designs.count)
        var start = 0
        while start < designs.count {
            try check(start)
            let part = designs[start..<min(start + chunk, designs.count)]
            let results = Mutex<[Evaluation?]>(Array(repeating: nil, count: part.count))
            DispatchQueue.concurrentPerform(iterations: part.count) { offset in
                let evaluation = environment.evaluate(validated: part[part.startIndex + offset])
                results.withLock { $0[offset] = evaluation }
            }
            evaluations += results.withLock { $0.map { $0! } }
            start += part.count
        }
        return evaluations
    }

    static func describe(decodingError error: Error) -> WireError {
        guard let error = error as? DecodingError else { return WireError(.badJSON, "not valid JSON") }
        func path(_ context: DecodingError.Context) -> String? {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
            let text = parts.joined().drop { $0 == "." }
            return text.isEmpty ? nil : String(text)
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return WireError(.badJSON, "not valid JSON (or not UTF-8)")
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            _ = type
            return WireError(.badRequest, "a request must be a JSON object")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let field = path(context)
            return WireError(.badRequest, "wrong type for field '\(field ?? "?")'", field: field)
        case .keyNotFound(let key, let context):
            let field = [path(context), key.stringValue].compactMap { $0 }.joined(separator: ".")
            return WireError(.badRequest, "missing field '\(field)'", field: field)
        @unknown default:
            return WireError(.badRequest, "malformed request")
        }
    }

    static func encode(_ reply: WireReply) -> [UInt8] {
        let bytes = reply.jsonBytes
        if !bytes.isEmpty { return bytes }
        return Array(#"{"v":1,"ok":false,"error":{"code":"internal","message":"reply could not be encoded","field":null}}"#.utf8)
    }

    /// The request's id when the request is an object with a readable id (for error replies).
    static func salvageID(_ payload: [UInt8]) -> JSONValue? {
        guard case .object(let members)? = try? JSONReader.parse(payload) else { return nil }
        return try? FieldReader(members: members, prefix: "").id()
    }
}
