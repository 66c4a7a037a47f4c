import Delivery
import Foundation
import Testing

@Suite struct WebhookSignatureTests {
    let secret = try! WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")

    func bodyFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theSignatureIsHMACSHA256OfIdTimestampAndBodyAsPythonComputesIt() throws {
        let body = try bodyFile(#"{"test": 2432232314}"#)
        let ours = try WebhookSignature.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, bodyFile: body, secret: secret)
        let script = """
            import base64, hashlib, hmac, sys
            key = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            body = open(sys.argv[1], "rb").read()
            print(base64.b64encode(hmac.new(key, b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330." + body, hashlib.sha256).digest()).decode())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, body]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let python = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ours == python)
        #expect(ours.count == 44)
    }

    @Test func aValidRequestVerifiesAndEveryTamperingIsRejected() throws {
        let body = try bodyFile("the exact body")
        let now = Date()
        let timestamp = Int(now.timeIntervalSince1970)
        let header = try WebhookSignature.header(id: "msg_1", timestamp: timestamp, bodyFile: body, secrets: [secret])
        try WebhookSignature.verify(id: "msg_1", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret, now: now)

        let tampered = try bodyFile("the exact body!")
        #expect(throws: WebhookSignature.Rejection.noMatch) {
            try WebhookSignature.verify(id: "msg_1", timestamp: String(timestamp), signatures: header, bodyFile: tampered, secret: secret, now: now)
        }
        let other = try WebhookSecret(WebhookSecret.random())
        #expect(throws: WebhookSignature.Rejection.noMatch) {
            try WebhookSignature.verify(id: "msg_1", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: other, now: now)
        }
        #expect(throws: WebhookSignature.Rejection.noMatch) {
            try WebhookSignature.verify(id: "msg_2", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret, now: now)
        }
        #expect(throws: WebhookSignature.Rejection.tooOld(seconds: 301)) {
            try WebhookSignature.verify(id: "msg_1", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret,
                                        now: now.addingTimeInterval(301))
        }
        #expect(throws: WebhookSignature.Rejection.tooNew(seconds: 400)) {
            try WebhookSignature.verify(id: "msg_1", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret,
                                        now: now.addingTimeInterval(-400))
        }
        #expect(throws: WebhookSignature.Rejection.missingHeaders) {
            try WebhookSignature.verify(id: nil, timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret)
        }
    }

    @Test func duringARotationEitherSecretVerifies() throws {
        let body = try bodyFile("rotating")
        let newer = try WebhookSecret(WebhookSecret.random())
        let timestamp = Int(Date().timeIntervalSince1970)
        let header = try WebhookSignature.header(id: "msg_r", timestamp: timestamp, bodyFile: body, secrets: [secret, newer])
        #expect(header.split(separator: " ").count == 2)
        #expect(header.split(separator: " ").allSatisfy { $0.hasPrefix("v1,") })
        try WebhookSignature.verify(id: "msg_r", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: secret)
        try WebhookSignature.verify(id: "msg_r", timestamp: String(timestamp), signatures: header, bodyFile: body, secret: newer)
    }

    @Test func secretsMustHaveTheWhsecForm() throws {
        #expect(throws: WebhookSecret.Invalid.self) { try WebhookSecret("secret") }
        #expect(throws: WebhookSecret.Invalid(description: "the secret's key is 3 bytes; use 24 to 64 random bytes (whsec_ and their base64)")) {
            try WebhookSecret("whsec_YWJj")
        }
        #expect(try WebhookSecret.list("\(WebhookSecret.random()), \(WebhookSecret.random())").count == 2)
    }
}
