import Foundation
import PipelineRuntime
import Synchronization

/// Shows a job's progress: one line updated in place on a terminal, plain lines otherwise.
final class ProgressDisplay: Sendable {
    private struct State {
        var sourcesDone = 0
        var outputs = 0
        var failures = 0
    }

    private let total: Int
    private let started = Date()
    private let interactive: Bool
    private let state = Mutex(State())

    init(totalSources: Int, interactive: Bool = Console.isTerminal) {
        total = totalSources
        self.interactive = interactive
    }

    func handle(_ event: ProgressEvent) {
        switch event {
        case .sourceFinished(let name, let outputs, let failure):
            let snapshot = state.withLock { state -> State in
                state.sourcesDone += 1
                state.outputs += outputs
                if failure != nil { state.failures += 1 }
                return state
            }
            let elapsed = String(format: "%.1f s", Date().timeIntervalSince(started))
            if interactive {
                if let failure { Console.error("\r\u{1B}[K  failed \(name): \(failure)") }
                FileHandle.standardError.write(Data("\r\u{1B}[K  \(snapshot.sourcesDone)/\(total) sources · \(snapshot.outputs) outputs · \(elapsed)".utf8))
                if snapshot.sourcesDone == total { Console.error("") }
            } else if let failure {
                Console.error("failed \(name): \(failure)")
            } else {
                Console.error("done   \(name): \(outputs) outputs (\(snapshot.sourcesDone)/\(total), \(elapsed))")
            }
        }
    }
}
