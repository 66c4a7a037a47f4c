import Foundation
import PipelineRuntime
import Synchronization

/// Shows a job's progress: on a terminal one line redrawn in place (and on every `tick()`, so a
/// long source still shows time passing); otherwise one plain line per source.
final class ProgressDisplay: Sendable {
    private struct State {
        var sourcesDone = 0
        var outputs = 0
        var finished = false
    }

    private let total: Int
    private let started = Date()
    private let interactive: Bool
    private let state = Mutex(State())

    init(totalSources: Int, interactive: Bool = Console.isTerminal) {
        total = totalSources
        self.interactive = interactive
    }

    /// Redraws the line on a terminal (elapsed time moves on); nothing otherwise.
    func tick() {
        if interactive { redraw() }
    }

    func handle(_ event: ProgressEvent) {
        switch event {
        case .sourceFinished(let name, let outputs, let failure, let seconds):
            let done = state.withLock { state -> Int in
                state.sourcesDone += 1
                state.outputs += outputs
                return state.sourcesDone
            }
            if interactive {
                if let failure { Console.error("\r\u{1B}[K  failed \(name): \(failure)") }
                redraw()
            } else if let failure {
                Console.error("failed \(name) in \(String(format: "%.2f", seconds)) s: \(failure)")
            } else {
                Console.error("done   \(name) in \(String(format: "%.2f", seconds)) s: \(outputs) outputs (\(done)/\(total), \(elapsed))")
            }
        }
    }

    /// Ends the display (on a terminal, the progress line is kept and a new line begun).
    func finish() {
        let wasFinished = state.withLock { state -> Bool in
            defer { state.finished = true }
            return state.finished
        }
        if interactive, !wasFinished {
            redraw(force: true)
            Console.error("")
        }
    }

    private var elapsed: String { String(format: "%.1f s", Date().timeIntervalSince(started)) }

    private func redraw(force: Bool = false) {
        let snapshot = state.withLock { $0 }
        guard force || !snapshot.finished else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K  \(snapshot.sourcesDone)/\(total) sources · \(snapshot.outputs) outputs · \(elapsed)".utf8))
    }
}
