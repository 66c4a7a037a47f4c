import Foundation

/// A test-only way to make a process die on one source, as a crashing decoder would: with
/// `PIPELINE_FAULT_INJECTION_CRASH=NAME` in its environment, the process that starts working on
/// a source named NAME aborts (SIGABRT). Without `--isolate` that is the whole `pipeline run` or
/// server process; with it, the source's own child. The isolation and crash-loop tests set it;
/// nothing else does.
enum CrashHook {
    static let sourceName = ProcessInfo.processInfo.environment["PIPELINE_FAULT_INJECTION_CRASH"]

    static func check(_ name: String) {
        if let sourceName, sourceName == name { abort() }
    }
}
