import CDeliveryShim
import Delivery
import Foundation
import Packaging
import PipelineCore

/// Checks a received ZIP against its manifest and unpacks it into `<out>/<jobId>/`, atomically:
/// the folder appears complete or not at all.
struct DeliveryUnpacker {
    var outputFolder: String

    struct Rejected: Error, CustomStringConvertible {
        /// 400 for a malformed delivery, 422 for one whose content does not check out.
        var status: Int
        var description: String
    }

    /// Unpacks `archive` for `jobID`; returns the folder and the number of files.
    func unpack(archive: String, jobID: JobID, configID: String) throws -> (folder: String, files: Int, bytes: Int) {
        let reader: ZipArchiveReader
        do { reader = try ZipArchiveReader(path: archive) } catch {
            throw Rejected(status: 422, description: "outputZipFile is not a readable ZIP archive (\(error))")
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
        } catch {
            throw Rejected(status: 422, description: "the ZIP has no readable configuration/manifest.json (\(error))")
        }
        guard manifest.jobId == jobID else {
            throw Rejected(status: 422, description: "the manifest is for job \(manifest.jobId), not \(jobID)")
        }
        guard manifest.configId.rawValue == configID else {
            throw Rejected(status: 422, description: "the manifest is for configuration \(manifest.configId), not \(configID)")
        }
        let names = reader.entryNames
        for name in names where !Self.isSafe(name) {
            throw Rejected(status: 422, description: "the ZIP has an unsafe entry name \"\(name)\"")
        }
        let staging = "\(outputFolder)/.\(jobID.rawValue).partial-\(UUID().uuidString.prefix(8))"
        do {
            var bytes = 0
            for name in names {
                let path = "\(staging)/\(name)"
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let data = try reader.read(name)
                bytes += data.count
                try Data(data).write(to: URL(fileURLWithPath: path))
            }
            for output in manifest.outputs {
                guard names.contains(output.path) else {
                    throw Rejected(status: 422, description: "the manifest lists \(output.path), which the ZIP does not hold")
                }
                let actual = Self.sha256(of: "\(staging)/\(output.path)")
                guard actual == output.sha256 else {
                    throw Rejected(status: 422, description: "\(output.path) has sha256 \(actual ?? "?"), the manifest says \(output.sha256)")
                }
            }
            let final = "\(outputFolder)/\(jobID.rawValue)"
            if FileManager.default.fileExists(atPath: final) {
                // A redelivery of the same job replaces the earlier copy.
                let old = "\(outputFolder)/.\(jobID.rawValue).old-\(UUID().uuidString.prefix(8))"
                try FileManager.default.moveItem(atPath: final, toPath: old)
                try? FileManager.default.removeItem(atPath: old)
            }
            try FileManager.default.moveItem(atPath: staging, toPath: final)
            return (final, names.count, bytes)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Only `configuration/…` and `output/…` paths without `..`, empty or hidden components.
    static func isSafe(_ name: String) -> Bool {
        guard name.hasPrefix("configuration/") || name.hasPrefix("output/"), !name.contains("\\"), !name.contains("\0") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    static func sha256(of path: String) -> String? {
        var hex = [CChar](repeating: 0, count: 65)
        guard ip_sha256_file_hex(path, &hex) == 0 else { return nil }
        return String(decoding: hex.prefix(64).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
