import Delivery
import Foundation
import Hummingbird
import PipelineCore
import PipelineStore

/// `/v1/account`, `/v1/account/usage`, `/v1/account/ips`, `/v1/keys` and `/v1/subaccounts`:
/// what an account owner manages for itself.
struct AccountHandlers: Sendable {
    var env: ServerEnvironment

    var store: any PipelineStore { env.store }

    /// `GET /v1/account`: the plan, its limits, and usage today and this month.
    func account(_ caller: Caller) async throws -> Response {
        let account = caller.account, now = Date()
        let today = UsageCalendar.day(now), month = UsageCalendar.month(now)
        let family = try await familyMembers(of: account)
        let usage = try await store.usage(accounts: family.map(\.id), from: "\(month)-01", to: today)
        let own = usage[account.id] ?? []
        let all = family.flatMap { usage[$0.id] ?? [] }
        let counts = try await store.jobCounts(account: account.id)
        return JSONResponse.make(200, APIModels.AccountSummary(
            accountId: account.id, name: account.name, parentId: account.parentID, plan: caller.plan, share: account.share,
            suspended: account.suspendedAt != nil,
            realtimeRendering: account.rendering.realtime, unsignedRendering: account.rendering.unsigned,
            configurations: try await store.configurationCount(account: account.id),
            jobs: Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
            usage: .init(today: UsageDay.total(own.filter { $0.day == today }, as: today),
                         month: UsageDay.total(own, as: month)),
            planUsage: .init(today: UsageDay.total(all.filter { $0.day == today }, as: today), month: UsageDay.total(all, as: month)),
            remaining: .init(sourcesToday: caller.plan.sourcesPerDay.map { max(0, $0 - all.filter { $0.day == today }.reduce(0) { $0 + $1.sources }) },
                             creditsThisMonth: caller.plan.creditsPerMonth.map { max(0, $0 - all.reduce(0) { $0 + $1.credits }) }),
            storage: try await storage(account.id),
            // A sub-account's byte quota is its share, of its own bytes; a top-level account's
            // figure is its family's bytes this month (its plan has no monthly byte limit).
            quota: APIModels.Quota(account: account, plan: caller.plan,
                                   monthBytes: (account.parentID == nil ? all : own).reduce(0) { $0 + $1.bytesIn }, now: now)))
    }

