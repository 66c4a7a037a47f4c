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

    /// Runs `footprints.count` sources of the given footprints on `threads` workers; each holds
    /// for `seconds`. Returns the most whole-image bytes held at once, the most sources at once,
    /// and the start order.
    func held(footprints: [Int], budget: Int, threads: Int, seconds: TimeInterval = 0.05)
        async -> (bytes: Int, sources: Int, order: [Int], outcomes: [SourceOutcome]) {
        struct Held { var bytes = 0, sources = 0, mostBytes = 0, mostSources = 0, order: [Int] = [] }
        let held = Mutex(Held())
        let scheduler = SourceScheduler(
            count: footprints.count, threads: threads, timeout: 60, decodeBudget: budget, footprint: { footprints[$0] },
            work: { index, _ in
                held.withLock { state in
                    state.bytes += footprints[index]
                    state.sources += 1
                    state.mostBytes = max(state.mostBytes, state.bytes)
                    state.mostSources = max(state.mostSources, state.sources)
                    state.order.append(index)
                }
                Thread.sleep(forTimeInterval: seconds)
                held.withLock { state in
                    state.bytes -= footprints[index]
                    state.sources -= 1
                }
                return outcome(index)
            },
            timedOut: { index in outcome(index, "X") }, finishedOne: { _, _, _ in })
        let outcomes = await scheduler.run()
        let result = held.withLock { $0 }
        return (result.mostBytes, result.mostSources, result.order, outcomes)
    }

    @Test func sourcesThatHoldWholeImagesStayWithinTheBudgetTogether() async {
        // Two 100-byte decodes never at once in a budget of 128; the streaming ones keep the
        // other workers busy meanwhile.
        let run = await held(footprints: [100, 100, 0, 0, 0, 0, 60, 60], budget: 128, threads: 3)
        #expect(run.bytes <= 128)
        #expect(run.sources == 3)
        #expect(run.outcomes.map(\.source.source) == (0..<8).map { "s\($0)" })
        // The second 100 waited; sources behind it started first.
        #expect(run.order.first == 0)
        #expect(run.order.firstIndex(of: 1)! > run.order.firstIndex(of: 2)!)
    }

    @Test func aSourceLargerThanTheWholeBudgetRunsWhenNoOtherHoldsAny() async {
        let run = await held(footprints: [10, 500, 10, 0, 500], budget: 100, threads: 2)
        #expect(run.bytes == 500) // alone, never with another's 10 or 500
        #expect(run.outcomes.count == 5)
    }

    @Test func aWaitingSourceIsNotPassedByOthersThatHoldMemory() async {
        // 100 waits for the 90 to finish; the 30s behind it, which would fit beside the 90 one
        // after another, must not keep it waiting to the end.
        let run = await held(footprints: [90, 100, 30, 30, 30, 30, 30, 30, 0], budget: 128, threads: 2)
        #expect(run.bytes <= 128)
        #expect(run.order.firstIndex(of: 1)! < run.order.firstIndex(of: 2)!)
        #expect(run.order.firstIndex(of: 8)! < run.order.firstIndex(of: 1)!) // a streaming one went by
    }

    @Test func withoutWholeImageDecodesTheBudgetChangesNothing() async {
        let run = await held(footprints: Array(repeating: 0, count: 12), budget: 1, threads: 4, seconds: 0.02)
        #expect(run.sources == 4)
        #expect(run.order.count == 12)
    }

    @Test func anAbandonedSourceGivesBackItsShareSoTheJobGoesOn() async {
        let started = Date()
        let lastRecorded = Mutex(started)
        let scheduler = SourceScheduler(
            count: 3, threads: 2, timeout: 0.2, grace: 0.2, decodeBudget: 100, footprint: { _ in 80 },
            work: { index, _ in
                if index == 0 { Thread.sleep(forTimeInterval: 10) } // stuck, holding 80 of 100
                return outcome(index)
            },
            timedOut: { index in outcome(index, "SOURCE_TIMEOUT") },
            finishedOne: { _, _, _ in lastRecorded.withLock { $0 = Date() } })
        let outcomes = await scheduler.run()
        #expect(outcomes.map(\.failure?.code) == ["SOURCE_TIMEOUT", nil, nil])
        #expect(lastRecorded.withLock { $0 }.timeIntervalSince(started) < 8)
    }

    @Test func theBudgetAdmitsByTheSumAndOneOversizedSourceAlone() {
        var budget = DecodeBudget(limit: 100)
        var admitted: [Bool] = []
        admitted.append(budget.admit(0))
        admitted.append(budget.admit(150)) // nothing else held: the oversized one starts
        admitted.append(budget.admit(1))
        admitted.append(budget.admit(0)) // streaming decoders always start
        budget.release(150)
        admitted.append(budget.admit(60))
        admitted.append(budget.admit(40))
        admitted.append(budget.admit(1))
        budget.release(60)
        admitted.append(budget.admit(60))
        #expect(admitted == [true, true, false, true, true, true, false, true])
        #expect(budget.held == 100 && budget.holders == 2)
    }

    @Test func aSourceFilesWholeImageDecodeIsReadFromItsHeaderOnDisk() {
        let matrix = "\(repositoryRoot)/Tests/ImagingTests/Fixtures/matrix"
        #expect(SourceFile(path: "\(matrix)/progressive.jpg", name: "p.jpg").wholeImageDecodeBytes > 0)
        #expect(SourceFile(path: "\(matrix)/baseline.jpg", name: "b.jpg").wholeImageDecodeBytes == 0)
        #expect(SourceFile(path: "\(matrix)/nope.jpg", name: "n.jpg").wholeImageDecodeBytes == 0) // its processing says why
    }
}
