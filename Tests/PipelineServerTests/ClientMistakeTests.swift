import Foundation
import PipelineTestSupport
@testable import PipelineServer
import Testing

/// Every client mistake, one row each: the request, and the status, code and whole message the
/// server answers with (decoded into the server's own error model, so a renamed field fails).
/// Each row runs against a server of its own, in this process, and leaves nothing stored.
@Suite struct ClientMistakeTests {
    enum Who: Sendable { case nobody, wrongKey, acme, other }

    enum Payload: Sendable {
        case none
        case json(String)
        case raw(contentType: String, Data)
        /// Form fields, then file parts (field name, file name, bytes).
        case form([(String, String)], files: [(String, String, Data)])
        /// A form cut 40 bytes short of its end.
        case truncatedForm([(String, String)], files: [(String, String, Data)])
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var path: String
        var who: Who = .acme
        var payload: Payload = .none
        var status: Int
        var code: String
        var message: String
        /// The JSON paths of the answer's `issues`, for a configuration refused.
        var issues: [String]? = nil
        var headers: [String: String] = [:]
        var testDescription: String { name }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let small = (try? Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/ImagingTests/Fixtures/small.jpg"))) ?? Data()
    static let thumbnails = (try? String(contentsOfFile: "\(repository)/Configurations/thumbnails.json", encoding: .utf8)) ?? "{}"
    static let photo = ("sources", "small.jpg", small)
    static let invalidKey = #"send a valid API key as "Authorization: Bearer <key>" (pipeline keys create makes one)"#
    static let noConfiguration = "there is no configuration nope in this account; save it first with POST /v1/configurations"

    static let mistakes: [Mistake] = [
        Mistake(name: "no key", method: "GET", path: "/v1/configurations", who: .nobody, status: 401, code: "INVALID_API_KEY", message: invalidKey),
        Mistake(name: "an unknown key", method: "GET", path: "/v1/configurations", who: .wrongKey, status: 401, code: "INVALID_API_KEY", message: invalidKey),
        Mistake(name: "no key on a job upload", method: "POST", path: "/v1/jobs", who: .nobody, payload: .form([("configId", "thumbnails")], files: [photo]),
                status: 401, code: "INVALID_API_KEY", message: invalidKey),
        Mistake(name: "a configuration that is not JSON", method: "POST", path: "/v1/configurations", payload: .json("not json"),
                status: 400, code: "BAD_REQUEST", message: "the body is not JSON; send the configuration document as application/json"),
        Mistake(name: "an invalid configuration", method: "POST", path: "/v1/configurations",
                payload: .json(#"{"id": "Bad Id", "features": [{"type": "resize", "outputs": [{"width": 0}]}], "extra": 1}"#),
                status: 422, code: "INVALID_CONFIGURATION", message: "the configuration has 3 problems", issues: ["id", "features[0].outputs[0].width", "extra"]),
        Mistake(name: "a reserved configuration id", method: "POST", path: "/v1/configurations",
                payload: .json(#"{"id": "schema", "features": [{"type": "grayscale"}]}"#),
                status: 422, code: "INVALID_CONFIGURATION", message: "the id schema is reserved (/v1/configurations/schema is a route of its own); choose another id",
                issues: ["id"]),
        Mistake(name: "a watermark image outside DATA/assets", method: "POST", path: "/v1/configurations",
                payload: .json(#"{"features": [{"type": "watermark", "outputs": [{"image": "/etc/hostname"}, {"image": "../blobs/x.png"}, {"image": "ok/../../x.png"}]}]}"#),
                status: 422, code: "INVALID_CONFIGURATION", message: "the configuration names watermark images outside DATA/assets",
                issues: ["features[0].outputs[0].image", "features[0].outputs[1].image", "features[0].outputs[2].image"]),
        Mistake(name: "a taken configuration id", method: "POST", path: "/v1/configurations", payload: .json(thumbnails),
                status: 409, code: "CONFIGURATION_EXISTS", message: "configuration thumbnails already exists; replace it with PUT /v1/configurations/thumbnails or choose another id"),
        Mistake(name: "a multipart configuration", method: "POST", path: "/v1/configurations", payload: .form([("configId", "thumbnails")], files: [photo]),
                status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "this route takes application/json, not multipart/form-data"),
        Mistake(name: "another account's configuration", method: "GET", path: "/v1/configurations/thumbnails", who: .other,
                status: 404, code: "NOT_FOUND", message: "there is no configuration thumbnails in this account; GET /v1/configurations lists them"),
        Mistake(name: "replacing a configuration that does not exist", method: "PUT", path: "/v1/configurations/nope", payload: .json(thumbnails.replacingOccurrences(of: #""id": "thumbnails","#, with: "")),
                status: 404, code: "NOT_FOUND", message: "there is no configuration nope in this account; GET /v1/configurations lists them"),
        Mistake(name: "replacing with another id", method: "PUT", path: "/v1/configurations/thumbnails",
                payload: .json(thumbnails.replacingOccurrences(of: #""id": "thumbnails""#, with: #""id": "other-id""#)),
                status: 422, code: "INVALID_CONFIGURATION", message: "the document's id is other-id but the URL names thumbnails; leave id out or make them the same",
                issues: ["id"]),
        Mistake(name: "deleting a configuration that does not exist", method: "DELETE", path: "/v1/configurations/nope",
                status: 404, code: "NOT_FOUND", message: "there is no configuration nope in this account; GET /v1/configurations lists them"),
        Mistake(name: "an upload against another account's configuration", method: "POST", path: "/v1/jobs", who: .other,
                payload: .form([("configId", "thumbnails")], files: [photo]), status: 404, code: "NOT_FOUND",
                message: "there is no configuration thumbnails in this account; save it first with POST /v1/configurations"),
        Mistake(name: "an upload against an unknown configuration", method: "POST", path: "/v1/jobs", payload: .form([("configId", "nope")], files: [photo]),
                status: 404, code: "NOT_FOUND", message: noConfiguration),
        Mistake(name: "an upload without configId", method: "POST", path: "/v1/jobs", payload: .form([], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: "the configId field is missing; send the id of a saved configuration as a form field named configId (or the document itself as configuration)"),
        Mistake(name: "an upload whose file part is not named sources", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails")], files: [("photo", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "no sources part; send each image as a file part named sources (file parts named photo were sent)"),
        Mistake(name: "a truncated upload", method: "POST", path: "/v1/jobs", payload: .truncatedForm([("configId", "thumbnails")], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: "the multipart body ends before its last boundary; send the whole body, ending with ------pipeline-test-boundary--"),
        Mistake(name: "an upload past --max-upload-bytes", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails")], files: [("sources", "big.jpg", Data(repeating: 7, count: 250_000))]),
                status: 413, code: "PAYLOAD_TOO_LARGE", message: "the request body is larger than the limit of 200000 bytes; send fewer or smaller sources per job"),
        Mistake(name: "more sources than --max-sources-per-job", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails")], files: (1...4).map { ("sources", "\($0).jpg", Data("tiny".utf8)) }),
                status: 400, code: "BAD_REQUEST", message: "an upload may carry at most 3 sources and this one has more; send them in several jobs"),
        Mistake(name: "a form field past 64 KB", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails"), ("postbackUrl", String(repeating: "a", count: 70_000))], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: "the form field postbackUrl is longer than 65536 bytes; fields hold configId, postbackUrl and storageDuration, and images go in sources file parts (with a filename)"),
        Mistake(name: "an ftp postbackUrl", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails"), ("postbackUrl", "ftp://example.com/x")], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: #"postbackUrl "ftp://example.com/x" is not an http(s) URL"#),
        Mistake(name: "a postbackUrl on loopback", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails"), ("postbackUrl", "http://127.0.0.1:9/hook")], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: "postbackUrl http://127.0.0.1:9/hook is refused: 127.0.0.1 resolves to 127.0.0.1, a loopback, private or link-local address; the server connects there only when started with --allow-private-addresses"),
        Mistake(name: "a storageDuration that is not one", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails"), ("storageDuration", "forever")], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: #"storageDuration "forever" is not a duration; use hours such as 24h (1h to 2160h), days such as 7d, months such as 1m, or permanent"#),
        Mistake(name: "a storageDuration past 2160h", method: "POST", path: "/v1/jobs",
                payload: .form([("configId", "thumbnails"), ("storageDuration", "91d")], files: [photo]),
                status: 400, code: "BAD_REQUEST", message: "storageDuration 91d is longer than 2160h; use at most 2160h, or permanent"),
        Mistake(name: "a JSON job without sourceUrls", method: "POST", path: "/v1/jobs", payload: .json(#"{"configId": "thumbnails"}"#),
                status: 400, code: "BAD_REQUEST", message: "sourceUrls must list 1 to 3 http(s) URLs, got 0"),
        Mistake(name: "a JSON job with more sourceUrls than allowed", method: "POST", path: "/v1/jobs",
                payload: .json(#"{"configId": "thumbnails", "sourceUrls": ["http://a.example/1.jpg", "http://a.example/2.jpg", "http://a.example/3.jpg", "http://a.example/4.jpg"]}"#),
                status: 400, code: "BAD_REQUEST", message: "sourceUrls must list 1 to 3 http(s) URLs, got 4"),
        Mistake(name: "a JSON job with an ftp source URL", method: "POST", path: "/v1/jobs",
                payload: .json(#"{"configId": "thumbnails", "sourceUrls": ["https://a.example/1.jpg", "ftp://a.example/2.jpg"]}"#),
                status: 400, code: "BAD_REQUEST", message: #"sourceUrls[1] "ftp://a.example/2.jpg" is not an http(s) URL"#),
        Mistake(name: "a JSON job with an ftp postbackUrl", method: "POST", path: "/v1/jobs",
                payload: .json(#"{"configId": "thumbnails", "sourceUrls": ["https://a.example/1.jpg"], "postbackUrl": "ftp://example.com/x"}"#),
                status: 400, code: "BAD_REQUEST", message: #"postbackUrl "ftp://example.com/x" is not an http(s) URL"#),
        Mistake(name: "a JSON job without configId", method: "POST", path: "/v1/jobs", payload: .json(#"{"sourceUrls": ["https://a.example/1.jpg"]}"#),
                status: 404, code: "NOT_FOUND", message: "there is no configuration (none given) in this account; save it first with POST /v1/configurations"),
        Mistake(name: "a job body of another type", method: "POST", path: "/v1/jobs", payload: .raw(contentType: "text/plain", Data("x".utf8)),
                status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "send sources as multipart/form-data with a boundary (or JSON with sourceUrls)"),
        Mistake(name: "an asset upload into a folder with '..'", method: "POST", path: "/v1/assets",
                payload: .form([("folder", "/shop/../etc")], files: [("files", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "folder \"/shop/../etc\": a folder name cannot start with '.' (\"..\")"),
        Mistake(name: "an asset upload into a folder ending in '/'", method: "POST", path: "/v1/assets",
                payload: .form([("folder", "/shop/")], files: [("files", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "folder \"/shop/\": a folder path does not end with '/'"),
        Mistake(name: "an asset upload with an unknown onConflict", method: "POST", path: "/v1/assets",
                payload: .form([("onConflict", "maybe")], files: [("files", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "onConflict \"maybe\" is not one of fail, overwrite, rename"),
        Mistake(name: "an asset upload without a files part", method: "POST", path: "/v1/assets",
                payload: .form([("folder", "/a")], files: [("sources", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "no files part; send each image as a file part named files (file parts named sources were sent)"),
        Mistake(name: "an asset upload with an unknown field", method: "POST", path: "/v1/assets",
                payload: .form([("folders", "/a")], files: [("files", "a.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "unknown form field \"folders\"; did you mean folder? this route takes files, folder, onConflict, storageDuration"),
        Mistake(name: "an asset file name with a control character", method: "POST", path: "/v1/assets",
                payload: .form([], files: [("files", "a\u{1}b.jpg", small)]),
                status: 400, code: "BAD_REQUEST", message: "files[0] \"a\u{1}b.jpg\": a file name holds letters, digits, spaces, '-', '_', '.', '(' and ')' only (\"a\u{1}b.jpg\"); rename the file"),
        Mistake(name: "an unknown asset", method: "GET", path: "/v1/assets/ast_000000000000000000000000",
                status: 404, code: "NOT_FOUND", message: "there is no asset ast_000000000000000000000000 in this account"),
        Mistake(name: "a file URL for no asset", method: "GET", path: "/files/abc/ast_000000000000000000000000/a.jpg", who: .nobody,
                status: 404, code: "NOT_FOUND", message: "there is no such file; it may have been deleted"),
        Mistake(name: "an unknown job", method: "GET", path: "/v1/jobs/job-unknown", status: 404, code: "NOT_FOUND", message: "there is no job job-unknown in this account"),
        Mistake(name: "redelivering an unknown job", method: "POST", path: "/v1/jobs/job-unknown/redeliver", status: 404, code: "NOT_FOUND", message: "there is no job job-unknown in this account"),
        Mistake(name: "an archive link that was not signed here", method: "GET", path: "/v1/archives/job-unknown?expires=4102444800&signature=abc",
                who: .nobody, status: 403, code: "INVALID_SIGNATURE",
                message: "this archive link is not valid; use the archiveUrl of the notification as it was sent, or GET /v1/jobs/job-unknown/archive with an API key"),
        Mistake(name: "a limit of 0", method: "GET", path: "/v1/jobs?limit=0", status: 400, code: "BAD_REQUEST", message: "limit=0 is not a whole number from 1 to 100"),
        Mistake(name: "a status that is not one", method: "GET", path: "/v1/jobs?status=lost", status: 400, code: "BAD_REQUEST",
                message: "status=lost is not one of queued, processing, delivering, succeeded, partial, failed"),
        Mistake(name: "a route that does not exist", method: "GET", path: "/v1/nothing", status: 404, code: "NOT_FOUND",
                message: "there is no route GET /v1/nothing; GET /openapi.json lists them"),
        Mistake(name: "a method a route does not have", method: "PUT", path: "/v1/jobs", status: 405, code: "METHOD_NOT_ALLOWED",
                message: "PUT is not allowed on /v1/jobs; use GET, POST", headers: ["allow": "GET, POST"]),
        Mistake(name: "a method a parameterised route does not have", method: "PUT", path: "/v1/jobs/job-1", status: 405, code: "METHOD_NOT_ALLOWED",
                message: "PUT is not allowed on /v1/jobs/job-1; use DELETE, GET"),
        Mistake(name: "a usage day that is not one", method: "GET", path: "/v1/account/usage?from=yesterday", status: 400, code: "BAD_REQUEST",
                message: "from=yesterday is not a day; use YYYY-MM-DD (UTC)"),
        Mistake(name: "an allow-list entry that is not an address", method: "POST", path: "/v1/account/ips", payload: .json(#"{"address": "not an ip"}"#),
                status: 400, code: "BAD_REQUEST", message: #"address "not an ip" is not an IPv4 or IPv6 address or CIDR range"#),
        Mistake(name: "revoking a key that does not exist", method: "DELETE", path: "/v1/keys/key_0000", status: 404, code: "NOT_FOUND", message: "there is no active key key_0000 in this account; GET /v1/keys lists them"),
        Mistake(name: "a sub-account without a name", method: "POST", path: "/v1/subaccounts", payload: .json("{}"),
                status: 400, code: "BAD_REQUEST", message: #"expected {"name": "team-a", "share"?: {"sourcesPerMonth"?: 1000, "creditsPerMonth"?: 20000, "bytesPerMonth"?: 1000000000}}"#),
        // SPEC §11: no field is silently ignored, on any route; the closest name is the hint.
        Mistake(name: "a job upload with an unknown field", method: "POST", path: "/v1/jobs",
                payload: .form([("config_id", "thumbnails")], files: [photo]), status: 400, code: "BAD_REQUEST",
                message: "unknown form field \"config_id\"; did you mean configId? this route takes configId, configuration, postbackUrl, resultFolder, sources, storageDuration, store"),
        Mistake(name: "a JSON job with an unknown key", method: "POST", path: "/v1/jobs",
                payload: .json(#"{"configId": "thumbnails", "sourceUrl": "https://example.com/a.jpg"}"#), status: 400, code: "BAD_REQUEST",
                message: "unknown key \"sourceUrl\"; did you mean sourceUrls? this route takes assetIds, configId, configuration, folder, postbackUrl, recursive, resultFolder, sourceUrls, storageDuration, store"),
        Mistake(name: "a JSON job with duration and storageDuration", method: "POST", path: "/v1/jobs",
                payload: .json(#"{"configId": "thumbnails", "sourceUrls": ["https://example.com/a.jpg"], "duration": "1H", "storageDuration": "2h"}"#),
                status: 400, code: "BAD_REQUEST", message: "duration and storageDuration are the same key; send one of them"),
        Mistake(name: "an account change with an unknown key", method: "PATCH", path: "/v1/account", payload: .json(#"{"realtime": true}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"realtime\"; did you mean realtimeRendering? this route takes realtimeRendering, unsignedRendering"),
        Mistake(name: "a folder with an unknown key", method: "POST", path: "/v1/folders", payload: .json(#"{"path": "/a", "recursive": true}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"recursive\"; this route takes path"),
        Mistake(name: "a ZIP of a selection with an unknown key", method: "POST", path: "/v1/archives", payload: .json(#"{"ids": ["ast_1"]}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"ids\"; this route takes assetIds, folder, recursive"),
        Mistake(name: "an allow-list entry with an unknown key", method: "POST", path: "/v1/account/ips", payload: .json(#"{"address": "10.0.0.1", "enabled": true}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"enabled\"; this route takes active, address"),
        Mistake(name: "a key with an unknown key", method: "POST", path: "/v1/keys", payload: .json(#"{"account": "acct_1"}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"account\"; did you mean accountId? this route takes accountId"),
        Mistake(name: "a sub-account with an unknown key", method: "POST", path: "/v1/subaccounts", payload: .json(#"{"name": "a", "quota": 5}"#),
                status: 400, code: "BAD_REQUEST", message: "unknown key \"quota\"; this route takes name, share"),
    ]

    @Test(arguments: mistakes)
    func aClientMistakeIsAFourHundredThatSaysWhatToDoAndNothingIsKept(_ mistake: Mistake) async throws {
        let server = try await InProcessServer.start { settings in
            settings.maxUploadBytes = 200_000
            settings.maxSourcesPerJob = 3
        }
        let acme = try await server.key(account: "acme")
        let other = try await server.key(account: "other")
        let saved = try await HTTPExchange.send("POST", server.baseURL + "/v1/configurations", key: acme, contentType: "application/json",
                                            body: Data(Self.thumbnails.utf8))
        try #require(saved.status == 201, "\(saved.text)")
        let key: String? = switch mistake.who {
        case .nobody: nil
        case .wrongKey: "ipk_wrong"
        case .acme: acme
        case .other: other
        }
        let (body, type): (Data?, String?) = switch mistake.payload {
        case .none: (nil, nil)
        case .json(let text): (Data(text.utf8), "application/json")
        case .raw(let type, let data): (data, type)
        case .form(let fields, let files): HTTPExchange.multipart(fields: fields, files: files)
        case .truncatedForm(let fields, let files): { let (data, type) = HTTPExchange.multipart(fields: fields, files: files); return (data.dropLast(40), type) }()
        }
        let answer = try await HTTPExchange.send(mistake.method, server.baseURL + mistake.path, key: key, contentType: type, body: body)
        let error = try JSONDecoder().decode(APIError.Body.self, from: answer.body).error
        #expect(answer.status == mistake.status, "\(answer.text)")
        #expect(error.code == mistake.code)
        #expect(error.message == mistake.message)
        #expect(error.issues?.map(\.path) == mistake.issues)
        for (name, value) in mistake.headers { #expect(answer.headers[name] == value, "\(name)") }
        #expect(server.storedBlobs.isEmpty, "\(server.storedBlobs)")
    }
}

/// The codes are a closed set a client can switch on: each is documented.
@Suite struct ErrorCodeTests {
    @Test func everyErrorCodeIsInTheREADMEsErrorTable() throws {
        let readme = try String(contentsOfFile: "\(ClientMistakeTests.repository)/README.md", encoding: .utf8)
        for code in APIError.Code.allCases {
            #expect(readme.contains("`\(code.rawValue)`"), "\(code.rawValue) is not in the README")
        }
    }
}
