import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PipelineCore
import PipelineStore

/// An error answer: `{"error": {"code", "message", "issues"?}}` with its status. Every client
/// mistake is one of these (a 4xx); nothing a client sends causes a 5xx.
public struct APIError: Error, Sendable, Hashable {
    /// Every code an error answer can carry (the README's error table): a client switches on these.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case accountSuspended = "ACCOUNT_SUSPENDED"
        case archiveExpired = "ARCHIVE_EXPIRED"
        case assetExists = "ASSET_EXISTS"
        case badRequest = "BAD_REQUEST"
        case configurationExists = "CONFIGURATION_EXISTS"
        case configurationLimitReached = "CONFIGURATION_LIMIT_REACHED"
        case creditsExhausted = "CREDITS_EXHAUSTED"
        case dailyQuotaExceeded = "DAILY_QUOTA_EXCEEDED"
        case featureNotInPlan = "FEATURE_NOT_IN_PLAN"
        case folderNotEmpty = "FOLDER_NOT_EMPTY"
        case internalError = "INTERNAL_ERROR"
        case invalidApiKey = "INVALID_API_KEY"
        case invalidConfiguration = "INVALID_CONFIGURATION"
        case invalidSignature = "INVALID_SIGNATURE"
        case ipLimitReached = "IP_LIMIT_REACHED"
        case ipNotAllowed = "IP_NOT_ALLOWED"
        case linkExpired = "LINK_EXPIRED"
        case methodNotAllowed = "METHOD_NOT_ALLOWED"
        case notAllowed = "NOT_ALLOWED"
        case notFinished = "NOT_FINISHED"
        case notFound = "NOT_FOUND"
        case noPostbackUrl = "NO_POSTBACK_URL"
        case payloadTooLarge = "PAYLOAD_TOO_LARGE"
        case processBusy = "PROCESS_BUSY"
        case processFailed = "PROCESS_FAILED"
        case processTimeout = "PROCESS_TIMEOUT"
        case rangeNotSatisfiable = "RANGE_NOT_SATISFIABLE"
        case renderBusy = "RENDER_BUSY"
        case renderFailed = "RENDER_FAILED"
        case renderingDisabled = "RENDERING_DISABLED"
        case renderTimeout = "RENDER_TIMEOUT"
        case rateLimitExceeded = "RATE_LIMIT_EXCEEDED"
        case shareExhausted = "SHARE_EXHAUSTED"
        case storageLimitReached = "STORAGE_LIMIT_REACHED"
        case storageDurationNotInPlan = "STORAGE_DURATION_NOT_IN_PLAN"
        case subaccountExists = "SUBACCOUNT_EXISTS"
        case unsupportedFormat = "UNSUPPORTED_FORMAT"
        case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    }

    public var status: Int
    public var code: Code
    public var message: String
    public var issues: [ValidationIssue]?
    /// The engine's own code (`CORRUPT_IMAGE`, …), sent in place of `code` (a failed render).
    public var engineCode: String?
    /// Extra headers (`Retry-After`, `Allow`).
    public var headers: [String: String] = [:]
    /// Answered before the request's body was read: the body is drained after the answer
    /// (`LingeringClose`), so clients that write it whole before reading see this error.
    public var bodyUnread = false

    public init(_ status: Int, _ code: Code, _ message: String, issues: [ValidationIssue]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues
    }

    static func badRequest(_ message: String) -> APIError { APIError(400, .badRequest, message) }
    static func notFound(_ message: String) -> APIError { APIError(404, .notFound, message) }
    static let invalidKey = APIError(401, .invalidApiKey, "send a valid API key as \"Authorization: Bearer <key>\" (pipeline keys create makes one)")
    static func unsupportedMediaType(_ message: String) -> APIError { APIError(415, .unsupportedMediaType, message) }
    static func tooLarge(_ limit: Int) -> APIError {
        var error = APIError(413, .payloadTooLarge, "the request body is larger than the limit of \(limit) bytes; send fewer or smaller sources per job")
        // The connection ends after the answer (and, where the body was not read, once the
        // rest is drained): a client past the limit is not sent more requests' worth of trust.
        error.headers["Connection"] = "close"
        return error
    }

    /// The answer to a quota the store refused atomically.
    static func refused(_ refusal: QuotaRefusal, plan: AccountPlan, now: Date) -> APIError {
        func retry(_ error: APIError, until date: Date) -> APIError {
            var error = error
            error.headers["Retry-After"] = String(max(1, Int(date.timeIntervalSince(now).rounded(.up))))
            return error
        }
        let left = "\(refusal.remaining) left, \(refusal.requested) asked for"
        switch refusal.limit {
        case .sourcesPerDay:
            return retry(APIError(429, .dailyQuotaExceeded,
                                  "the \(plan.name) plan allows \(refusal.allowed) sources a day (UTC) and \(refusal.used) were taken today (\(left)); retry after midnight UTC or move to a larger plan"),
                         until: UsageCalendar.nextMidnight(after: now))
        case .rendersPerDay:
            return retry(APIError(429, .dailyQuotaExceeded,
                                  "the \(plan.name) plan allows \(refusal.allowed) on-the-fly renders a day (UTC) and \(refusal.used) were made today; cached results are still served; retry after midnight UTC or move to a larger plan"),
                         until: UsageCalendar.nextMidnight(after: now))
        case .creditsPerMonth:
            return APIError(402, .creditsExhausted,
                            "the \(plan.name) plan has \(refusal.allowed) credits a month and \(refusal.used) are spent (\(left)); credits come back on the 1st (UTC), or move to a larger plan")
        case .shareSources, .shareCredits, .shareBytes:
            let what = switch refusal.limit {
            case .shareSources: "sources"
            case .shareCredits: "credits"
            default: "bytes"
            }
            return retry(APIError(429, .shareExhausted,
                                  "this sub-account's monthly share is \(refusal.allowed) \(what) and \(refusal.used) are used (\(left)); its parent account can raise the share"),
                         until: UsageCalendar.nextMonth(after: now))
        case .savedConfigurations:
            return APIError(403, .configurationLimitReached,
                            "the \(plan.name) plan keeps \(refusal.allowed) configurations and this account has \(refusal.used); delete one (DELETE /v1/configurations/{configId}) or move to a larger plan")
        case .allowedIPs:
            return APIError(403, .ipLimitReached,
                            "the \(plan.name) plan allows \(refusal.allowed) addresses on the allow-list and it holds \(refusal.used); remove one (DELETE /v1/account/ips?address=…) first")
        }
    }

    /// A configuration uses what the plan does not include; every offending path is listed.
    static func notInPlan(_ issues: [ValidationIssue], plan: AccountPlan) -> APIError {
        APIError(403, .featureNotInPlan,
                 "the configuration uses \(issues.count) thing\(issues.count == 1 ? "" : "s") the \(plan.name) plan does not include: \(issues.map(\.path).joined(separator: ", "))",
                 issues: issues)
    }

    /// Decodable too, so contract tests read answers into the same model the server writes.
    struct Body: Codable {
        struct Detail: Codable {
            var code: String
            var message: String
            var issues: [ValidationIssue]?
        }
        var error: Detail
    }

    var response: Response { response(draining: nil) }

    /// The answer; with `body` (a request whose body was not read), the body is drained after it.
    func response(draining body: RequestBody?) -> Response {
        let data = (try? JSONResponse.encoder.encode(Body(error: .init(code: engineCode ?? code.rawValue, message: message, issues: issues)))) ?? Data("{}".utf8)
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        guard let body else {
            return Response(status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        return LingeringClose.response(status: status, headers: fields, data: data, draining: body)
    }
}
