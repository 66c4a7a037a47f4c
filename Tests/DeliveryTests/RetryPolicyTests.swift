import Delivery
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test func theDefaultScheduleIsTheDocumentedTable() {
        #expect(policy.schedule == [10, 30, 90, 270, 810, 2430, 7290, 21600, 21600, 21600, 21600])
        // Twelve attempts spread over more than 24 hours.
        #expect(policy.schedule.reduce(0, +) >= 24 * 3600)
        #expect(policy.schedule.reduce(0, +) == 97_330)
    }

    @Test func delaysAreCappedBeforeJitter() {
        var long = RetryPolicy()
        long.maximumAttempts = 1000
        #expect(long.nominalDelay(afterAttempt: 500) == long.maximumDelay)
        #expect(long.delay(afterAttempt: 999, unit: 0.999)! <= long.maximumDelay * 1.2)
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.75, 0.999_999])
    func jitterStaysWithinItsBounds(unit: Double) {
        for attempt in 1..<policy.maximumAttempts {
            let nominal = policy.nominalDelay(afterAttempt: attempt)
            let delay = policy.delay(afterAttempt: attempt, unit: unit)!
            #expect(delay >= nominal * 0.8 && delay <= nominal * 1.2)
        }
        #expect(policy.delay(afterAttempt: 3, unit: 0.5) == 90)
        #expect(policy.delay(afterAttempt: 1, unit: 0) == 8)
    }

    @Test func retryAfterReplacesTheDelayAndIsCapped() {
        #expect(policy.delay(afterAttempt: 5, retryAfter: 1, unit: 0.9) == 1)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 999_999, unit: 0.1) == policy.maximumDelay)
    }

    @Test func thereIsNoAttemptAfterTheLast() {
        #expect(policy.delay(afterAttempt: 11, unit: 0.5) != nil)
        #expect(policy.delay(afterAttempt: 12, unit: 0.5) == nil)
        #expect(policy.delay(afterAttempt: 12, retryAfter: 1, unit: 0.5) == nil)
    }
}
