import Foundation
import PipelineCore
import PipelineStore

/// A rendering URL's path, read into its parts (SPEC §10). Which segments name the output and
/// which the asset is decided later, against the configuration's outputs.
struct RenderAddress: Sendable, Hashable {
    /// The signature segment (`_` for an unsigned URL).
    var signature: String
    var account: AccountID
    enum Target: Sendable, Hashable {
        /// A saved configuration, with the segments that follow its id (output path, then asset).
        case configuration(ConfigID, rest: [String])
        /// Ad-hoc options, with the asset's segments.
        case options(String, asset: [String])
    }
    var target: Target
    /// What the signature signs: `/` and the decoded segments after it.
    var signedPath: String

    /// Why a path is not a rendering URL, in words.
    struct Problem: Error, Sendable {
        var message: String
    }

    /// Reads `path` (as requested, percent-encoded, starting `/r/`).
    init(path: String) throws(Problem) {
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2)
        var segments: [String] = []
        for part in raw {
            guard let decoded = String(part).removingPercentEncoding, !decoded.isEmpty, !decoded.contains("/") else {
                throw Problem(message: "the path has an empty or undecodable segment; write /r/{signature}/{accountId}/{configId}/{outputPath}/{folders}/{name}")
            }
            segments.append(decoded)
        }
        guard segments.count >= 5 else {
            throw Problem(message: "a rendering path is /r/{signature}/{accountId}/{configId}/{outputPath}/{assetPath} or /r/{signature}/{accountId}/_/{options}/{assetPath}")
        }
        signature = segments[0]
        guard let account = AccountID(segments[1]) else { throw Problem(message: "\(segments[1].prefix(70)) is not an account id") }
        self.account = account
        signedPath = "/" + segments.dropFirst().joined(separator: "/")
        if segments[2] == "_" {
            target = .options(segments[3], asset: Array(segments[4...]))
        } else {
            guard let id = ConfigID(segments[2]) else { throw Problem(message: "there is no configuration \(segments[2].prefix(70)) (ids are [a-z0-9][a-z0-9-]{0,63})") }
            target = .configuration(id, rest: Array(segments[3...]))
        }
    }

    /// The asset a path's last segments name: `id/ast_…`, or folders and a name.
    static func locator(_ segments: [String]) -> AssetLocator? {
        if segments.count == 2, segments[0] == "id" {
            return AssetID(segments[1]).map(AssetLocator.id)
        }
        guard let name = segments.last, let folder = FolderPath("/" + segments.dropLast().joined(separator: "/")) else { return nil }
        return .place(folder, name)
    }
}
