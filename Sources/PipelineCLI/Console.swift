import Foundation

/// Where the CLI writes: results to standard output, progress and problems to standard error.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress then updates one line in place).
    static var isTerminal: Bool { isatty(2) == 1 }
}
