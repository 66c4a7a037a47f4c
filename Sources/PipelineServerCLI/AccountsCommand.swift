import ArgumentParser
import Delivery
import Foundation
import PipelineStore

/// `pipeline accounts create|list|set-plan|suspend|reinstate`.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts", abstract: "Create, list, re-plan, suspend and reinstate accounts.",
                                                    subcommands: [Create.self, List.self, SetPlan.self, SetShare.self, Suspend.self, Reinstate.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an account; pipeline keys create --account NAME gives it a key.")
        @OptionGroup var data: DataOption
        @Argument(help: "The account's name.") var name: String
        @Option(help: "Its plan (pipeline plans list).") var plan = AccountPlan.defaultName

        func run() async throws {
            guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"#, options: .regularExpression) != nil else {
                throw ValidationError("account name \(name) must be 1 to 64 letters, digits, '.', '_' or '-'")
            }
            let store = try await data.store()
            guard try await store.plan(named: plan) != nil else { throw PlansCommand.missing(plan) }
            do {
                let account = try await store.createAccount(name: name, webhookSecret: WebhookSecret.random(), plan: plan, parent: nil, share: nil, at: Date())
                print("account \(account.name) (\(account.id)) on plan \(plan)")
                print("webhook secret: \(account.webhookSecret)")
            } catch let error as StoreError where error.isExists {
                FileHandle.standardError.write(Data("error: there is already an account \(name)\n".utf8))
                throw ExitCode(2)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every account: id, plan, parent, state, keys.")
        @OptionGroup var data: DataOption

        func run() async throws {
            let store = try await data.existingStore()
            for account in try await store.accounts(parent: nil) {
                let keys = try await store.keys(of: account.id).filter { $0.revokedAt == nil }.count
                let parent = account.parentID.map { "  sub-account of \($0)" } ?? ""
                let state = account.suspendedAt.map { "suspended \(ISO8601DateFormatter().string(from: $0))" } ?? "active"
                print("\(account.id)  \(account.name)  plan \(account.plan)  \(state)  \(keys) key\(keys == 1 ? "" : "s")\(parent)")
            }
        }
    }

    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-plan", abstract: "Move an account (and its sub-accounts) to a plan.")
        @OptionGroup var data: DataOption
        @Argument(help: "The account's name.") var name: String
        @Argument(help: "The plan's name.") var plan: String

        func run() async throws {
            let store = try await data.existingStore()
            guard try await store.plan(named: plan) != nil else { throw PlansCommand.missing(plan) }
            let account = try await AccountsCommand.account(name, store)
            _ = try await store.setPlan(account: account.id, plan: plan)
            print("account \(name) is on plan \(plan)")
        }
    }

    struct SetShare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-share", abstract: "Set a sub-account's monthly share of its parent's plan (the options not given are no limit).")
        @OptionGroup var data: DataOption
        @Argument(help: "The sub-account's name (parent/name).") var name: String
        @Option(name: .customLong("sources-per-month"), help: "Sources a month.") var sources: Int?
        @Option(name: .customLong("credits-per-month"), help: "Credits a month.") var credits: Int?
        @Option(name: .customLong("bytes-per-month"), help: "Bytes taken in a month.") var bytes: Int?

        func validate() throws {
            for (option, value) in [("--sources-per-month", sources), ("--credits-per-month", credits), ("--bytes-per-month", bytes)] {
                if let value, value < 0 { throw ValidationError("\(option) must be 0 or more, got \(value)") }
            }
        }

        func run() async throws {
            let store = try await data.existingStore()
            let account = try await AccountsCommand.account(name, store)
            guard account.parentID != nil else {
                FileHandle.standardError.write(Data("error: \(name) is not a sub-account; a share is what a sub-account draws from its parent's plan\n".utf8))
                throw ExitCode(2)
            }
            let share = AccountShare(sourcesPerMonth: sources, creditsPerMonth: credits, bytesPerMonth: bytes)
            _ = try await store.updateAccount(account.id, name: nil, description: nil, share: share)
            let parts = [sources.map { "\($0) sources" }, credits.map { "\($0) credits" }, bytes.map { "\($0) bytes" }].compactMap { $0 }
            print("account \(name) shares \(parts.isEmpty ? "its parent's plan without a limit of its own" : parts.joined(separator: ", ") + " a month")")
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse the account's keys (403 ACCOUNT_SUSPENDED); nothing is deleted.")
        @OptionGroup var data: DataOption
        @Argument(help: "The account's name.") var name: String

        func run() async throws { try await AccountsCommand.suspend(name, data, at: Date()) }
    }

    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a suspension.")
        @OptionGroup var data: DataOption
        @Argument(help: "The account's name.") var name: String

        func run() async throws { try await AccountsCommand.suspend(name, data, at: nil) }
    }

    /// Suspends the named account (`at`) or reinstates it (nil).
    static func suspend(_ name: String, _ data: DataOption, at: Date?) async throws {
        let store = try await data.existingStore()
        _ = try await store.setSuspended(account: try await account(name, store).id, at: at)
        print("account \(name) is \(at == nil ? "active" : "suspended")")
    }

    static func account(_ name: String, _ store: any PipelineStore) async throws -> Account {
        guard let account = try await store.account(named: name) else {
            FileHandle.standardError.write(Data("error: there is no account \(name); pipeline accounts list shows them\n".utf8))
            throw ExitCode(2)
        }
        return account
    }
}
