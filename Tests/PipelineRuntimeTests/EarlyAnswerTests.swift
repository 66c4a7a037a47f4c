import Foundation
import PipelineTestSupport
import Testing

/// An answer sent before the request's body was read reaches a client that writes the whole
/// body before it reads (SPEC §11): Python's `urllib` saw a broken pipe where curl saw our 413.
/// The server answers, then reads and drops the rest of the body (a lingering close).
@Suite struct EarlyAnswerTests {
    static let script = #"""
import json, os, sys, urllib.error, urllib.request
base, key, spent = sys.argv[1], sys.argv[2], sys.argv[3]
boundary = "early-boundary"
def form(size):
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'.encode()
    return head + b"\xff" * size + f"\r\n--{boundary}--\r\n".encode()
def chunked(size):
    yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'.encode()
    for _ in range(size // (1 << 20)):
        yield b"\xff" * (1 << 20)
    yield f"\r\n--{boundary}--\r\n".encode()
cases = [
    ("no key", "/v1/jobs", form(8 << 20), {}),
    ("no route", "/v1/nothing", form(8 << 20), {"Authorization": "Bearer " + key}),
    ("past the limit by Content-Length", "/v1/process", form(3 << 20), {"Authorization": "Bearer " + key}),
    ("past the limit in a chunked body", "/v1/process", chunked(4 << 20), {"Authorization": "Bearer " + key}),
    ("multipart to a JSON route", "/v1/configurations", form(8 << 20), {"Authorization": "Bearer " + key}),
    ("a share used up", "/v1/jobs", form(1 << 20), {"Authorization": "Bearer " + spent}),
]
results = {}
for name, path, body, headers in cases:
    headers = {**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    request = urllib.request.Request(base + path, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            results[name] = [answer.status, ""]
    except urllib.error.HTTPError as error:
        results[name] = [error.code, json.loads(error.read())["error"]["code"]]
    except Exception as error:
        results[name] = [0, repr(error)]
print(json.dumps(results))
"""#

    @Test func urllibReadsEveryEarlyAnswerInsteadOfABrokenPipe() async throws {
        let folder = try TemporaryFolder("early")
        let server = try ServerProcess(data: "\(folder.path)/data", arguments: ["--max-upload-bytes", "2000000"])
        try await server.start()
        defer { _ = server.stop() }
        let (key, _) = try await server.createKey(account: "urllib")
        // A sub-account whose share is no sources at all: refused before its upload is read.
        let child = try await HTTPExchange.send("POST", server.baseURL + "/v1/subaccounts", key: key, contentType: "application/json",
                                                body: Data(#"{"name": "spent", "share": {"sourcesPerMonth": 0}}"#.utf8))
        let spent = try #require(child.json["apiKey"] as? String, "\(child.text)")
        try Self.script.write(toFile: "\(folder.path)/early.py", atomically: true, encoding: .utf8)
        let run = try await runProcess("/usr/bin/python3", ["\(folder.path)/early.py", server.baseURL, key, spent], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [Any]], "\(run.stdout)")
        let expected: [String: (Int, String)] = [
            "no key": (401, "INVALID_API_KEY"), "no route": (404, "NOT_FOUND"),
            "past the limit by Content-Length": (413, "PAYLOAD_TOO_LARGE"), "past the limit in a chunked body": (413, "PAYLOAD_TOO_LARGE"),
            "multipart to a JSON route": (415, "UNSUPPORTED_MEDIA_TYPE"), "a share used up": (429, "SHARE_EXHAUSTED"),
        ]
        for (name, (status, code)) in expected {
            let got = try #require(results[name], "\(name) missing: \(run.stdout)")
            #expect(got.first as? Int == status && got.last as? String == code, "\(name): \(got)")
        }
        // The server is still serving.
        #expect(try await runProcess("/usr/bin/curl", ["-sf", "-o", "/dev/null", "\(server.baseURL)/healthz"]).status == 0)
    }
}
