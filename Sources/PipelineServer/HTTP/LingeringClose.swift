import Foundation
import Hummingbird
import NIOCore

/// An answer sent before the request's body was read (401, 404, 413 by `Content-Length`, 429, …)
/// must reach clients that write the whole body before they read (Python's `urllib`, many
/// SDKs): closing at once left them a broken pipe instead of the JSON error. As nginx's
/// lingering close: the answer is written whole, then the rest of the body is read and dropped,
/// for at most `maximumBytes` and `maximumSeconds` (a client that stops sending meets the idle
/// timeout), and only then does the connection end.
enum LingeringClose {
    static let maximumBytes = 1 << 30
    static let maximumSeconds = 30.0

    /// Reads and drops what is left of `body`, within the bounds.
    static func drain(_ body: RequestBody) async {
        var iterator = body.makeAsyncIterator()
        await drain(&iterator)
    }

    /// Reads and drops the rest of a body whose reading has begun, within the bounds.
    static func drain(_ iterator: inout RequestBody.AsyncIterator) async {
        let started = ContinuousClock.now
        var read = 0
        while read <= maximumBytes, ContinuousClock.now - started < .seconds(maximumSeconds), let buffer = try? await iterator.next() {
            read += buffer.readableBytes
        }
    }

    /// `data` as the whole answer, then `body` drained.
    static func response(status: Int, headers: HTTPFields, data: Data, draining body: RequestBody) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(contentLength: data.count) { writer in
            try await writer.write(ByteBuffer(bytes: data))
            try await writer.finish(nil)
            await drain(body)
        })
    }
}
