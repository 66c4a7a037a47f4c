import Foundation
import Packaging
import PipelineStore
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// The media library's files over HTTP (SPEC §9), on a real server in this process with a real
/// SQLite file and blob folder: upload, metadata, bytes by key and by keyless URL, deletion.
@Suite struct AssetTests {
    static let fixtures = "\(ClientMistakeTests.repository)/Tests/ImagingTests/Fixtures"
    static let jpeg = (try? Data(contentsOf: URL(fileURLWithPath: "\(fixtures)/small.jpg"))) ?? Data()
    static let png = (try? Data(contentsOf: URL(fileURLWithPath: "\(fixtures)/white-200x100.png"))) ?? Data()

    static func upload(_ server: InProcessServer, key: String, folder: String = "/shop/shoes", fields: [(String, String)] = [],
                       files: [(String, Data)]) async throws -> HTTPExchange {
        let (body, type) = HTTPExchange.multipart(fields: [("folder", folder)] + fields, files: files.map { ("files", $0.0, $0.1) })
        return try await HTTPExchange.send("POST", server.baseURL + "/v1/assets", key: key, contentType: type, body: body)
    }

    static func assets(_ answer: HTTPExchange) -> [[String: Any]] { answer.json["assets"] as? [[String: Any]] ?? [] }

    /// The blob files of the library (not jobs' sources or archives).
    static func libraryBlobs(_ server: InProcessServer) -> [String] { server.storedBlobs.filter { $0.hasPrefix("assets/") } }

    @Test func anUploadedFileHasMetadataAndAKeylessURLUntilItIsDeleted() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme"), other = try await server.key(account: "other")
        let answer = try await Self.upload(server, key: acme, files: [("small.jpg", Self.jpeg), ("white.png", Self.png)])
        try #require(answer.status == 201, "\(answer.text)")
        let made = Self.assets(answer)
        #expect(made.map { $0["name"] as? String } == ["small.jpg", "white.png"])
        #expect(made.map { $0["format"] as? String } == ["jpeg", "png"])
        #expect(made[1]["width"] as? Int == 200 && made[1]["height"] as? Int == 100)
        #expect(made[0]["folder"] as? String == "/shop/shoes" && made[0]["bytes"] as? Int == Self.jpeg.count)
        #expect(made[0]["expiresAt"] is NSNull, "a library upload is permanent unless asked")
        #expect((made[0]["origin"] as? [String: Any])?["type"] as? String == "upload")
        let id = try #require(made[0]["assetId"] as? String), url = try #require(made[0]["url"] as? String)
        #expect(id.hasPrefix("ast_") && url.hasPrefix(server.baseURL + "/files/"))

        // Metadata and bytes with the key; nothing for another account.
        let read = try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(id)", key: acme)
        #expect(read.status == 200 && read.json["url"] as? String == url)
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(id)", key: other).status == 404)
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(id)/content", key: other).status == 404)
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/assets/\(id)", key: other).status == 404)
        let content = try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(id)/content", key: acme)
        #expect(content.status == 200 && content.body == Self.jpeg)

