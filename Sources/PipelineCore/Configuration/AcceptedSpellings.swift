/// Other spellings a choice accepts (SPEC §11), beyond its values in any case: the seeds'
/// services and file names say `jpg` where the language says `jpeg`. Keys are lower case; the
/// parser normalises to the value, so stored documents say it one way.
public protocol AcceptedSpellings {
    static var otherSpellings: [String: Self] { get }
}
