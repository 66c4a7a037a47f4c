/// Reads the members of one JSON object, reporting wrong types, values out of range and, at
/// `finish()`, every key that was never asked for (unknown keys are errors, never ignored).
struct ObjectReader {
    let path: String
    private let members: [String: JSONValue]
    let issues: IssueCollector
    private var consumed: Set<String> = []

    /// Nil (with an issue recorded) when `value` is not an object.
    init?(_ value: JSONValue, path: String, issues: IssueCollector) {
        guard case .object(let members) = value else {
            issues.add(path, "expected an object, got \(value.kindDescription)")
            return nil
        }
        self.path = path
        self.members = members
        self.issues = issues
    }

    func has(_ key: String) -> Bool { members[key] != nil && members[key] != .null }

    func pathOf(_ key: String) -> String { IssueCollector.child(path, key) }

    mutating func raw(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    mutating func string(_ key: String, maxLength: Int = 200) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value else {
            issues.add(pathOf(key), "expected a string, got \(value.kindDescription)")
            return nil
        }
        if text.count > maxLength {
            issues.add(pathOf(key), "is \(text.count) characters long; use at most \(maxLength)")
            return nil
        }
        return text
    }

    /// A whole number; with `rounding`, a fraction is rounded half away from zero (80.5 → 81)
    /// and a note says so.
    mutating func integer(_ key: String, in range: ClosedRange<Int>, unit: String = "", rounding: Bool = false) -> Int? {
        guard var value = raw(key) else { return nil }
        let expected = "expected a whole number from \(range.lowerBound) to \(range.upperBound)\(unit)"
        if rounding, case .number(let number) = value, number.isFinite, number != number.rounded() {
            let whole = number.rounded(.toNearestOrAwayFromZero)
            if abs(whole) < 1e15, range.contains(Int(whole)) {
                issues.note(pathOf(key), "\(NumberText.compact(number)) was rounded to \(Int(whole)); write a whole number")
                value = .number(whole)
            }
        }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            issues.add(pathOf(key), "\(expected), got \(value.shortDescription)")
            return nil
        }
        guard range.contains(Int(number)) else {
            issues.add(pathOf(key), "\(expected), got \(value.shortDescription)")
            return nil
        }
        return Int(number)
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = raw(key) else { return nil }
        let expected = "expected a number from \(NumberText.compact(range.lowerBound)) to \(NumberText.compact(range.upperBound))"
        guard case .number(let number) = value, range.contains(number) else {
            issues.add(pathOf(key), "\(expected), got \(value.shortDescription)")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard case .bool(let flag) = value else {
            issues.add(pathOf(key), "expected true or false, got \(value.shortDescription)")
            return nil
        }
        return flag
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, listing: [String]? = nil) -> T? where T.RawValue == String {
        guard let value = raw(key) else { return nil }
        let allowed = (listing ?? T.allCases.map(\.rawValue)).map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .string(let text) = value, let choice = Self.accepted(text, as: T.self) else {
            issues.add(pathOf(key), "expected one of \(allowed), got \(value.shortDescription)")
            return nil
        }
        return choice
    }

    /// The value itself, or one differing only in case (`NorthWest`, `Cover`), or another
    /// accepted spelling (`jpg`): normalised to the value, so stored documents say it one way.
    static func accepted<T: RawRepresentable & CaseIterable>(_ text: String, as type: T.Type) -> T? where T.RawValue == String {
        if let exact = T(rawValue: text) { return exact }
        let lowered = text.lowercased()
        if let folded = T.allCases.first(where: { $0.rawValue.lowercased() == lowered }) { return folded }
        return (T.self as? any AcceptedSpellings.Type)?.otherSpellings[lowered] as? T
    }

    mutating func array(_ key: String) -> [JSONValue]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value else {
            issues.add(pathOf(key), "expected an array, got \(value.kindDescription)")
            return nil
        }
        return items
    }

    /// Reports every member that no reader asked for.
    func finish(allowed: [String]) {
        for key in members.keys.sorted() where !consumed.contains(key) {
            let expected = allowed.sorted().joined(separator: ", ")
            let close = allowed.filter { EditDistance.between($0.lowercased(), key.lowercased()) <= 2 }.sorted()
            let hint = close.first.map { "did you mean \"\($0)\"? " } ?? ""
            issues.add(pathOf(key), "unknown key; \(hint)expected one of: \(expected)")
        }
    }
}
