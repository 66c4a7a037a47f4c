import ArgumentParser

/// The documented exit codes.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
    case invalidConfiguration = 3
    case partial = 4

    var exitCode: ExitCode { ExitCode(rawValue) }
}
