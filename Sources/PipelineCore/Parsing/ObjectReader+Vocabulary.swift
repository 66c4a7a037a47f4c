/// Reading through the vocabulary's keys: the limits and choices come from the same table the
/// schema is made from.
extension ObjectReader {
    func has(_ key: ConfigurationKey) -> Bool { has(key.name) }

    func pathOf(_ key: ConfigurationKey) -> String { pathOf(key.name) }

    mutating func string(_ key: ConfigurationKey) -> String? {
        guard case .text(let maxLength, _) = key.value else { preconditionFailure("\(key.name) is not a text key") }
        return string(key.name, maxLength: maxLength)
    }

    mutating func integer(_ key: ConfigurationKey) -> Int? {
        guard case .whole(let range, let unit, _) = key.value else { preconditionFailure("\(key.name) is not a whole-number key") }
        // Quality alone is rounded: clients of the seeds' services send fractions (80.5).
        return integer(key.name, in: range, unit: unit, rounding: key.name == "quality")
    }

    mutating func number(_ key: ConfigurationKey) -> Double? {
        guard case .number(let range) = key.value else { preconditionFailure("\(key.name) is not a number key") }
        return number(key.name, in: range)
    }

    mutating func bool(_ key: ConfigurationKey) -> Bool? {
        guard case .flag = key.value else { preconditionFailure("\(key.name) is not a flag") }
        return bool(key.name)
    }

    /// A value of `T`; the message lists the key's choices (which may be fewer than `T`'s cases:
    /// the caller then explains why the others do not apply).
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: ConfigurationKey, _ type: T.Type) -> T? where T.RawValue == String {
        precondition(!key.choices.isEmpty, "\(key.name) is not a choice key")
        return choice(key.name, type, listing: key.choices)
    }

    /// A format a configuration may ask for (`pdf` is only what PDF sources give).
    mutating func format(_ key: ConfigurationKey) -> ImageFormat? {
        guard let format = choice(key, ImageFormat.self) else { return nil }
        guard ImageFormat.configurable.contains(format) else {
            let allowed = key.choices.map { "\"\($0)\"" }.joined(separator: ", ")
            issues.add(pathOf(key.name), "expected one of \(allowed), got \"\(format.rawValue)\" (a PDF source gives PDFs by itself: see output.pdf)")
            return nil
        }
        return format
    }

    /// Reports every member the object's table does not have.
    func finish(_ object: ConfigurationObject) {
        finish(allowed: object.keyNames)
    }
}
