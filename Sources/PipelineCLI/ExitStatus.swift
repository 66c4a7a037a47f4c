import ArgumentParser

/// The documented exit codes.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
    case invalidConfiguration = 3
    case partial = 4
    /// The ZIP was written but could not be delivered to the postback URL.
    case deliveryFailed = 5

    var exitCode: ExitCode { ExitCode(rawValue) }
}
