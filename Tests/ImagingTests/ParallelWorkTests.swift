import Foundation
@testable import Imaging
import Synchronization
import Testing

@Suite struct ParallelWorkTests {
    @Test(arguments: [1, 2, 3])
    func everyPieceRunsOnceAndTheTwoLargestNotSideBySide(threads: Int) throws {
        // Pieces ordered largest first, each taking time in proportion to its size.
        let count = 8
        let state = Mutex<(done: [Int], running: Set<Int>, together: Bool)>(([], [], false))
        try ParallelWork.run(count: count, threads: threads, fromBothEnds: true) { index in
            state.withLock {
                $0.running.insert(index)
                if $0.running.isSuperset(of: [0, 1]) { $0.together = true }
            }
            Thread.sleep(forTimeInterval: 0.005 * Double(count - index))
            state.withLock {
                $0.running.remove(index)
                $0.done.append(index)
            }
        }
        let result = state.withLock { $0 }
        #expect(result.done.sorted() == Array(0..<count))
        #expect(!result.together, "the two largest pieces ran at the same time")
    }

    @Test(arguments: [1, 2, 3])
    func inOneOrderEveryPieceRunsOnce(threads: Int) throws {
        let started = Mutex<[Int]>([])
        try ParallelWork.run(count: 20, threads: threads) { index in
            started.withLock { $0.append(index) }
            Thread.sleep(forTimeInterval: 0.001)
        }
        #expect(started.withLock { $0 }.sorted() == Array(0..<20))
    }

    @Test func theFirstErrorIsRethrownAndTheRestIsSkipped() {
        struct Stop: Error {}
        let ran = Mutex(0)
        #expect(throws: Stop.self) {
            try ParallelWork.run(count: 50, threads: 2) { index in
                ran.withLock { $0 += 1 }
                if index == 0 { throw Stop() }
                Thread.sleep(forTimeInterval: 0.002)
            }
        }
        #expect(ran.withLock { $0 } < 50)
    }
}
