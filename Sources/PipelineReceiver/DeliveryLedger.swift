import Foundation

/// Which `webhook-id`s were already stored, so a retried delivery is acknowledged without
/// being unpacked twice. Kept on disk (`<out>/.webhook-ids/`) so it survives restarts.
actor DeliveryLedger {
    private let folder: String
    private var seen: Set<String> = []

    init(outputFolder: String) {
        folder = "\(outputFolder)/.webhook-ids"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        seen = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
    }

    func contains(_ id: String) -> Bool { seen.contains(Self.safe(id)) }

    func record(_ id: String, jobID: String) {
        let name = Self.safe(id)
        seen.insert(name)
        FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(jobID.utf8))
    }

    /// A webhook-id as a file name (it is the sender's text).
    private static func safe(_ id: String) -> String {
        String(id.unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            return ok ? Character(scalar) : "_"
        }.prefix(128))
    }
}
