import ArgumentParser
import Foundation
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

    static func load(_ path: String) throws -> (PipelineConfig, ConfigID) {
        let data = try read(path)
        do {
            let config = try ConfigurationParser().parse(data)
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return (config, config.id ?? ConfigID.derived(from: stem))
        } catch {
            Console.error("\(path): \(error)")
            throw ExitStatus.invalidConfiguration.exitCode
        }
    }
}