        // The URL needs no key: the bytes, an ETag, cached for a year; 304, a range, HEAD.
        let fetched = try await HTTPExchange.send("GET", url)
        let etag = "\"\(try #require(made[0]["sha256"] as? String))\""
        #expect(fetched.status == 200 && fetched.body == Self.jpeg)
        #expect(fetched.headers["etag"] == etag && fetched.headers["content-type"] == "image/jpeg")
        #expect(fetched.headers["cache-control"] == "public, max-age=31536000, immutable")
        #expect(try await HTTPExchange.send("GET", url, headers: ["If-None-Match": etag]).status == 304)
        let part = try await HTTPExchange.send("GET", url, headers: ["Range": "bytes=10-19"])
        #expect(part.status == 206 && part.body == Self.jpeg.subdata(in: 10..<20) && part.headers["content-range"] == "bytes 10-19/\(Self.jpeg.count)")
        let tail = try await HTTPExchange.send("GET", url, headers: ["Range": "bytes=-5"])
        #expect(tail.status == 206 && tail.body == Self.jpeg.suffix(5))
        let past = try await HTTPExchange.send("GET", url, headers: ["Range": "bytes=\(Self.jpeg.count)-"])
        #expect(past.status == 416 && past.errorCode == "RANGE_NOT_SATISFIABLE" && past.headers["content-range"] == "bytes */\(Self.jpeg.count)")
        let head = try await HTTPExchange.send("HEAD", url)
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(Self.jpeg.count))

        // A changed or cut signature, or another asset's, is refused; the name is only a label.
        let parts = url.components(separatedBy: "/")
        let signature = parts[parts.count - 3], otherID = try #require(made[1]["assetId"] as? String)
        for bad in [url.replacingOccurrences(of: signature, with: String(signature.dropLast())),
                    // (a different first character: one in 64 signatures already starts with A)
                    url.replacingOccurrences(of: signature, with: (signature.first == "A" ? "B" : "A") + signature.dropFirst()),
                    url.replacingOccurrences(of: id, with: otherID)] {
            let refused = try await HTTPExchange.send("GET", bad)
            #expect(refused.status == 403 && refused.errorCode == "INVALID_SIGNATURE", "\(bad)")
        }
        #expect(try await HTTPExchange.send("GET", url.replacingOccurrences(of: "small.jpg", with: "renamed.jpg")).status == 200)

        // An expiring link: works, is cached only until it expires, and its expiry is signed.
        let link = try await HTTPExchange.send("POST", server.baseURL + "/v1/assets/\(id)/links", key: acme, contentType: "application/json",
                                               body: Data(#"{"expiresIn": "1h"}"#.utf8))
        let expiring = try #require(link.json["url"] as? String)
        #expect(link.status == 201 && expiring.contains("?expires="))
        let viaLink = try await HTTPExchange.send("GET", expiring)
        #expect(viaLink.status == 200 && viaLink.headers["cache-control"]?.hasPrefix("public, max-age=35") == true)
        let stretched = expiring.replacingOccurrences(of: "?expires=", with: "?expires=9")
        #expect(try await HTTPExchange.send("GET", stretched).status == 403)
        #expect(try await HTTPExchange.send("GET", String(expiring.prefix { $0 != "?" })).status == 403, "the expiry cannot be dropped")

        // Deleted: the URLs answer 404, and the blob goes with the last asset that used it.
        #expect(Self.libraryBlobs(server).count == 2)
        #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/assets/\(id)", key: acme).status == 204)
        #expect(try await HTTPExchange.send("GET", url).status == 404)
        #expect(try await HTTPExchange.send("GET", expiring).status == 404)
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(id)", key: acme).status == 404)
        #expect(Self.libraryBlobs(server).count == 1)
    }

    @Test func theSameBytesAreStoredOnceAndNamesFollowOnConflict() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme")
        let first = try await Self.upload(server, key: acme, files: [("a.jpg", Self.jpeg)])
        let clash = try await Self.upload(server, key: acme, files: [("a.jpg", Self.jpeg)])
        #expect(clash.status == 409 && clash.errorCode == "ASSET_EXISTS", "\(clash.text)")
        let renamed = try await Self.upload(server, key: acme, fields: [("onConflict", "rename")], files: [("a.jpg", Self.jpeg), ("a.jpg", Self.jpeg)])
        #expect(Self.assets(renamed).map { $0["name"] as? String } == ["a (2).jpg", "a (3).jpg"])
        #expect(Self.libraryBlobs(server).count == 1, "four assets, one blob")
        let overwritten = try await Self.upload(server, key: acme, fields: [("onConflict", "overwrite")], files: [("a.jpg", Self.png)])
        #expect(overwritten.status == 201)
        let oldID = try #require(Self.assets(first).first?["assetId"] as? String)
        #expect(try await HTTPExchange.send("GET", server.baseURL + "/v1/assets/\(oldID)", key: acme).status == 404)
        #expect(Self.libraryBlobs(server).count == 2)
        for asset in Self.assets(renamed) + Self.assets(overwritten) {
            #expect(try await HTTPExchange.send("DELETE", server.baseURL + "/v1/assets/\(asset["assetId"] as? String ?? "")", key: acme).status == 204)
        }
        #expect(Self.libraryBlobs(server).isEmpty)
    }

    @Test func aRefusedUploadKeepsNothing() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme")
        let notAnImage = try await Self.upload(server, key: acme, files: [("good.jpg", Self.jpeg), ("notes.jpg", Data("just text".utf8))])
        #expect(notAnImage.status == 400 && notAnImage.text.contains("files[1] \\\"notes.jpg\\\""), "\(notAnImage.text)")
        let twice = try await Self.upload(server, key: acme, files: [("same.jpg", Self.jpeg), ("same.jpg", Self.png)])
        #expect(twice.status == 409, "\(twice.text)")
        _ = try await Self.upload(server, key: acme, files: [("taken.jpg", Self.png)])
        let partly = try await Self.upload(server, key: acme, files: [("new.jpg", Self.jpeg), ("taken.jpg", Self.jpeg)])
        #expect(partly.status == 409, "\(partly.text)")
        #expect(Self.libraryBlobs(server).count == 1, "only taken.jpg's bytes: \(Self.libraryBlobs(server))")
    }

    @Test func foldersListPageCountMoveAndDelete() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme"), other = try await server.key(account: "other")
        let base = server.baseURL
        func send(_ method: String, _ path: String, key: String? = acme, json: String? = nil) async throws -> HTTPExchange {
            try await HTTPExchange.send(method, base + path, key: key, contentType: json == nil ? nil : "application/json", body: json.map { Data($0.utf8) })
        }
        // Seven files in /shop/shoes, one in /shop/shoes/red, an empty /shop/hats.
        let names = (1...7).map { "shoe \($0).jpg" }
        let made = try await Self.upload(server, key: acme, files: names.map { ($0, Self.jpeg) })
        try #require(made.status == 201, "\(made.text)")
        _ = try await Self.upload(server, key: acme, folder: "/shop/shoes/red", files: [("red.png", Self.png)])
        #expect(try await send("POST", "/v1/folders", json: #"{"path": "/shop/hats"}"#).status == 201)
        #expect(try await send("POST", "/v1/folders", json: #"{"path": "/shop/hats"}"#).status == 200)

        let shop = try await send("GET", "/v1/folders?path=/shop")
        #expect((shop.json["folders"] as? [[String: Any]])?.map { $0["path"] as? String } == ["/shop/hats", "/shop/shoes"])
        // Pages of 3 by name, then the same by size descending: every file once.
        for (sort, order) in [("name", "asc"), ("bytes", "desc"), ("createdAt", "asc")] {
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let page = try await send("GET", "/v1/folders?path=/shop/shoes&limit=3&sort=\(sort)&order=\(order)" + (after.map { "&after=\($0)" } ?? ""))
                #expect(page.status == 200, "\(page.text)")
                seen += Self.assets(page).compactMap { $0["name"] as? String }
                after = page.json["next"] as? String
                pages += 1
            } while after != nil && pages < 10
            #expect(seen.sorted() == names && pages == 3, "\(sort) \(order): \(seen)")
            if sort == "name" { #expect(seen == names) }
        }
        let search = try await send("GET", "/v1/folders?path=/shop/shoes&q=SHOE+3")
        // A form-encoded query (Python's urlencode, HTML forms) writes a space as '+'.
        _ = try await send("POST", "/v1/folders", json: #"{"path": "/Été 2026"}"#)
        let spaced = try await send("GET", "/v1/folders?path=%2F%C3%89t%C3%A9+2026")
        #expect(spaced.status == 200 && spaced.json["path"] as? String == "/Été 2026", "\(spaced.text)")
        #expect(Self.assets(search).map { $0["name"] as? String } == ["shoe 3.jpg"])
        let properties = try await send("GET", "/v1/folders/properties?path=/shop")
        #expect(properties.json["files"] as? Int == 8 && properties.json["folders"] as? Int == 3, "\(properties.text)")
        #expect(properties.json["bytes"] as? Int == 7 * Self.jpeg.count + Self.png.count)

        // Another account sees none of it; bad paths are refused in words.
        #expect(try await send("GET", "/v1/folders?path=/shop", key: other).status == 404)
        for bad in ["/shop/", "shop", "/shop/../x", "/a//b", "/" + String(repeating: "x", count: 300)] {
            let refused = try await send("GET", "/v1/folders?path=\(bad.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? bad)")
            #expect(refused.status == 400 && refused.errorCode == "BAD_REQUEST", "\(bad): \(refused.text)")
        }

        // Move one file into /shop/hats under a new name; a taken name is 409.
        let first = try #require(Self.assets(made).first?["assetId"] as? String)
        let moved = try await send("PATCH", "/v1/assets/\(first)", json: #"{"folder": "/shop/hats", "name": "boot.jpg"}"#)
        #expect(moved.status == 200 && moved.json["folder"] as? String == "/shop/hats" && moved.json["name"] as? String == "boot.jpg")
        let second = try #require(Self.assets(made)[1]["assetId"] as? String)
        let clash = try await send("PATCH", "/v1/assets/\(second)", json: #"{"folder": "/shop/hats", "name": "boot.jpg"}"#)
        #expect(clash.status == 409 && clash.errorCode == "ASSET_EXISTS")
        #expect(try await send("PATCH", "/v1/assets/\(second)", key: other, json: #"{"name": "x.jpg"}"#).status == 404)

        // A folder with something in it needs recursive=true; then it and everything below go.
        let refused = try await send("DELETE", "/v1/folders?path=/shop/shoes")
        #expect(refused.status == 409 && refused.errorCode == "FOLDER_NOT_EMPTY")
        let urls = Self.assets(made).compactMap { $0["url"] as? String }
        let deleted = try await send("DELETE", "/v1/folders?path=/shop/shoes&recursive=true")
        #expect(deleted.status == 200 && deleted.json["assets"] as? Int == 7 && deleted.json["folders"] as? Int == 2, "\(deleted.text)")
        #expect(try await send("GET", "/v1/folders?path=/shop/shoes").status == 404)
        for url in urls.dropFirst() { #expect(try await HTTPExchange.send("GET", url).status == 404) }
        #expect(try await HTTPExchange.send("GET", urls[0]).status == 200, "the moved file lives on in /shop/hats")
        // Delete everything: a wrong confirmation is refused; then the library is empty and its blobs go.
        #expect(try await send("DELETE", "/v1/assets?confirm=someone").status == 400)
        let all = try await send("DELETE", "/v1/assets?confirm=acme")
        #expect(all.status == 200 && all.json["assets"] as? Int == 1)
        let deadline = Date().addingTimeInterval(10)
        while !Self.libraryBlobs(server).isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(Self.libraryBlobs(server).isEmpty)
    }

    @Test func aZIPOfASelectionStreamsTheFilesWithTheirPaths() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme"), other = try await server.key(account: "other")
        let shoes = try await Self.upload(server, key: acme, files: [("small.jpg", Self.jpeg), ("white.png", Self.png)])
        let red = try await Self.upload(server, key: acme, folder: "/shop/shoes/red", files: [("red.png", Self.png)])
        _ = try await Self.upload(server, key: acme, folder: "/elsewhere", files: [("x.jpg", Self.jpeg)])
        func archive(_ json: String, key: String? = nil) async throws -> HTTPExchange {
            try await HTTPExchange.send("POST", server.baseURL + "/v1/archives", key: key ?? acme, contentType: "application/json", body: Data(json.utf8))
        }
        func entries(_ answer: HTTPExchange) throws -> [String: Data] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("selection-\(UUID().uuidString).zip").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try answer.body.write(to: URL(fileURLWithPath: path))
            let reader = try ZipArchiveReader(path: path)
            return Dictionary(uniqueKeysWithValues: try reader.entryNames.map { ($0, Data(try reader.read($0))) })
        }
        let folder = try await archive(#"{"folder": "/shop/shoes", "recursive": true}"#)
        #expect(folder.status == 200 && folder.headers["content-type"] == "application/zip", "\(folder.text)")
        #expect(folder.headers["content-length"] == String(folder.body.count))
        #expect(folder.headers["content-disposition"] == "attachment; filename=\"shoes.zip\"")
        #expect(try entries(folder) == ["small.jpg": Self.jpeg, "white.png": Self.png, "red/red.png": Self.png])
        let flat = try await archive(#"{"folder": "/shop/shoes"}"#)
        #expect(try entries(flat).keys.sorted() == ["small.jpg", "white.png"])
        let ids = (Self.assets(red) + Self.assets(shoes).prefix(1)).compactMap { $0["assetId"] as? String }
        let chosen = try await archive(#"{"assetIds": ["\#(ids[0])", "\#(ids[1])", "\#(ids[0])"]}"#)
        #expect(try entries(chosen) == ["shop/shoes/red/red.png": Self.png, "shop/shoes/small.jpg": Self.jpeg])

        // Another account's ids and folders are not there; a selection past the limit is refused.
        #expect(try await archive(#"{"assetIds": ["\#(ids[0])"]}"#, key: other).status == 404)
        #expect(try await archive(#"{"folder": "/shop"}"#, key: other).status == 404)
        let many = (0...ArchiveHandlers.maximumFiles).map { "\"ast_\($0)\"" }.joined(separator: ",")
        let tooMany = try await archive(#"{"assetIds": [\#(many)]}"#)
        #expect(tooMany.status == 400 && tooMany.text.contains("at most 10000 files"), "\(tooMany.text)")
        for bad in [#"{}"#, #"{"assetIds": [], "folder": "/shop"}"#, #"{"assetIds": []}"#, #"{"folder": "/shop/"}"#, #"{"assetIds": ["../x"]}"#] {
            let refused = try await archive(bad)
            #expect(refused.status == 400 && refused.errorCode == "BAD_REQUEST", "\(bad): \(refused.text)")
        }
    }

    /// Waits until the job has finished; its status document.
    static func finished(_ server: InProcessServer, key: String, _ answer: HTTPExchange) async throws -> APIModels.Job {
        #expect(answer.status == 202, "\(answer.text)")
        let accepted = try JSONDecoder().decode(APIModels.Accepted.self, from: answer.body)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let read = try await HTTPExchange.send("GET", "\(server.baseURL)/v1/jobs/\(accepted.jobId)", key: key)
            let job = try JSONResponse.decoder.decode(APIModels.Job.self, from: read.body)
            if ["succeeded", "partial", "failed"].contains(job.status) { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }

    @Test func jobsRunOnStoredFilesAndKeepTheirUploadsInTheLibrary() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme"), other = try await server.key(account: "other")
        let base = server.baseURL
        #expect(try await HTTPExchange.send("POST", base + "/v1/configurations", key: acme, contentType: "application/json",
                                            body: Data(ClientMistakeTests.thumbnails.utf8)).status == 201)
        func job(_ json: String, key: String? = nil) async throws -> HTTPExchange {
            try await HTTPExchange.send("POST", base + "/v1/jobs", key: key ?? acme, contentType: "application/json", body: Data(json.utf8))
        }
        let stored = try await Self.upload(server, key: acme, folder: "/shop", files: [("small.jpg", Self.jpeg), ("white.png", Self.png)])
        _ = try await Self.upload(server, key: acme, folder: "/shop/more", files: [("deep.jpg", Self.jpeg)])
        let ids = Self.assets(stored).compactMap { $0["assetId"] as? String }

        let byFolder = try await Self.finished(server, key: acme, try await job(#"{"configId": "thumbnails", "folder": "/shop"}"#))
        #expect(byFolder.status == "succeeded" && byFolder.sources.map(\.name).sorted() == ["small.jpg", "white.png"], "\(byFolder.sources)")
        let recursive = try await Self.finished(server, key: acme, try await job(#"{"configId": "thumbnails", "folder": "/shop", "recursive": true}"#))
        #expect(recursive.sources.count == 3 && recursive.status == "succeeded")
        let byID = try await Self.finished(server, key: acme, try await job(#"{"configId": "thumbnails", "assetIds": ["\#(ids[1])"]}"#))
        #expect(byID.status == "succeeded" && byID.sources.map(\.name) == ["white.png"])

        // Another account's files and folders are not there; a selection is one kind of source.
        #expect(try await job(#"{"configId": "thumbnails", "assetIds": ["\#(ids[0])"]}"#, key: other).status == 404)
        #expect(try await job(#"{"configId": "thumbnails", "folder": "/nowhere"}"#).status == 404)
        for bad in [#"{"configId": "thumbnails", "folder": "/shop", "assetIds": ["\#(ids[0])"]}"#,
                    #"{"configId": "thumbnails", "folder": "/shop", "sourceUrls": ["https://a.example/x.jpg"]}"#,
                    #"{"configId": "thumbnails", "assetIds": []}"#, #"{"configId": "thumbnails", "folder": "shop"}"#] {
            let refused = try await job(bad)
            #expect(refused.status == 400 && refused.errorCode == "BAD_REQUEST", "\(bad): \(refused.text)")
        }

        // An upload's images are kept in /uploads/<jobId>/ (a file that is not an image is not).
        let (body, type) = HTTPExchange.multipart(fields: [("configId", "thumbnails")],
                                                  files: [ClientMistakeTests.photo, ("sources", "notes.jpg", Data("just text".utf8))])
        let uploaded = try await Self.finished(server, key: acme, try await HTTPExchange.send("POST", base + "/v1/jobs", key: acme, contentType: type, body: body))
        #expect(uploaded.status == "partial")
        let kept = try await HTTPExchange.send("GET", base + "/v1/folders?path=/uploads/\(uploaded.jobId)", key: acme)
        #expect(Self.assets(kept).map { $0["name"] as? String } == ["small.jpg"], "\(kept.text)")
        #expect(Self.assets(kept).first?["expiresAt"] is String, "kept for as long as the job's archive")
        // …so it can be processed again.
        let again = try await Self.finished(server, key: acme, try await job(#"{"configId": "thumbnails", "folder": "/uploads/\#(uploaded.jobId)", "store": true}"#))
        #expect(again.status == "succeeded" && again.outputs?.count == 6)

        // Deleting a job takes its archive, its kept results and its kept uploads; its record stays.
        #expect(try await HTTPExchange.send("DELETE", base + "/v1/jobs/\(again.jobId)", key: other).status == 404)
        #expect(try await HTTPExchange.send("DELETE", base + "/v1/jobs/\(again.jobId)", key: acme).status == 204)
        #expect(try await HTTPExchange.send("DELETE", base + "/v1/jobs/\(uploaded.jobId)", key: acme).status == 204)
        let deleted = try JSONResponse.decoder.decode(APIModels.Job.self, from: try await HTTPExchange.send("GET", base + "/v1/jobs/\(again.jobId)", key: acme).body)
        #expect(deleted.deletedAt != nil && deleted.archiveUrl == nil && deleted.status == "succeeded")
        let archive = try await HTTPExchange.send("GET", base + "/v1/jobs/\(again.jobId)/archive", key: acme)
        #expect(archive.status == 410 && archive.text.contains("was deleted"), "\(archive.text)")
        for output in again.outputs ?? [] { #expect(try await HTTPExchange.send("GET", output.url).status == 404) }
        #expect(try await HTTPExchange.send("GET", base + "/v1/folders?path=/uploads/\(uploaded.jobId)", key: acme).status == 404)
    }

    /// The issue's first acceptance check, as a client would make it: upload into /shop/shoes,
    /// run social-media-pack over the folder with store: true, open a result's URL, a ZIP of the
    /// folder, delete the folder; then every URL answers 404.
    @Test func uploadsRunStoredAndDeletedEndToEnd() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme")
        let base = server.baseURL
        let pack = try String(contentsOfFile: "\(ClientMistakeTests.repository)/Configurations/social-media-pack.json", encoding: .utf8)
        #expect(try await HTTPExchange.send("POST", base + "/v1/configurations", key: acme, contentType: "application/json", body: Data(pack.utf8)).status == 201)
        let webp = try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/small.webp"))
        let uploaded = try await Self.upload(server, key: acme, files: [("a.jpg", Self.jpeg), ("b.png", Self.png), ("c.webp", webp)])
        let sourceURLs = Self.assets(uploaded).compactMap { $0["url"] as? String }
        #expect(sourceURLs.count == 3)
        let job = try await Self.finished(server, key: acme, try await HTTPExchange.send(
            "POST", base + "/v1/jobs", key: acme, contentType: "application/json",
            body: Data(#"{"configId": "social-media-pack", "folder": "/shop/shoes", "store": true}"#.utf8)))
        #expect(job.status == "succeeded" && job.resultFolder == "/results/social-media-pack/\(job.jobId)")
        let outputs = try #require(job.outputs)
        #expect(outputs.count == 3 * 10, "\(outputs.map(\.path))")
        #expect(outputs.contains { $0.path.hasPrefix("instagram-square/") }, "\(outputs.map(\.path))")
        let opened = try await HTTPExchange.send("GET", try #require(outputs.first?.url))
        #expect(opened.status == 200 && opened.headers["content-type"] == "image/jpeg" && !opened.body.isEmpty)
        let result = try await HTTPExchange.send("GET", base + "/v1/assets/\(try #require(outputs.first?.assetId))", key: acme)
        #expect((result.json["origin"] as? [String: Any])?["jobId"] as? String == job.jobId.rawValue)
        let resultsFolder = try await HTTPExchange.send("GET", base + "/v1/folders/properties?path=/results/social-media-pack/\(job.jobId)", key: acme)
        #expect(resultsFolder.json["files"] as? Int == 30, "\(resultsFolder.text)")

        let refused = try await HTTPExchange.send("POST", base + "/v1/jobs", key: acme, contentType: "application/json",
                                                  body: Data(#"{"configId": "social-media-pack", "folder": "/shop/shoes", "store": true, "resultFolder": "/x/"}"#.utf8))
        #expect(refused.status == 400 && refused.text.contains("resultFolder"), "\(refused.text)")

        let zip = try await HTTPExchange.send("POST", base + "/v1/archives", key: acme, contentType: "application/json",
                                              body: Data(#"{"folder": "/shop/shoes"}"#.utf8))
        #expect(zip.status == 200 && zip.body.count == Int(zip.headers["content-length"] ?? "") )
        #expect(try await HTTPExchange.send("DELETE", base + "/v1/folders?path=/shop/shoes&recursive=true", key: acme).status == 200)
        for url in sourceURLs { #expect(try await HTTPExchange.send("GET", url).status == 404) }
        #expect(try await HTTPExchange.send("DELETE", base + "/v1/folders?path=/results&recursive=true", key: acme).status == 200)
        for output in outputs { #expect(try await HTTPExchange.send("GET", output.url).status == 404) }

    }

    /// The JSON notification of a job that keeps its outputs carries each one's URL.
    @Test func theJSONNotificationOfAStoringJobCarriesItsURLs() async throws {
        let server = try await InProcessServer.start { $0.allowPrivateAddresses = true }
        defer { Task { await server.stop() } }
        let receiver = HoldingReceiver()
        receiver.release()
        let hook = try await receiver.start()
        let acme = try await server.key(account: "acme")
        let base = server.baseURL
        let document = #"{"id": "thumbs", "postbackUrl": "\#(hook)", "postbackFormat": "json", "features": [{"type": "resize", "outputs": [{"width": 40}, {"width": 20}]}], "output": {"format": "png", "store": true}}"#
        #expect(try await HTTPExchange.send("POST", base + "/v1/configurations", key: acme, contentType: "application/json", body: Data(document.utf8)).status == 201)
        _ = try await Self.upload(server, key: acme, folder: "/in", files: [("a.jpg", Self.jpeg)])
        let job = try await Self.finished(server, key: acme, try await HTTPExchange.send(
            "POST", base + "/v1/jobs", key: acme, contentType: "application/json", body: Data(#"{"configId": "thumbs", "folder": "/in"}"#.utf8)))
        #expect(job.outputs?.count == 2, "output.store in the configuration keeps them: \(String(describing: job.outputs))")
        #expect(try await receiver.waitForPosts(1))
        let posted = try #require(receiver.receivedBodies.first)
        let data = try #require((try JSONSerialization.jsonObject(with: posted) as? [String: Any])?["data"] as? [String: Any])
        let kept = try #require(data["kept"] as? [[String: Any]])
        #expect(data["resultFolder"] as? String == "/results/thumbs/\(job.jobId)")
        #expect(kept.compactMap { $0["url"] as? String } == job.outputs?.map(\.url))
        for url in kept.compactMap({ $0["url"] as? String }) {
            let image = try await HTTPExchange.send("GET", url)
            #expect(image.status == 200 && image.headers["content-type"] == "image/png")
        }
    }

    /// The plan's library limits: a file past maxFileBytes is 413 naming it, files past
    /// storageBytes are 403 saying what is used and allowed; nothing of a refused upload is kept.
    @Test func thePlansLibraryLimitsRefuseAWholeUpload() async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme")
        let store = server.env.store
        let (smaller, larger) = Self.jpeg.count < Self.png.count ? (("a.jpg", Self.jpeg), ("b.png", Self.png)) : (("b.png", Self.png), ("a.jpg", Self.jpeg))
        try await store.savePlan(AccountPlan(name: "tiny", permanentStorage: true, storageBytes: Self.png.count + Self.jpeg.count,
                                             maxFileBytes: smaller.1.count))
        let account = try #require(try await store.account(named: "acme"))
        #expect(try await store.setPlan(account: account.id, plan: "tiny"))
        let tooLarge = try await Self.upload(server, key: acme, files: [smaller, larger])
        #expect(tooLarge.status == 413 && tooLarge.text.contains("files[1] \\\"\(larger.0)\\\""), "\(tooLarge.text)")
        try await store.savePlan(AccountPlan(name: "tiny", permanentStorage: true, storageBytes: Self.png.count + Self.jpeg.count,
                                             maxFileBytes: larger.1.count))
        #expect(try await Self.upload(server, key: acme, files: [smaller, larger]).status == 201)
        let full = try await Self.upload(server, key: acme, files: [("c.png", Self.png)])
        #expect(full.status == 403 && full.errorCode == "STORAGE_LIMIT_REACHED" && full.text.contains("tiny plan keeps at most"), "\(full.text)")
        let accountSummary = try await HTTPExchange.send("GET", server.baseURL + "/v1/account", key: acme)
        #expect((accountSummary.json["storage"] as? [String: Any])?["files"] as? Int == 2)
        #expect(Self.libraryBlobs(server).count == 2)
    }

    /// The same file uploaded 50 times at once: one blob, and 50 assets (rename) or 1 asset and
    /// 49 conflicts (fail).
    @Test(arguments: ["fail", "rename"])
    func theSameFileFiftyTimesAtOnce(_ conflict: String) async throws {
        let server = try await InProcessServer.start()
        defer { Task { await server.stop() } }
        let acme = try await server.key(account: "acme")
        let answers = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
            for _ in 0..<50 {
                group.addTask { try await Self.upload(server, key: acme, folder: "/same", fields: [("onConflict", conflict)], files: [("a.jpg", Self.jpeg)]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let created = answers.filter { $0.status == 201 }
        let names = Set(created.flatMap { Self.assets($0).compactMap { $0["name"] as? String } })
        if conflict == "fail" {
            #expect(created.count == 1 && answers.filter { $0.status == 409 && $0.errorCode == "ASSET_EXISTS" }.count == 49,
                    "\(Set(answers.map { "\($0.status) \($0.text.prefix(120))" }))")
        } else {
            #expect(created.count == 50 && names.count == 50 && names.contains("a.jpg") && names.contains("a (50).jpg"), "\(names.sorted())")
        }
        let folder = try await HTTPExchange.send("GET", server.baseURL + "/v1/folders/properties?path=/same", key: acme)
        #expect(folder.json["files"] as? Int == (conflict == "fail" ? 1 : 50))
        #expect(Self.libraryBlobs(server).count == 1, "one blob for the same bytes")
    }
}

