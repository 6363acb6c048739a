import Dispatch
import Synchronization

/// One request handed from the router thread to a worker: its frames and when it must be done by.
struct Job: Sendable {
    var frames: [[UInt8]]
    var deadline: ContinuousClock.Instant
}

/// The server's queue of requests waiting for a worker: first in, first out, taken by whichever worker
/// is free (so a long request never holds up others while another worker idles). Closing it wakes
/// every waiting worker, which then gets `nil`.
final class JobQueue: Sendable {
    private struct State {
        var jobs: [Job] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let waiters: Int

    /// `waiters`: how many workers may be blocked in ``take()`` (each is woken once on ``close()``).
    init(waiters: Int) { self.waiters = waiters }

    func push(_ job: Job) {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
    }

    /// The oldest job, waiting for one; `nil` once the queue is closed.
    func take() -> Job? {
        while true {
            available.wait()
            let job = state.withLock { state -> Job?? in
                if state.closed { return .some(nil) }
                guard state.head < state.jobs.count else { return nil }
                let job = state.jobs[state.head]
                state.head += 1
                if state.head > 64 && state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            if let job { return job }
        }
    }

    /// Drops the queued jobs and wakes every worker.
    func close() {
        state.withLock { state in
            state.closed = true
            state.jobs.removeAll()
        }
        for _ in 0..<waiters { available.signal() }
    }
}

/// The workers' way back to the router thread: one inproc PUSH socket shared under a lock, so the
/// router thread owns and closes every socket and a worker still busy at shutdown never holds one
/// (its late reply is dropped).
final class ReplyChannel: Sendable {
    private let socket: Mutex<ZMQSocket?>

    init(_ socket: ZMQSocket) { self.socket = Mutex(socket) }

    /// Sends a reply; `false` once closed or when the send failed.
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        socket.withLock { socket in
            guard let socket else { return false }
            return (try? socket.send(frames)) != nil
        }
    }

    func close() {
        socket.withLock { socket in
            socket?.close()
            socket = nil
        }
    }
}
