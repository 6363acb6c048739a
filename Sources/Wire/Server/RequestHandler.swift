import Dispatch
import Environments
import Foundation
import GymCore
import Synchronization

/// Answers protocol v1 requests: bytes in, bytes out, never throwing. Shared by the server's workers.
struct RequestHandler: Sendable {
    let registry: EnvironmentRegistry
    let sessions: SessionTable
    let maxRequestBytes: Int

    /// Answers one ZeroMQ message received on a ROUTER socket: `[identity, (empty delimiter,) payload]`.
    /// Returns the frames to send back (same envelope). Multi-frame garbage gets a `bad_frames` reply.
    func handle(frames: [[UInt8]]) -> [[UInt8]] { handleReportingOp(frames: frames).reply }

    /// ``handle(frames:)`` that also says which op was answered (`nil` for an unreadable request).
    func handleReportingOp(frames: [[UInt8]]) -> (reply: [[UInt8]], op: String?) {
        guard let identity = frames.first else { return ([], nil) }
        let body = frames.dropFirst()
        let delimited = body.first?.isEmpty == true && body.count >= 2
        let envelope: [[UInt8]] = delimited ? [identity, []] : [identity]
        let payloadFrames = delimited ? Array(body.dropFirst()) : Array(body)
        guard payloadFrames.count == 1 else {
            let error = WireError(.badFrames, "a request is one frame (after an optional empty delimiter); got \(payloadFrames.count)")
            return (envelope + [Self.encode(.failure(id: nil, error))], nil)
        }
        let (reply, op) = handleReportingOp(payload: payloadFrames[0])
        return (envelope + [reply], op)
    }

    /// Answers one request payload (JSON text) with the reply's JSON text.
    func handle(payload: [UInt8]) -> [UInt8] { handleReportingOp(payload: payload).reply }

    func handleReportingOp(payload: [UInt8]) -> (reply: [UInt8], op: String?) {
        if payload.count > maxRequestBytes {
            return (Self.encode(.failure(id: nil, WireError(.tooLarge, "request of \(payload.count) bytes; the limit is \(maxRequestBytes)"))), nil)
        }
        let request: WireRequest
        do {
            request = try WireRequest(jsonBytes: payload)
        } catch {
            return (Self.encode(.failure(id: Self.salvageID(payload), error)), nil)
        }
        do {
            return (Self.encode(try answer(request)), request.op)
        } catch let error as WireError {
            return (Self.encode(.failure(id: request.id, error)), request.op)
        } catch {
            return (Self.encode(.failure(id: request.id, WireError(.internal, String(describing: error)))), request.op)
        }
    }

    func answer(_ request: WireRequest) throws -> WireReply {
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
            reply.evaluation = WireEvaluation(environment.evaluate(validated: valid))
        case .step_batch:
            let environment = try session(request)
            let designs = try required(request.designs, "designs")
            let valid = try designs.enumerated().map { index, design in try validate(design, environment, field: "designs[\(index)]") }
            reply.evaluations = Self.evaluateInParallel(valid, environment).map(WireEvaluation.init)
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
        do { return try environment.parameterSpace.validate(design) } catch {
            let parameter: String? = switch error {
            case .invalidValue(let name, _, _): name
            case .unknownParameter(let name, _): name
            case .missingParameter(let name): name
            case .wrongVectorLength: nil
            }
            throw WireError(.invalidDesign, error.description, field: parameter.map { "\(field).\($0)" } ?? field)
        }
    }

    /// Evaluates validated designs on all cores, keeping their order.
    static func evaluateInParallel(_ designs: [Design], _ environment: any Environment) -> [Evaluation] {
        if designs.count <= 1 { return designs.map(environment.evaluate(validated:)) }
        let results = Mutex<[Evaluation?]>(Array(repeating: nil, count: designs.count))
        DispatchQueue.concurrentPerform(iterations: designs.count) { index in
            let evaluation = environment.evaluate(validated: designs[index])
            results.withLock { $0[index] = evaluation }
        }
        return results.withLock { $0.map { $0! } }
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