    /// `PATCH /v1/account {"realtimeRendering"?: true, "unsignedRendering"?: false}`: the
    /// account's switches for on-the-fly rendering; answers as `GET /v1/account` does.
    func update(_ request: Request, caller: Caller) async throws -> Response {
        let body = try await PipelineServer.Body.object(request, FieldNames(names: ["realtimeRendering", "unsignedRendering"]))
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: body), !fields.isEmpty else {
            throw APIError.badRequest("expected {\"realtimeRendering\": true} and/or {\"unsignedRendering\": true}")
        }
        var switches = caller.account.rendering
        for (name, value) in fields {
            guard case .bool(let on) = value else {
                throw APIError.badRequest(["realtimeRendering", "unsignedRendering"].contains(name)
                    ? "\(name) must be true or false" : "\(name.prefix(40)) cannot be changed here; send realtimeRendering and/or unsignedRendering (true or false)")
            }
            switch name {
            case "realtimeRendering": switches.realtime = on
            case "unsignedRendering": switches.unsigned = on
            default: throw APIError.badRequest("\(name.prefix(40)) cannot be changed here; send realtimeRendering and/or unsignedRendering (true or false)")
            }
        }
        guard try await store.setRendering(account: caller.account.id, switches) else { throw APIError.notFound("the account is gone") }
        var updated = caller
        updated.account.rendering = switches
        return try await account(updated)
    }

    /// The account's media library: files and bytes kept (its own, not its sub-accounts').
    private func storage(_ account: AccountID) async throws -> APIModels.Storage {
        let library = try await store.folderProperties(account: account, path: .root)
        return APIModels.Storage(files: library.files, bytes: library.bytes)
    }

    /// The accounts whose usage counts against the plan `account` works under: the root and
    /// its sub-accounts.
    private func familyMembers(of account: Account) async throws -> [Account] {
        let root = account.parentID == nil ? account : (try await store.account(id: account.rootID) ?? account)
        return [root] + (try await store.accounts(parent: root.id))
    }

    /// `GET /v1/account/usage?from&to&granularity=day|month`: the series, with the
    /// sub-accounts' own series for a parent.
    func usage(_ request: Request, caller: Caller) async throws -> Response {
        let now = Date()
        func day(_ name: String, default value: String) throws -> String {
            guard let found = request.uri.queryParameters.get(name) else { return value }
            let text = String(found)
            guard UsageCalendar.date(ofDay: text) != nil else { throw APIError.badRequest("\(name)=\(text) is not a day; use YYYY-MM-DD (UTC)") }
            return text
        }
        let to = try day("to", default: UsageCalendar.day(now))
        let from = try day("from", default: UsageCalendar.month(now) + "-01")
        let granularity = request.uri.queryParameters.get("granularity").map { String($0) } ?? "day"
        guard ["day", "month"].contains(granularity) else { throw APIError.badRequest("granularity=\(granularity) is not day or month") }
        guard let start = UsageCalendar.date(ofDay: from), let end = UsageCalendar.date(ofDay: to), start <= end else {
            throw APIError.badRequest("from (\(from)) must not be after to (\(to))")
        }
        guard end.timeIntervalSince(start) <= 400 * 86_400 else { throw APIError.badRequest("from and to may be at most 400 days apart") }
        let children = caller.account.parentID == nil ? try await store.accounts(parent: caller.account.id) : []
        let usage = try await store.usage(accounts: [caller.account.id] + children.map(\.id), from: from, to: to)
        func series(_ days: [UsageDay]) -> [UsageDay] {
            var keys: [String] = []
            var date = start
            while date <= end {
                let key = granularity == "day" ? UsageCalendar.day(date) : UsageCalendar.month(date)
                if keys.last != key { keys.append(key) }
                date += 86_400
            }
            return keys.map { key in UsageDay.total(days.filter { $0.day.hasPrefix(key) }, as: key) }
        }
        let own = usage[caller.account.id] ?? []
        return JSONResponse.make(200, APIModels.UsageReport(
            accountId: caller.account.id, from: from, to: to, granularity: granularity, series: series(own), total: UsageDay.total(own, as: "total"),
            subaccounts: children.map { child in
                let days = usage[child.id] ?? []
                return .init(accountId: child.id, name: child.name, series: series(days), total: UsageDay.total(days, as: "total"))
            }))
    }

    // MARK: IP allow-list

    func addresses(_ caller: Caller) async throws -> Response {
        let list = try await store.allowedAddresses(account: caller.account.id)
        return JSONResponse.make(200, APIModels.AddressList(addresses: list, limit: caller.plan.allowedIPs, yourAddress: caller.address))
    }

    /// `POST /v1/account/ips {"address", "active"?}`: adds an entry or switches it on or off.
    func setAddress(_ request: Request, caller: Caller) async throws -> Response {
        struct Body: Decodable {
            var address: String?
            var active: Bool?
        }
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["address", "active"]))
        guard let body = try? JSONDecoder().decode(Body.self, from: data), let text = body.address else {
            throw APIError.badRequest("expected {\"address\": \"203.0.113.7\" (or a range such as 10.0.0.0/8), \"active\"?: true}")
        }
        guard let range = AddressRange(text) else {
            throw APIError.badRequest("address \"\(text)\" is not an IPv4 or IPv6 address or CIDR range")
        }
        do {
            let entry = try await store.setAllowedAddress(account: caller.account.id, address: range.description, active: body.active ?? true,
                                                          limit: caller.plan.allowedIPs, at: Date())
            return JSONResponse.make(200, entry)
        } catch let refusal as QuotaRefusal {
            throw APIError.refused(refusal, plan: caller.plan, now: Date())
        }
    }

    /// `DELETE /v1/account/ips?address=…`.
    func removeAddress(_ request: Request, caller: Caller) async throws -> Response {
        guard let text = request.uri.queryParameters.get("address").map({ String($0) }), let range = AddressRange(text) else {
            throw APIError.badRequest("give the entry to remove as ?address=203.0.113.7 (as GET /v1/account/ips lists it)")
        }
        guard try await store.removeAllowedAddress(account: caller.account.id, address: range.description) else {
            throw APIError.notFound("\(range) is not on this account's allow-list")
        }
        return Response(status: .noContent)
    }

    // MARK: Keys

    func keys(_ caller: Caller) async throws -> Response {
        var keys = try await store.keys(of: caller.account.id)
        for child in try await store.accounts(parent: caller.account.id) { keys += try await store.keys(of: child.id) }
        return JSONResponse.make(200, ["keys": keys.map(APIModels.Key.init)])
    }

    /// `POST /v1/keys {"accountId"?}`: a key for this account or one of its sub-accounts,
    /// shown once.
    func createKey(_ request: Request, caller: Caller) async throws -> Response {
        struct Body: Decodable { var accountId: String? }
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["accountId"]))
        let body = data.isEmpty ? Body() : try (try? JSONDecoder().decode(Body.self, from: data)).orThrow(
            APIError.badRequest("expected {} or {\"accountId\": \"acct_…\"} (one of your sub-accounts)"))
        let owner = try await ownAccount(body.accountId, caller: caller)
        let (key, record) = try await APIKeys.create(for: owner, store: store)
        return JSONResponse.make(201, APIModels.NewKey(key: APIModels.Key(record), apiKey: key))
    }

    func revokeKey(_ id: String, caller: Caller) async throws -> Response {
        var revoked = false
        if let keyID = KeyID(id) {
            for account in [caller.account.id] + (try await store.accounts(parent: caller.account.id)).map(\.id) where !revoked {
                revoked = try await store.revokeKey(keyID, account: account, at: Date())
            }
        }
        guard revoked else { throw APIError.notFound("there is no active key \(id) in this account; GET /v1/keys lists them") }
        return Response(status: .noContent)
    }

    /// The caller's account, or one of its sub-accounts by id (another account's is a 404).
    private func ownAccount(_ id: String?, caller: Caller) async throws -> Account {
        guard let id, id != caller.account.id.rawValue else { return caller.account }
        guard let accountID = AccountID(id), let account = try await store.account(id: accountID), account.parentID == caller.account.id else {
            throw APIError.notFound("there is no sub-account \(id) of this account; GET /v1/subaccounts lists them")
        }
        return account
    }

    // MARK: Sub-accounts

    /// `GET /v1/subaccounts/{id}`: one sub-account with its quota figures.
    func subaccount(_ id: String, caller: Caller) async throws -> Response {
        let child = try await ownSubaccount(id, caller: caller)
        return JSONResponse.make(200, try await subaccountModel(child, plan: caller.plan))
    }

    private func subaccountModel(_ child: Account, plan: AccountPlan) async throws -> APIModels.Subaccount {
        let now = Date()
        let usage = try await store.usage(accounts: [child.id], from: "\(UsageCalendar.month(now))-01", to: UsageCalendar.day(now))[child.id] ?? []
        return APIModels.Subaccount(child, quota: APIModels.Quota(account: child, plan: plan, monthBytes: usage.reduce(0) { $0 + $1.bytesIn }, now: now))
    }

    /// `PATCH /v1/subaccounts/{id} {"name"?, "description"?, "share"?}`: the parent renames,
    /// describes or re-shares a sub-account (a share replaces the old one whole; `{}` is none).
    func updateSubaccount(_ id: String, _ request: Request, caller: Caller) async throws -> Response {
        struct Body: Decodable {
            var name: String?
            var description: String?
            var share: AccountShare?
        }
        let child = try await ownSubaccount(id, caller: caller)
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["name", "description", "share"]))
        try Self.checkShareKeys(data)
        guard let body = try? JSONDecoder().decode(Body.self, from: data), body.name != nil || body.description != nil || body.share != nil else {
            throw APIError.badRequest("expected {\"name\"?: \"team-b\", \"description\"?: \"…\", \"share\"?: {\"sourcesPerMonth\"?: 1000, \"creditsPerMonth\"?: 20000, \"bytesPerMonth\"?: 1000000000}} with at least one of them")
        }
        if let name = body.name { try Self.checkName(name) }
        if let description = body.description, description.count > 500 {
            throw APIError.badRequest("description is \(description.count) characters long; use at most 500")
        }
        if let share = body.share { try Self.checkShare(share) }
        do {
            guard let updated = try await store.updateAccount(child.id, name: body.name.map { "\(caller.account.name)/\($0)" },
                                                              description: body.description, share: body.share) else {
                throw Self.noSubaccount(id)
            }
            return JSONResponse.make(200, try await subaccountModel(updated, plan: caller.plan))
        } catch let error as StoreError where error.isExists {
            throw APIError(409, .subaccountExists, "this account already has a sub-account named \(body.name ?? "")")
        }
    }

    /// `DELETE /v1/subaccounts/{id}[?deleteData=true]`: its keys are revoked and it is listed no
    /// more (its name is free again); with `deleteData=true` its jobs' archives, results and
    /// uploads, its library and its configurations go first (409 while a job of it still runs).
    /// Its usage stays, as what its parent's plan counted.
    func deleteSubaccount(_ id: String, _ request: Request, caller: Caller) async throws -> Response {
        let child = try await ownSubaccount(id, caller: caller)
        let deleteData = try Query.text(request, "deleteData").map { text -> Bool in
            guard ["true", "false"].contains(text) else { throw APIError.badRequest("deleteData=\(text.prefix(20)) is not true or false") }
            return text == "true"
        } ?? false
        if deleteData {
            var jobs: [JobRecord] = []
            var before: JobID?
            while true {
                let page = try await store.jobs(account: child.id, state: nil, before: before, limit: 100)
                jobs += page
                guard page.count == 100, let last = page.last else { break }
                before = last.id
            }
            if let running = jobs.first(where: { ![.succeeded, .partial, .failed].contains($0.state) }) {
                throw APIError(409, .notFinished, "job \(running.id) of this sub-account is \(running.state.rawValue); delete the sub-account's data once its jobs have run")
            }
            let handlers = JobHandlers(env: env)
            for job in jobs where job.deletedAt == nil { try await handlers.deleteData(of: job, account: child) }
            _ = try await store.deleteAllAssets(account: child.id)
            AssetHandlers(env: env).removeUnreferencedBlobs()
            var after: ConfigID?
            while true {
                let page = try await store.configurations(account: child.id, after: after, limit: 100)
                for configuration in page { _ = try await store.deleteConfiguration(account: child.id, id: configuration.id, at: Date()) }
                guard page.count == 100, let last = page.last else { break }
                after = last.id
            }
        }
        guard try await store.deleteAccount(child.id, at: Date()) else { throw Self.noSubaccount(id) }
        return Response(status: .noContent)
    }

    /// `POST /v1/subaccounts/{id}/reset-usage`: its share counts from zero again for the rest of
    /// the month (what it used stays in its usage and in its parent's plan).
    func resetSubaccountUsage(_ id: String, caller: Caller) async throws -> Response {
        let child = try await ownSubaccount(id, caller: caller)
        guard let reset = try await store.resetShareUsage(child.id, at: Date()) else { throw Self.noSubaccount(id) }
        return JSONResponse.make(200, try await subaccountModel(reset, plan: caller.plan))
    }

    /// One of the caller's own sub-accounts (another account's, or a deleted one, is a 404).
    private func ownSubaccount(_ id: String, caller: Caller) async throws -> Account {
        guard let accountID = AccountID(id), let account = try await store.account(id: accountID), account.parentID == caller.account.id,
              account.deletedAt == nil else {
            throw Self.noSubaccount(id)
        }
        return account
    }

    static func noSubaccount(_ id: String) -> APIError {
        .notFound("there is no sub-account \(id.prefix(60)) of this account; GET /v1/subaccounts lists them")
    }

    static func checkName(_ name: String) throws {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"#, options: .regularExpression) != nil else {
            throw APIError.badRequest("name \"\(name.prefix(80))\" must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
    }

    /// The keys of a body's `share` object, each known (a misspelt limit would otherwise be no limit).
    static func checkShareKeys(_ data: Data) throws {
        guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: data),
              case .object(let share)? = members["share"] else { return }
        var names = FieldNames(names: ["sourcesPerMonth", "creditsPerMonth", "bytesPerMonth"])
        names.kind = "key in share"
        _ = try names.canonical(share.keys)
    }

    static func checkShare(_ share: AccountShare) throws {
        for (field, value) in [("sourcesPerMonth", share.sourcesPerMonth), ("creditsPerMonth", share.creditsPerMonth), ("bytesPerMonth", share.bytesPerMonth)] {
            if let value, value < 0 { throw APIError.badRequest("share.\(field) must be 0 or more, got \(value)") }
        }
    }

    func subaccounts(_ caller: Caller) async throws -> Response {
        let children = try await store.accounts(parent: caller.account.id)
        return JSONResponse.make(200, ["subaccounts": children.map { APIModels.Subaccount($0) }])
    }

    /// `POST /v1/subaccounts {"name", "share"?: {"sourcesPerMonth"?, "creditsPerMonth"?, "bytesPerMonth"?}}`:
    /// a sub-account under this one's plan, with its first key (shown once) and its own
    /// webhook secret.
    func createSubaccount(_ request: Request, caller: Caller) async throws -> Response {
        struct Body: Decodable {
            var name: String?
            var share: AccountShare?
        }
        guard caller.account.parentID == nil else {
            throw APIError(403, .notAllowed, "a sub-account cannot have sub-accounts of its own; make them from the parent account")
        }
        let data = try await PipelineServer.Body.object(request, FieldNames(names: ["name", "share"]))
        try Self.checkShareKeys(data)
        guard let body = try? JSONDecoder().decode(Body.self, from: data), let name = body.name else {
            throw APIError.badRequest("expected {\"name\": \"team-a\", \"share\"?: {\"sourcesPerMonth\"?: 1000, \"creditsPerMonth\"?: 20000, \"bytesPerMonth\"?: 1000000000}}")
        }
        try Self.checkName(name)
        if let share = body.share { try Self.checkShare(share) }
        let account: Account
        do {
            account = try await store.createAccount(name: "\(caller.account.name)/\(name)", webhookSecret: WebhookSecret.random(),
                                                    plan: caller.account.plan, parent: caller.account.id, share: body.share, at: Date())
        } catch let error as StoreError where error.isExists {
            throw APIError(409, .subaccountExists, "this account already has a sub-account named \(name)")
        }
        let (key, _) = try await APIKeys.create(for: account, store: store)
        return JSONResponse.make(201, APIModels.NewSubaccount(subaccount: APIModels.Subaccount(account), apiKey: key, webhookSecret: account.webhookSecret))
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
