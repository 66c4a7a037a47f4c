import ArgumentParser
import Foundation
import Imaging
import PipelineCore

/// Loads a configuration file for a command, printing its problems and exiting 3 when it is invalid.
enum ConfigurationFile {
    /// The file's bytes; a missing file is a usage error (exit 2).
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("cannot read configuration \(path): no such file")
            throw ExitStatus.usage.exitCode
        }
        return data
    }

    /// The folder a configuration's relative watermark paths are resolved against.
    static func assetDirectory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let absolute = folder.hasPrefix("/") ? folder : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
        return (absolute as NSString).standardizingPath
    }

    /// Parses the document and checks that the files it refers to (watermark images) can be used.
    static func parse(_ data: Data, path: String) throws(ConfigurationError) -> PipelineConfig {
        var notes: [ValidationIssue] = []
        let config = try ConfigurationParser().parse(data, notes: &notes)
        for note in notes { Console.error("\(path): warning: \(note.path): \(note.message)") }
        let problems = WatermarkAssets(directory: assetDirectory(of: path)).check(config)
        if !problems.isEmpty { throw ConfigurationError(issues: problems) }
        return config
    }

    static func load(_ path: String) throws -> (PipelineConfig, ConfigID) {
        let data = try read(path)
        do {
            let config = try parse(data, path: path)
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return (config, config.id ?? ConfigID.derived(from: stem))
        } catch {
            Console.error("\(path): \(error)")
            throw ExitStatus.invalidConfiguration.exitCode
        }
    }
}
