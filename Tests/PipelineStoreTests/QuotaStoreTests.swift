import Foundation
import PipelineCore
import PipelineStore
import Testing

/// Plans, quotas, usage and allow-lists, against every backend (`StoreBackend.all`).
@Suite struct QuotaStoreTests {
    /// 2027-01-15 12:00 UTC.
    let noon = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 86_400) + 43_200)

    private func job(_ account: Account, sources: Int = 1, at: Date, credits: Int = 0) -> JobRecord {
        let id = JobID.random()
        var job = JobRecord(id: id, accountID: account.id, configID: ConfigID("thumbs")!, configVersion: 1, postbackURL: nil,
                            sources: (0..<sources).map { JobSource(name: "\($0).jpg", blobKey: "sources/\(id)/\($0)") }, createdAt: at)
        job.creditsPerSource = credits
        return job
    }

    @Test(arguments: StoreBackend.all)
    func shippedPlansAreThereAndCustomOnesCanBeSaved(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        #expect(try await store.plans().map(\.name) == ["free", "paid", "trial", "unlimited"])
        #expect(try await store.plan(named: "free")?.allowedIPs == 3)
        var custom = AccountPlan(name: "studio", requestsPerMinute: 30, features: [.resize])
        try await store.savePlan(custom)
        custom.requestsPerMinute = 90
        try await store.savePlan(custom)
        #expect(try await store.plan(named: "studio") == custom)
        let account = try await store.createAccount(name: "a", webhookSecret: "whsec_eA==", plan: "free", parent: nil, share: nil, at: noon)
        let child = try await store.createAccount(name: "a/b", webhookSecret: "whsec_eA==", plan: "free", parent: account.id,
                                                  share: AccountShare(sourcesPerMonth: 5), at: noon)
        #expect(try await store.setPlan(account: account.id, plan: "studio"))
        #expect(try await store.account(id: child.id)?.plan == "studio")
        #expect(try await store.accounts(parent: account.id).map(\.id) == [child.id])
        #expect(try await store.account(id: child.id)?.share == AccountShare(sourcesPerMonth: 5))
        // A key's access: its account, the plan it works under (the parent's), its active entries.
        try await store.addKey(APIKeyRecord(id: .random(), accountID: child.id, prefix: "ipk_c", hash: "c0ffee", createdAt: noon))
        _ = try await store.setAllowedAddress(account: child.id, address: "127.0.0.1", active: true, limit: nil, at: noon)
        _ = try await store.setAllowedAddress(account: child.id, address: "10.0.0.0/8", active: false, limit: nil, at: noon)
        let access = try #require(try await store.access(forKeyHash: "c0ffee"))
        #expect(access.account.id == child.id && access.plan == custom && access.allowedAddresses == ["127.0.0.1"])
        #expect(access.account.suspendedAt == nil)
        #expect(try await store.setSuspended(account: account.id, at: noon))
        #expect(try await store.account(id: account.id)?.suspendedAt == noon)
        // A key of the sub-account finds it suspended with its parent, and free again after.
        #expect(try await store.access(forKeyHash: "c0ffee")?.account.suspendedAt == noon)
        #expect(try await store.account(id: child.id)?.suspendedAt == nil, "the sub-account's own record is not changed")
        #expect(try await store.setSuspended(account: account.id, at: nil))
        #expect(try await store.access(forKeyHash: "c0ffee")?.account.suspendedAt == nil)
    }

    /// 50 concurrent admissions against 10 sources left: exactly 10 are taken.
    @Test(arguments: StoreBackend.all)
    func concurrentAdmissionsNeverTakeMoreThanIsLeft(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let account = try await store.createAccount(name: "a", webhookSecret: "whsec_eA==", at: noon)
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do {
                        try await store.enqueue(job(account, at: noon), admission: JobAdmission(sources: 1, bytesIn: 10, credits: 0, sourcesPerDay: 10))
                        return true
                    } catch { return false }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 10)
        let usage = try await store.usage(accounts: [account.id], from: "2000-01-01", to: "2100-01-01")[account.id] ?? []
        #expect(usage.map(\.sources) == [10] && usage.map(\.jobs) == [10] && usage.map(\.bytesIn) == [100])
        // The next UTC day has its own quota.
        try await store.enqueue(job(account, at: UsageCalendar.nextMidnight(after: noon)), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 0, sourcesPerDay: 10))
        await #expect(throws: QuotaRefusal(limit: .sourcesPerDay, allowed: 10, used: 10, requested: 1)) {
            try await store.enqueue(job(account, at: noon), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 0, sourcesPerDay: 10))
        }
    }

    @Test(arguments: StoreBackend.all)
    func aSubaccountsShareIsItsOwnWhileItsSourcesCountForTheFamily(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let parent = try await store.createAccount(name: "p", webhookSecret: "whsec_eA==", at: noon)
        let child = try await store.createAccount(name: "p/c", webhookSecret: "whsec_eA==", plan: AccountPlan.defaultName, parent: parent.id,
                                                  share: AccountShare(sourcesPerMonth: 5), at: noon)
        let share = AccountShare(sourcesPerMonth: 5)
        let childAdmission = JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8, share: share)
        #expect(try await store.quotaRefusal(childAdmission, account: child.id, at: noon) == nil)
        for _ in 0..<5 {
            try await store.enqueue(job(child, at: noon), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8, share: share))
        }
        // The read-only look says what enqueue then throws, and takes nothing (asked twice).
        for _ in 0..<2 {
            #expect(try await store.quotaRefusal(childAdmission, account: child.id, at: noon)
                == QuotaRefusal(limit: .shareSources, allowed: 5, used: 5, requested: 1))
        }
        await #expect(throws: QuotaRefusal(limit: .shareSources, allowed: 5, used: 5, requested: 1)) {
            try await store.enqueue(job(child, at: noon), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8, share: share))
        }
        // The parent still has 3 of the family's 8 sources today.
        for _ in 0..<3 {
            try await store.enqueue(job(parent, at: noon), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8))
        }
        #expect(try await store.quotaRefusal(JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8), account: parent.id, at: noon)
            == QuotaRefusal(limit: .sourcesPerDay, allowed: 8, used: 8, requested: 1))
        #expect(try await store.quotaRefusal(JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8), account: parent.id, at: noon + 86_400) == nil,
                "a new day")
        await #expect(throws: QuotaRefusal(limit: .sourcesPerDay, allowed: 8, used: 8, requested: 1)) {
            try await store.enqueue(job(parent, at: noon), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 3, sourcesPerDay: 8))
        }
        // Credits per month, for the family: 24 of 25 used.
        #expect(try await store.quotaRefusal(JobAdmission(sources: 1, bytesIn: 0, credits: 3, creditsPerMonth: 25), account: parent.id, at: noon + 86_400)
            == QuotaRefusal(limit: .creditsPerMonth, allowed: 25, used: 24, requested: 3))
        await #expect(throws: QuotaRefusal(limit: .creditsPerMonth, allowed: 25, used: 24, requested: 3)) {
            try await store.enqueue(job(parent, at: noon + 86_400), admission: JobAdmission(sources: 1, bytesIn: 0, credits: 3, creditsPerMonth: 25))
        }
    }

    @Test(arguments: StoreBackend.all)
    func workDoneIsCountedAtCompletionAndFailedSourcesGiveTheirCreditsBack(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let account = try await store.createAccount(name: "a", webhookSecret: "whsec_eA==", at: noon)
        try await store.enqueue(job(account, sources: 3, at: noon, credits: 7), admission: JobAdmission(sources: 3, bytesIn: 300, credits: 21))
        let claimed = try #require(try await store.claimJob(owner: "w", until: noon + 30, now: noon))
        var sources = claimed.sources
        for index in sources.indices {
            sources[index].status = index == 1 ? .failed : .succeeded
            sources[index].outputs = index == 1 ? 0 : 4
        }
        let finished = UsageCalendar.nextMidnight(after: noon) + 60
        try await store.completeJob(claimed.id, owner: "w", completion: JobCompletion(
            outcome: .partial, sources: sources, archive: ArchiveRecord(blobKey: "archives/x.zip", sha256: "s", bytes: 5_000), delivery: nil),
            at: finished)
        let usage = try await store.usage(accounts: [account.id], from: "2000-01-01", to: "2100-01-01")[account.id] ?? []
        #expect(usage.count == 2)
        // Taken on the day it was accepted, the failed source's 7 credits back on that day.
        #expect(usage.first?.sources == 3 && usage.first?.credits == 14 && usage.first?.bytesIn == 300)
        // Done on the next day.
        #expect(usage.last?.sourcesSucceeded == 2 && usage.last?.sourcesFailed == 1 && usage.last?.outputs == 8 && usage.last?.bytesOut == 5_000)
    }

    @Test(arguments: StoreBackend.all)
    func rendersTakeCreditsAndStopAtThePlansRendersPerDayForTheFamily(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let parent = try await store.createAccount(name: "p", webhookSecret: "whsec_eA==", at: noon)
        let child = try await store.createAccount(name: "c", webhookSecret: "whsec_eA==", plan: parent.plan, parent: parent.id, share: nil, at: noon)
        let plan = AccountPlan(name: "renders", creditsPerMonth: 100, rendersPerDay: 3)
        #expect(try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: parent.id, at: noon) == nil)
        #expect(try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: child.id, at: noon) == nil)
        // Given back (a failed render): it no longer counts.
        var back = JobAdmission(sources: 0, bytesIn: 0, credits: -4)
        back.renders = -1
        #expect(try await store.admitRender(back, account: child.id, at: noon) == nil)
        #expect(try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: child.id, at: noon) == nil)
        #expect(try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: parent.id, at: noon) == nil)
        // The family has made three today: the fourth is refused, tomorrow's is not.
        let refused = try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: child.id, at: noon)
        #expect(refused?.limit == .rendersPerDay && refused?.used == 3 && refused?.allowed == 3)
        #expect(try await store.admitRender(.render(credits: 4, plan: plan, share: nil), account: child.id, at: noon + 86_400) == nil)
        let usage = try await store.usage(accounts: [parent.id, child.id], from: "2000-01-01", to: "2100-01-01")
        #expect(usage[parent.id]?.first?.renders == 2 && usage[parent.id]?.first?.credits == 8 && usage[parent.id]?.first?.jobs == 0)
        #expect(usage[child.id]?.map(\.renders) == [1, 1] && usage[child.id]?.first?.credits == 4)
        // Credits too: 100 a month, 16 spent; 85 more do not fit.
        let costly = try await store.admitRender(.render(credits: 85, plan: plan, share: nil), account: parent.id, at: noon + 86_400)
        #expect(costly?.limit == .creditsPerMonth)
    }

    @Test(arguments: StoreBackend.all)
    func allowListsAndConfigurationsStopAtThePlansNumber(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let account = try await store.createAccount(name: "a", webhookSecret: "whsec_eA==", at: noon)
        for address in ["127.0.0.1", "10.0.0.0/8", "2001:db8::1"] {
            _ = try await store.setAllowedAddress(account: account.id, address: address, active: true, limit: 3, at: noon)
        }
        await #expect(throws: QuotaRefusal(limit: .allowedIPs, allowed: 3, used: 3, requested: 1)) {
            _ = try await store.setAllowedAddress(account: account.id, address: "192.0.2.1", active: true, limit: 3, at: noon)
        }
        // Switching an entry off is not a new entry.
        #expect(try await store.setAllowedAddress(account: account.id, address: "10.0.0.0/8", active: false, limit: 3, at: noon).active == false)
        let list = try await store.allowedAddresses(account: account.id)
        #expect(Dictionary(uniqueKeysWithValues: list.map { ($0.address, $0.active) }) == ["127.0.0.1": true, "10.0.0.0/8": false, "2001:db8::1": true])
        // An inactive entry does not count (imagecogni: "deactivate an IP to add a new one"), and
        // switching one back on past the number is refused like a new one.
        #expect(try await store.setAllowedAddress(account: account.id, address: "192.0.2.1", active: true, limit: 3, at: noon).active)
        await #expect(throws: QuotaRefusal(limit: .allowedIPs, allowed: 3, used: 3, requested: 1)) {
            _ = try await store.setAllowedAddress(account: account.id, address: "10.0.0.0/8", active: true, limit: 3, at: noon)
        }
        #expect(try await store.setAllowedAddress(account: account.id, address: "192.0.2.1", active: true, limit: 3, at: noon).active, "already on: no change")
        #expect(try await store.setAllowedAddress(account: account.id, address: "198.51.100.0/24", active: false, limit: 3, at: noon).active == false)
        #expect(try await store.allowedAddresses(account: account.id).count == 5)
        #expect(try await store.removeAllowedAddress(account: account.id, address: "10.0.0.0/8"))
        #expect(try await store.removeAllowedAddress(account: account.id, address: "10.0.0.0/8") == false)

        for name in ["a1", "a2"] {
            try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: ConfigID(name)!, version: 1, document: "{}", createdAt: noon), limit: 2)
        }
        await #expect(throws: QuotaRefusal(limit: .savedConfigurations, allowed: 2, used: 2, requested: 1)) {
            try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: ConfigID("a3")!, version: 1, document: "{}", createdAt: noon), limit: 2)
        }
        #expect(try await store.deleteConfiguration(account: account.id, id: ConfigID("a1")!, at: noon))
        try await store.insertConfiguration(StoredConfiguration(accountID: account.id, id: ConfigID("a3")!, version: 1, document: "{}", createdAt: noon), limit: 2)
    }

    @Test(arguments: StoreBackend.all)
    func eachJobKeepsItsArchiveForItsOwnDuration(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let account = try await store.createAccount(name: "a", webhookSecret: "whsec_eA==", at: noon)
        var ids: [JobID] = []
        for retention in [JobRetention.serverDefault, .hours(1), .permanent] {
            var record = job(account, at: noon)
            record.retention = retention
            try await store.enqueue(record, admission: .unlimited(sources: 1))
            let claimed = try #require(try await store.claimJob(owner: "w", until: noon + 30, now: noon))
            #expect(claimed.retention == retention)
            try await store.completeJob(claimed.id, owner: "w", completion: JobCompletion(outcome: .succeeded, sources: claimed.sources,
                archive: ArchiveRecord(blobKey: "a", sha256: "s", bytes: 1), delivery: nil), at: noon)
            ids.append(claimed.id)
        }
        // The server's default is 72 h here: at 2 h only the 1-hour job is due; at 100 h the default one too; never the permanent one.
        #expect(try await store.jobsToExpire(now: noon + 2 * 3600, defaultHours: 72, limit: 10).map(\.id) == [ids[1]])
        #expect(Set(try await store.jobsToExpire(now: noon + 100 * 3600, defaultHours: 72, limit: 10).map(\.id)) == Set(ids[0...1]))
        #expect(try await store.jobsToExpire(now: noon + 100_000 * 3600, defaultHours: 72, limit: 10).contains { $0.id == ids[2] } == false)
    }
}

