/// What a search of the command line's inputs found: the sources, and the files in folders
/// that were passed over, each with the reason (hidden files are not listed).
public struct SourceSearch: Sendable, Hashable {
    /// A file in a folder that is not taken as a source.
    public struct Skipped: Sendable, Hashable {
        /// Its path relative to the folder it was found in.
        public var name: String
        /// Why, as a phrase ("its extension .txt is not an image's").
        public var reason: String

        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    public var sources: [SourceFile]
    public var skipped: [Skipped]
}
