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

    /// A file-system error as "cannot write PATH: reason", other errors as they describe themselves.
    static func readable(_ error: Error) -> String {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return "\(error as Error)" }
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        var reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { underlying -> String in
            underlying.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(underlying.code))) : underlying.localizedDescription
        } ?? error.localizedDescription
        if error.domain == NSPOSIXErrorDomain { reason = String(cString: strerror(Int32(error.code))) }
        let verb = (CocoaError.Code.fileWriteUnknown.rawValue...CocoaError.Code.fileWriteVolumeReadOnly.rawValue).contains(error.code)
            ? "cannot write" : "cannot read"
        return path.map { "\(verb) \($0): \(reason)" } ?? reason
    }
}

/// Throws the first range complaint among `problems` as a validation error (exit status 2, one line).
func requireInRange(_ problems: String?...) throws {
    if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
}
