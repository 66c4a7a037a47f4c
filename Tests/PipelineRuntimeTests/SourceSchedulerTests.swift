import Foundation
import Imaging
import PipelineCore
@testable import PipelineRuntime
import Synchronization
import Testing

@Suite struct SourceSchedulerTests {
    func outcome(_ index: Int, _ code: String? = nil) -> SourceOutcome {
        SourceOutcome(source: Manifest.Source(source: "s\(index)", stem: "s\(index)", status: code == nil ? .succeeded : .failed, outputs: 0),
                      outputs: [], failure: code.map { Manifest.Failure(source: "s\(index)", code: $0, message: "") })
    }

    @Test func aThreadStuckOutsideLibvipsIsAbandonedAndTheJobGoesOn() async {
        let started = Date()
        let lastRecorded = Mutex(started)
        let scheduler = SourceScheduler(
            count: 5, threads: 2, timeout: 0.2, grace: 0.2,
            work: { index, _ in
                // Work that no kill flag reaches: it ignores cancellation entirely.
                if index == 1 { Thread.sleep(forTimeInterval: 10) }
                return outcome(index)
            },
            timedOut: { index in outcome(index, "SOURCE_TIMEOUT") },
            finishedOne: { _, _, _ in lastRecorded.withLock { $0 = Date() } })
        let outcomes = await scheduler.run()
        #expect(outcomes.map(\.failure?.code) == [nil, "SOURCE_TIMEOUT", nil, nil, nil])
        // Every source was recorded long before the stuck thread would have returned. (Measured
        // where the scheduler records, on its own threads: this test's own resumption can be
        // delayed by other tests that occupy the cooperative pool.)
        #expect(lastRecorded.withLock { $0 }.timeIntervalSince(started) < 8)
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
