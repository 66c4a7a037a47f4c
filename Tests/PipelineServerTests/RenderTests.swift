import Foundation
import Imaging
import Packaging
import PipelineCore
import PipelineRuntime
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// On-the-fly rendering over HTTP (SPEC §10), on a real server in this process with a real
/// SQLite file, blob folder and render cache.
@Suite struct RenderTests {
    static let repository = ClientMistakeTests.repository
    static let samples = ["fallenleaf_2560x1600.jpg", "kleiber_6028x3391.jpg", "arc-colors-transparent_2140x1200.png"]

    /// A server with an account that renders: its key, its id, and the ids of its uploads.
    struct Shop {
        var server: InProcessServer
        var key: String
        var account: String
        var assets: [String: String]
    }

    static func shop(_ configure: (inout ServerSettings) -> Void = { _ in }, files: [(String, Data)]? = nil, unsigned: Bool = false) async throws -> Shop {
        // Renders of a debug build beside the whole suite can pass the 10 s default: tests that
        // are not about the time limit get a long one.
        let server = try await InProcessServer.start { settings in
            settings.renderTimeoutSeconds = 300
            configure(&settings)
        }
        let key = try await server.key(account: "shop")
        let files = try files ?? samples.map { ($0, try Data(contentsOf: URL(fileURLWithPath: "\(repository)/Samples/\($0)"))) }
        let upload = try await AssetTests.upload(server, key: key, folder: "/shop/shoes", files: files)
        try #require(upload.status == 201, "\(upload.text)")
        var assets: [String: String] = [:]
        for asset in AssetTests.assets(upload) { assets[asset["name"] as? String ?? ""] = asset["assetId"] as? String }
        let switched = try await HTTPExchange.send("PATCH", server.baseURL + "/v1/account", key: key, contentType: "application/json",
                                                   body: Data(#"{"realtimeRendering": true, "unsignedRendering": \#(unsigned)}"#.utf8))
        try #require(switched.status == 200 && switched.json["realtimeRendering"] as? Bool == true, "\(switched.text)")
        let account = try #require(switched.json["accountId"] as? String)
        return Shop(server: server, key: key, account: account, assets: assets)
    }

    static func save(_ config: String, _ shop: Shop) async throws {
        let document = try Data(contentsOf: URL(fileURLWithPath: "\(repository)/Configurations/\(config).json"))
        let saved = try await HTTPExchange.send("POST", shop.server.baseURL + "/v1/configurations", key: shop.key, contentType: "application/json", body: document)
        try #require(saved.status == 201, "\(saved.text)")
    }

    /// The URL `render-url` gives (by folder and name unless `byId`).
    static func url(_ shop: Shop, asset: String, _ query: String, byId: Bool = false) async throws -> String {
        let answer = try await HTTPExchange.send("GET", shop.server.baseURL + "/v1/assets/\(asset)/render-url?\(query)", key: shop.key)
        try #require(answer.status == 200, "\(answer.text)")
        return try #require(answer.json[byId ? "byId" : "url"] as? String)
    }

    @Test(arguments: ["social-media-pack", "responsive-web"])
    func everyOutputOverEverySampleIsTheZIPsFile(_ config: String) async throws {
        let shop = try await Self.shop()
        defer { Task { await shop.server.stop() } }
        try await Self.save(config, shop)
        // The ZIP `pipeline run` makes of the same samples.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-zip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let parsed = try ConfigurationParser().parse(Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Configurations/\(config).json")))
        let sources = Self.samples.map { SourceFile(path: "\(Self.repository)/Samples/\($0)", name: $0) }
        let result = try await JobRunner().run(JobRequest(config: parsed, configID: ConfigID(config)!, jobID: JobID("render-\(config)")!,
                                                          sources: sources, archivePath: "\(folder)/out.zip", concurrency: 2))
        let reader = try ZipArchiveReader(path: result.archivePath)
        var compared = 0
        for output in result.manifest.outputs {
            let outputPath = output.path.split(separator: "/").dropFirst().dropLast().joined(separator: "/")
            let asset = try #require(shop.assets[output.source])
            let url = try await Self.url(shop, asset: asset, "configId=\(config)&output=\(outputPath)")
            let answer = try await HTTPExchange.send("GET", url)
            #expect(answer.status == 200, "\(output.path): \(answer.text.prefix(300))")
            #expect(answer.body == Data(try reader.read(output.path)), "\(output.path): the rendered bytes differ from the ZIP's")
            #expect(answer.headers["etag"] == "\"\(output.sha256)\"", "\(output.path)")
            compared += 1
        }
        #expect(compared == result.manifest.outputs.count && compared >= 3 * 4)
    }

    @Test func aResultIsRenderedOnceThenServedFromTheCacheAsACDNOriginServesIt() async throws {
        let shop = try await Self.shop()
        defer { Task { await shop.server.stop() } }
        try await Self.save("social-media-pack", shop)
        let asset = try #require(shop.assets["fallenleaf_2560x1600.jpg"])
        let url = try await Self.url(shop, asset: asset, "configId=social-media-pack&output=instagram-square/jpeg")
        let first = try await HTTPExchange.send("GET", url)
        #expect(first.status == 200 && first.headers["x-render"] == "miss" && first.headers["content-type"] == "image/jpeg")
        #expect(first.headers["cache-control"] == "public, max-age=86400" && first.headers["content-length"] == String(first.body.count))
        let etag = try #require(first.headers["etag"])
        let second = try await HTTPExchange.send("GET", url)
        #expect(second.status == 200 && second.headers["x-render"] == "hit" && second.body == first.body && second.headers["etag"] == etag)
        let byId = try await HTTPExchange.send("GET", try await Self.url(shop, asset: asset, "configId=social-media-pack&output=instagram-square/jpeg", byId: true))
        #expect(byId.status == 200 && byId.body == first.body, "by id, the same result")
        #expect(try await HTTPExchange.send("GET", url, headers: ["If-None-Match": etag]).status == 304)
        let head = try await HTTPExchange.send("HEAD", url)
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(first.body.count))

        // A replaced configuration renders anew (its version is part of the key).
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Configurations/social-media-pack.json"))) as! [String: Any]
        document["output"] = ["quality": 50]
        let replaced = try await HTTPExchange.send("PUT", shop.server.baseURL + "/v1/configurations/social-media-pack", key: shop.key,
                                                   contentType: "application/json", body: try JSONSerialization.data(withJSONObject: document))
        try #require(replaced.status == 200, "\(replaced.text)")
        let after = try await HTTPExchange.send("GET", url)
        #expect(after.status == 200 && after.headers["x-render"] == "miss" && after.headers["etag"] != etag && after.body.count < first.body.count)

        // A deleted asset is gone at once, cached result or not; so is a deleted configuration.
        let other = try #require(shop.assets["arc-colors-transparent_2140x1200.png"])
        let otherURL = try await Self.url(shop, asset: other, "configId=social-media-pack&output=x-post/jpeg")
        let rendered = try await HTTPExchange.send("GET", otherURL)
        #expect(rendered.status == 200, "\(rendered.text.prefix(300))")
        #expect(try await HTTPExchange.send("DELETE", shop.server.baseURL + "/v1/assets/\(other)", key: shop.key).status == 204)
        #expect(try await HTTPExchange.send("GET", otherURL).status == 404)
        #expect(try await HTTPExchange.send("DELETE", shop.server.baseURL + "/v1/configurations/social-media-pack", key: shop.key).status == 204)
        #expect(try await HTTPExchange.send("GET", url).status == 404)

        let metrics = try await HTTPExchange.send("GET", shop.server.baseURL + "/metrics").text
        #expect(metrics.contains("pipeline_render_misses_total 3") && metrics.contains("pipeline_render_hits_total 4"), "\(metrics)")
    }

    @Test func adHocOptionsAreValidatedAsAConfigurationAndAutoPicksTheFormatFromAccept() async throws {
        let shop = try await Self.shop()
        defer { Task { await shop.server.stop() } }
        let asset = try #require(shop.assets["fallenleaf_2560x1600.jpg"])
        let url = try await Self.url(shop, asset: asset, "options=w:400,h:300,fit:cover,g:attention,f:auto")
        for (accept, type) in [("image/avif,image/webp,*/*", "image/avif"), ("image/webp,*/*", "image/webp"), ("*/*", "image/jpeg")] {
            let answer = try await HTTPExchange.send("GET", url, headers: ["Accept": accept])
            #expect(answer.status == 200 && answer.headers["content-type"] == type && answer.headers["vary"] == "Accept", "\(accept): \(answer.headers)")
            let size = try Self.size(answer.body)
            #expect(size == PixelSize(width: 400, height: 300), "\(accept): \(size)")
        }
        let fixed = try await HTTPExchange.send("GET", try await Self.url(shop, asset: asset, "options=w:200,f:webp,q:60"))
        #expect(fixed.status == 200 && fixed.headers["content-type"] == "image/webp" && fixed.headers["vary"] == nil)

        // What a configuration could not say is refused with the validator's words.
        let tooTall = try await HTTPExchange.send("GET", shop.server.baseURL + "/v1/assets/\(asset)/render-url?options=w:400,h:99999", key: shop.key)
        #expect(tooTall.status == 400 && tooTall.text.contains("features[0].outputs[0].height"), "\(tooTall.text)")
        let unknown = try await HTTPExchange.send("GET", shop.server.baseURL + "/v1/assets/\(asset)/render-url?options=w:400,wh:3", key: shop.key)
        #expect(unknown.status == 400 && unknown.text.contains("unknown option wh"), "\(unknown.text)")
        // A signed URL with options the validator refuses: 400 at render time too.
        let signedBad = try await Self.signedPath(shop, ["_", "w:400,h:99999", "shop", "shoes", "fallenleaf_2560x1600.jpg"])
        let refused = try await HTTPExchange.send("GET", shop.server.baseURL + signedBad)
        #expect(refused.status == 400 && refused.errorCode == "INVALID_CONFIGURATION" && refused.text.contains("16384"), "\(refused.text)")
    }

    /// An image's size, as the engine reads it.
    static func size(_ bytes: Data) throws -> PixelSize {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rendered-\(UUID().uuidString)").path
        try bytes.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try SourceHeader.read(path: file).size
    }

    /// A path signed with the account's key, as a client library would sign it.
    static func signedPath(_ shop: Shop, _ parts: [String]) async throws -> String {
        let urlKey = try await shop.server.env.store.urlKey(account: AccountID(shop.account)!)
        return RenderLinks.path([shop.account] + parts, key: urlKey)
    }

    @Test func signaturesSwitchesAndOwnershipAreCheckedBeforeAnythingIsSaid() async throws {
        let shop = try await Self.shop()
        defer { Task { await shop.server.stop() } }
        try await Self.save("social-media-pack", shop)
        let asset = try #require(shop.assets["fallenleaf_2560x1600.jpg"])
        let good = try await Self.url(shop, asset: asset, "configId=social-media-pack&output=instagram-square/jpeg")
        #expect(try await HTTPExchange.send("GET", good).status == 200)
        let signature = String(good.split(separator: "/")[3])
        let base = shop.server.baseURL

        // The first 32 characters are enough; 31 are not.
        #expect(try await HTTPExchange.send("GET", good.replacingOccurrences(of: signature, with: String(signature.prefix(32)))).status == 200)
        let short = try await HTTPExchange.send("GET", good.replacingOccurrences(of: signature, with: String(signature.prefix(31))))
        #expect(short.status == 403 && short.errorCode == "INVALID_SIGNATURE")
        // A signature for another path.
        let moved = good.replacingOccurrences(of: "instagram-square", with: "x-post")
        #expect(try await HTTPExchange.send("GET", moved).errorCode == "INVALID_SIGNATURE")
        // Another account's key: its own signature over this account's path is refused.
        let stranger = try await server(shop).key(account: "stranger")
        let strangerKey = try await shop.server.env.store.urlKey(account: try #require(try await shop.server.env.store.account(named: "stranger")).id)
        let forged = RenderLinks.path([shop.account, "social-media-pack", "instagram-square", "jpeg", "shop", "shoes", "fallenleaf_2560x1600.jpg"], key: strangerKey)
        #expect(try await HTTPExchange.send("GET", base + forged).errorCode == "INVALID_SIGNATURE")
        // The stranger cannot build URLs for the shop's asset either.
        #expect(try await HTTPExchange.send("GET", base + "/v1/assets/\(asset)/render-url?configId=social-media-pack&output=instagram-square/jpeg", key: stranger).status == 404)

        // Unsigned paths only where the account allows them.
        let unsigned = try await Self.url(shop, asset: asset, "configId=social-media-pack&output=instagram-square/jpeg&signed=false")
        #expect(unsigned.contains("/r/_/"))
        #expect(try await HTTPExchange.send("GET", unsigned).errorCode == "INVALID_SIGNATURE")
        _ = try await HTTPExchange.send("PATCH", base + "/v1/account", key: shop.key, contentType: "application/json", body: Data(#"{"unsignedRendering": true}"#.utf8))
        #expect(try await HTTPExchange.send("GET", unsigned).status == 200)

        // Unknown configuration, output and asset: 404, signed or not.
        for path in [["nope", "instagram-square", "jpeg", "shop", "shoes", "fallenleaf_2560x1600.jpg"],
                     ["social-media-pack", "instagram-squar", "jpeg", "shop", "shoes", "fallenleaf_2560x1600.jpg"],
                     ["social-media-pack", "instagram-square", "jpeg", "shop", "shoes", "missing.jpg"],
                     ["social-media-pack", "instagram-square", "jpeg", "id", "ast_000000000000000000000000"]] {
            let answer = try await HTTPExchange.send("GET", base + (try await Self.signedPath(shop, path)))
            #expect(answer.status == 404 && answer.errorCode == "NOT_FOUND", "\(path): \(answer.text)")
        }
        // Switched off: refused before anything else.
        let bad = try await HTTPExchange.send("PATCH", base + "/v1/account", key: shop.key, contentType: "application/json", body: Data(#"{"realtimeRendering": "yes"}"#.utf8))
        #expect(bad.status == 400 && bad.text.contains("realtimeRendering must be true or false"))
        let unknownField = try await HTTPExchange.send("PATCH", base + "/v1/account", key: shop.key, contentType: "application/json", body: Data(#"{"plan": "paid"}"#.utf8))
        #expect(unknownField.status == 400)
        _ = try await HTTPExchange.send("PATCH", base + "/v1/account", key: shop.key, contentType: "application/json", body: Data(#"{"realtimeRendering": false}"#.utf8))
        let off = try await HTTPExchange.send("GET", good)
        #expect(off.status == 403 && off.errorCode == "RENDERING_DISABLED", "\(off.text)")
        // Not a rendering path at all.
        #expect(try await HTTPExchange.send("GET", base + "/r/abc").status == 404)
        #expect(try await HTTPExchange.send("GET", base + "/r/_/not-an-account!/_/w:10/a.jpg").status == 404)
    }

    private func server(_ shop: Shop) -> InProcessServer { shop.server }

    @Test func missesTakeCreditsAndTheDaysRendersWhileHitsAreOnlyRequests() async throws {
        let photo = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Samples/fallenleaf_2560x1600.jpg"))
        let shop = try await Self.shop(files: [("leaf.jpg", photo), ("broken.jpg", photo.prefix(photo.count / 2))])
        defer { Task { await shop.server.stop() } }
        let store = shop.server.env.store
        try await store.savePlan(AccountPlan(name: "two-renders", requestsPerMinute: 30, features: [.resize], formats: [.jpeg, .webp], creditsPerMonth: 1000, rendersPerDay: 2))
        #expect(try await store.setPlan(account: AccountID(shop.account)!, plan: "two-renders"))
        let leaf = try #require(shop.assets["leaf.jpg"])
        let first = try await Self.url(shop, asset: leaf, "options=w:100")
        #expect(try await HTTPExchange.send("GET", first).headers["x-render"] == "miss")
        #expect(try await HTTPExchange.send("GET", first).headers["x-render"] == "hit")
        // A render that fails gives its credits and its render back.
        let broken = try await HTTPExchange.send("GET", try await Self.url(shop, asset: try #require(shop.assets["broken.jpg"]), "options=w:100"))
        #expect(broken.status == 422, "\(broken.text)")
        // What the plan does not include is refused before any work: watermark, AVIF.
        let avif = try await HTTPExchange.send("GET", try await Self.url(shop, asset: leaf, "options=w:100,f:avif"))
        #expect(avif.status == 403 && avif.errorCode == "FEATURE_NOT_IN_PLAN" && avif.text.contains("avif"), "\(avif.text)")
        #expect(try await HTTPExchange.send("GET", try await Self.url(shop, asset: leaf, "options=w:101")).headers["x-render"] == "miss")
        let third = try await HTTPExchange.send("GET", try await Self.url(shop, asset: leaf, "options=w:102"))
        #expect(third.status == 429 && third.errorCode == "DAILY_QUOTA_EXCEEDED" && third.headers["retry-after"] != nil, "\(third.text)")
        #expect(try await HTTPExchange.send("GET", first).headers["x-render"] == "hit", "cached results are still served")
        let account = try await HTTPExchange.send("GET", shop.server.baseURL + "/v1/account", key: shop.key)
        let today = try #require((account.json["usage"] as? [String: Any])?["today"] as? [String: Any])
        #expect(today["renders"] as? Int == 2 && today["credits"] as? Int == 2 && today["jobs"] as? Int == 0, "\(today)")
        // 30 requests a minute for the account's rendering URLs, hits included.
        var limited: HTTPExchange?
        for _ in 0..<40 {
            let answer = try await HTTPExchange.send("GET", first)
            if answer.status == 429 { limited = answer; break }
        }
        #expect(limited?.errorCode == "RATE_LIMIT_EXCEEDED" && limited?.headers["retry-after"] != nil)
    }

    @Test func aHundredConcurrentRequestsForOneUncachedResultMakeOneRender() async throws {
        let shop = try await Self.shop()
        defer { Task { await shop.server.stop() } }
        let asset = try #require(shop.assets["kleiber_6028x3391.jpg"])
        let url = try await Self.url(shop, asset: asset, "options=w:1080,h:1080,fit:cover,g:attention")
        let answers = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
            for _ in 0..<100 { group.addTask { try await HTTPExchange.send("GET", url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 200 })
        let kinds = Dictionary(grouping: answers, by: { $0.headers["x-render"] ?? "?" }).mapValues(\.count)
        #expect(kinds["miss"] == 1, "\(kinds)")
        #expect((kinds["coalesced"] ?? 0) + (kinds["hit"] ?? 0) == 99, "\(kinds)")
        #expect(Set(answers.map(\.body)).count == 1)
        let metrics = try await HTTPExchange.send("GET", shop.server.baseURL + "/metrics").text
        #expect(metrics.contains("pipeline_render_misses_total 1\n"), "\(metrics)")
    }

    @Test func aHostileSourceAndATimeLimitAreAnsweredInJSON() async throws {
        let photo = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Samples/kleiber_6028x3391.jpg"))
        // The header is whole, the scan data stops halfway.
        let truncated = photo.prefix(photo.count / 2)
        let shop = try await Self.shop(files: [("broken.jpg", Data(truncated))])
        defer { Task { await shop.server.stop() } }
        let broken = try await HTTPExchange.send("GET", try await Self.url(shop, asset: try #require(shop.assets["broken.jpg"]), "options=w:64"))
        #expect(broken.status == 422 && broken.errorCode == "CORRUPT_IMAGE" && broken.text.contains("broken.jpg"), "\(broken.text)")

        let hurried = try await Self.shop({ $0.renderTimeoutSeconds = 0.05 }, files: [("big.jpg", photo)])
        defer { Task { await hurried.server.stop() } }
        let big = try #require(hurried.assets["big.jpg"])
        let slow = try await HTTPExchange.send("GET", try await Self.url(hurried, asset: big, "options=w:4000,h:3000,fit:cover,g:attention,f:avif"))
        #expect(slow.status == 504 && slow.errorCode == "RENDER_TIMEOUT", "\(slow.text)")
    }

    @Test func pastOneSlotAndItsQueueRendersAreRefusedWithRetryAfter() async throws {
        let photo = try Data(contentsOf: URL(fileURLWithPath: "\(Self.repository)/Samples/kleiber_6028x3391.jpg"))
        let shop = try await Self.shop({ $0.renderConcurrency = 1; $0.renderQueue = 1; $0.renderTimeoutSeconds = 120 }, files: [("big.jpg", photo)])
        defer { Task { await shop.server.stop() } }
        let big = try #require(shop.assets["big.jpg"])
        // One slot, one place in the queue: of 8 different renders at once, some are refused.
        var urls: [String] = []
        for width in 0..<8 { urls.append(try await Self.url(shop, asset: big, "options=w:\(2000 + width),f:webp")) }
        let answers = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
            for url in urls { group.addTask { try await HTTPExchange.send("GET", url) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let busy = answers.filter { $0.status == 503 }
        #expect(!busy.isEmpty && busy.allSatisfy { $0.errorCode == "RENDER_BUSY" && $0.headers["retry-after"] == "1" }, "\(answers.map(\.status))")
        #expect(answers.allSatisfy { [200, 503].contains($0.status) } && answers.contains { $0.status == 200 }, "\(answers.map(\.status))")
        let metrics = try await HTTPExchange.send("GET", shop.server.baseURL + "/metrics").text
        #expect(metrics.contains("pipeline_render_refused_busy_total \(busy.count)\n"), "\(metrics)")
    }
}