/// A parent changes its sub-account's name, description and share (SPEC §11), on both backends.
@Suite struct AccountUpdateTests {
    let noon = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreBackend.all)
    func nameDescriptionAndShareChangeAndATakenNameIsRefused(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let parent = try await store.createAccount(name: "p", webhookSecret: "whsec_eA==", at: noon)
        let child = try await store.createAccount(name: "p/a", webhookSecret: "whsec_eA==", plan: parent.plan, parent: parent.id,
                                                  share: AccountShare(sourcesPerMonth: 1), at: noon)
        _ = try await store.createAccount(name: "p/taken", webhookSecret: "whsec_eA==", plan: parent.plan, parent: parent.id, share: nil, at: noon)
        let updated = try #require(try await store.updateAccount(child.id, name: "p/b", description: "the b team", share: AccountShare(creditsPerMonth: 9)))
        #expect(updated.name == "p/b" && updated.description == "the b team" && updated.share == AccountShare(creditsPerMonth: 9))
        #expect(try await store.account(id: child.id) == updated)
        await #expect(throws: StoreError.self) { _ = try await store.updateAccount(child.id, name: "p/taken", description: nil, share: nil) }
        // Only what is given changes; an empty share is none.
        let cleared = try #require(try await store.updateAccount(child.id, name: nil, description: nil, share: AccountShare()))
        #expect(cleared.name == "p/b" && cleared.description == "the b team" && cleared.share == nil)
        #expect(try await store.account(id: child.id)?.share == nil)
        #expect(try await store.updateAccount(AccountID("acct_00000000000000000000000000")!, name: "x", description: nil, share: nil) == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aResetShareCountsFromZeroAndADeletedAccountIsGone(backend: StoreBackend) async throws {
        let (store, cleanup) = try await backend.make()
        defer { cleanup() }
        let parent = try await store.createAccount(name: "p", webhookSecret: "whsec_eA==", at: noon)
        let share = AccountShare(sourcesPerMonth: 2)
        let child = try await store.createAccount(name: "p/a", webhookSecret: "whsec_eA==", plan: parent.plan, parent: parent.id, share: share, at: noon)
        let two = JobAdmission(sources: 2, bytesIn: 10, credits: 2, share: share)
        #expect(try await store.admitRender(two, account: child.id, at: noon) == nil)
        #expect(try await store.admitRender(two, account: child.id, at: noon)?.limit == .shareSources)
        let reset = try #require(try await store.resetShareUsage(child.id, at: noon))
        #expect(reset.shareReset == ShareReset(month: UsageCalendar.month(noon), sources: 2, credits: 2, bytesIn: 10))
        #expect(try await store.admitRender(two, account: child.id, at: noon) == nil)
        #expect(try await store.admitRender(two, account: child.id, at: noon)?.limit == .shareSources)
        // Next month the reset no longer applies (nor does last month's usage).
        #expect(reset.shareReset?.offset(.ownSourcesThisMonth, at: noon + 40 * 86_400) == 0)

        let key = APIKeyRecord(id: KeyID("key_0001")!, accountID: child.id, prefix: "ipk_0001", hash: "h1", createdAt: noon)
        try await store.addKey(key)
        #expect(try await store.deleteAccount(child.id, at: noon))
        #expect(try await store.deleteAccount(child.id, at: noon) == false)
        #expect(try await store.access(forKeyHash: "h1") == nil)
        #expect(try await store.accounts(parent: parent.id).isEmpty)
        #expect(try await store.account(id: child.id)?.deletedAt != nil)
        _ = try await store.createAccount(name: "p/a", webhookSecret: "whsec_eA==", plan: parent.plan, parent: parent.id, share: nil, at: noon)
    }
}
