/// Collects validation issues while a document is walked, so all of them are reported at once.
final class IssueCollector {
    private(set) var issues: [ValidationIssue] = []
    /// What was accepted but changed (a quality of 80.5 read as 81): said to the user as warnings.
    private(set) var notes: [ValidationIssue] = []

    func add(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    func note(_ path: String, _ message: String) {
        notes.append(ValidationIssue(path: path, message: message))
    }

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func child(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }
}
