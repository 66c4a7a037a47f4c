/// Collects validation issues while a document is walked, so all of them are reported at once.
final class IssueCollector {
    private(set) var issues: [ValidationIssue] = []

    func add(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func child(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }
}
