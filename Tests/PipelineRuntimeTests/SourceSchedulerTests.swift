import Foundation
import Imaging
import PipelineCore
@testable import PipelineRuntime
import Testing

@Suite struct SourceSchedulerTests {
    func outcome(_ index: Int, _ code: String? = nil) -> SourceOutcome {
        SourceOutcome(source: Manifest.Source(source: "s\(index)", stem: "s\(index)", status: code == nil ? "succeeded" : "failed", outputs: 0),
                      outputs: [], failure: code.map { Manifest.Failure(source: "s\(index)", code: $0, message: "") })
    }

    @Test func aThreadStuckOutsideLibvipsIsAbandonedAndTheJobGoesOn() async {
        let started = Date()
        let scheduler = SourceScheduler(
            count: 5, threads: 2, timeout: 0.2, grace: 0.2,
            work: { index, _ in
                // Work that no kill flag reaches: it ignores cancellation entirely.
                if index == 1 { Thread.sleep(forTimeInterval: 6) }
                return outcome(index)
            },
            timedOut: { index in outcome(index, "SOURCE_TIMEOUT") },
            finishedOne: { _, _, _ in })
        let outcomes = await scheduler.run()
        #expect(outcomes.map(\.failure?.code) == [nil, "SOURCE_TIMEOUT", nil, nil, nil])
        // The job did not wait for the stuck thread.
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func cancellationReachesWorkThatChecksIt() async {
        let scheduler = SourceScheduler(
            count: 3, threads: 3, timeout: 0.1, grace: 5,
            work: { index, cancellation in
                guard index == 0 else { return outcome(index) }
                while !cancellation.isCancelled { Thread.sleep(forTimeInterval: 0.01) }
                return outcome(index, "SOURCE_TIMEOUT")
            },
            timedOut: { index in outcome(index, "ABANDONED") },
            finishedOne: { _, _, _ in })
        let outcomes = await scheduler.run()
        #expect(outcomes.map(\.failure?.code) == ["SOURCE_TIMEOUT", nil, nil])
    }

    @Test func everySourceIsRunOnceInOrderOfIndex() async {
        let scheduler = SourceScheduler(count: 50, threads: 2, timeout: 60, work: { index, _ in outcome(index) },
                                        timedOut: { index in outcome(index, "X") }, finishedOne: { _, _, _ in })
        let outcomes = await scheduler.run()
        #expect(outcomes.map(\.source.source) == (0..<50).map { "s\($0)" })
    }
}
