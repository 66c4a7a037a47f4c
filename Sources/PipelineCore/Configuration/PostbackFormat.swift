/// How a result is posted (SPEC §2, §5): the ZIP itself as `multipart/form-data`, or a signed
/// JSON notification with an expiring `archiveUrl` (for receivers that verify with the
/// Standard Webhooks libraries, which read bodies as text, or that do not want large bodies).
public enum PostbackFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case multipart, json
}
