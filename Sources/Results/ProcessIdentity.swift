import Foundation
#if canImport(Darwin)
import Darwin
#endif

/// Who runs something: host, process id and the process's start time, so a recycled pid (a new
/// process given the number of one that died) is never taken for the original owner.
///
/// `started` is opaque text: on Linux the boot id and the start time in clock ticks since boot
/// (`/proc/PID/stat` field 22), on macOS the start time in microseconds; empty when unknown.
public struct ProcessIdentity: Sendable, Hashable {
    public var host: String
    public var pid: Int
    public var started: String

    public init(host: String, pid: Int, started: String) {
        self.host = host
        self.pid = pid
        self.started = started
    }

    /// This process.
    public static let current = ProcessIdentity(host: ProcessInfo.processInfo.hostName, pid: Int(getpid()),
                                                started: startTime(of: Int(getpid())) ?? "")

    /// Whether this process is alive, on this host: `true` or `false`; `nil` for another host (only a
    /// heartbeat can tell). A process whose pid is alive but with another start time is not alive.
    public var isAliveOnThisHost: Bool? {
        guard host == Self.current.host else { return nil }
        if pid == Self.current.pid { return started.isEmpty || started == Self.current.started }
        guard pid > 0, pid <= Int(Int32.max) else { return false }
        if kill(pid_t(pid), 0) != 0 && errno == ESRCH { return false }
        guard !started.isEmpty, let now = Self.startTime(of: pid) else { return true }   // older rows: the pid is all there is
        return now == started
    }

    /// The start time of process `pid` as opaque text, `nil` when it cannot be read (no such process).
    static func startTime(of pid: Int) -> String? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return "\(boot):\(fields[19])"
        #elseif canImport(Darwin)
        var info = kinfo_proc()
        var size = MemoryLayout<kinfo_proc>.stride
        var name: [Int32] = [CTL_KERN, KERN_PROC, KERN_PROC_PID, Int32(pid)]
        guard sysctl(&name, 4, &info, &size, nil, 0) == 0, size > 0 else { return nil }
        let start = info.kp_proc.p_un.__p_starttime
        return String(Int64(start.tv_sec) * 1_000_000 + Int64(start.tv_usec))
        #else
        return nil
        #endif
    }
}
