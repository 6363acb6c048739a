import ArgumentParser
import Foundation
import Wire

/// The CLI's one error path: bad input (a malformed or out-of-range option, an unknown name, a bad
/// file) prints one line naming the field and what is allowed and exits with status 2; an I/O or
/// other failure prints one readable line and exits with status 1. Help and `ExitCode` pass through.
enum ErrorReporting {
    /// Longest error line printed, in characters: errors that quote input never echo megabytes.
    static let maximumLineLength = 600

    static func exit(for error: Error, command: DSEGymCommand.Type) -> Never {
        if error is ExitCode || error is CleanExit { command.exit(withError: error) }
        let code = command.exitCode(for: error)
        if code == .success { command.exit(withError: error) }   // --help, --version
        if code == .validationFailure || isInputError(error) {
            printError(line("error: " + (isInputError(error) ? "\(error)" : command.message(for: error))))
            Foundation.exit(2)
        }
        printError(line("error: " + readable(error)))
        Foundation.exit(1)
    }

    /// `text` on one line, cut to ``maximumLineLength`` characters.
    static func line(_ text: String) -> String {
        let single = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        guard single.count > maximumLineLength else { return single }
        return single.prefix(maximumLineLength) + "… (\(single.count - maximumLineLength) more characters)"
    }

    /// A file-system error as "PATH: reason" (the operating system's words), other errors as they
    /// describe themselves.
    static func readable(_ original: Error) -> String {
        let error = original as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return "\(original)" }
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if error.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(error.code)))
        } else if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else {
            reason = switch CocoaError.Code(rawValue: error.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
            case .fileWriteOutOfSpace: "no space left on device"
            case .fileWriteVolumeReadOnly: "read-only file system"
            case .fileWriteFileExists: "the file exists"
            default: error.localizedDescription
            }
        }
        return path.map { "\($0): \(reason)" } ?? reason
    }
}

/// A file the command will write is not writable (checked before the work, so nothing is wasted).
struct OutputPathError: Error, CustomStringConvertible {
    var description: String
}

/// Throws unless `path` can be written: its folder exists and is writable, and it is not a folder.
func checkWritable(_ path: String, option: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw OutputPathError(description: "\(option) \(path): the folder \(folder) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw OutputPathError(description: "\(option) \(path): is a folder")
    }
    guard access(folder, W_OK) == 0 else {
        throw OutputPathError(description: "\(option) \(path): cannot write in \(folder) (\(String(cString: strerror(errno))))")
    }
}

/// Throws the first range complaint among `problems` as a validation error (exit status 2, one line).
func requireInRange(_ problems: String?...) throws {
    if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
}
