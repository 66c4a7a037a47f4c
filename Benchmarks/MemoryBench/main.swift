import Foundation
import PipelineCore
import PipelineRuntime

/// Runs the same job again and again in one process and prints the resident memory after each
/// run, to show that memory returns to its level (no leak per job): the server will run jobs
/// one after another for weeks.
///
///     swift run -c release pipeline-memory-bench CONFIG INPUT [runs]

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: pipeline-memory-bench CONFIG INPUT [runs]\n".utf8))
    exit(2)
}
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 10 : 10
let config = try ConfigurationParser().parse(Data(contentsOf: URL(fileURLWithPath: arguments[1])))
let sources = try SourceDiscovery.find([arguments[2]])
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memory-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }

print("before any job: \(String(format: "%.1f", residentMegabytes())) MB")
var after: [Double] = []
for run in 1...runs {
    var request = JobRequest(config: config, configID: ConfigID("memory")!, jobID: JobID("memory-\(run)")!, sources: sources,
                             archivePath: "\(folder)/out.zip", concurrency: ProcessInfo.processInfo.activeProcessorCount)
    // Watermark images are found beside the configuration, as with `pipeline run`.
    request.assetDirectory = URL(fileURLWithPath: arguments[1]).standardizedFileURL.deletingLastPathComponent().path
    let result = try await JobRunner().run(request)
    after.append(residentMegabytes())
    print("after job \(run): \(String(format: "%.1f", after.last!)) MB (\(result.manifest.outputs.count) outputs, \(result.status.rawValue))")
}
// Compare the middle third with the last third: a leak grows with every job, a plateau does not.
let third = max(1, runs / 3)
let middle = after[third..<min(after.count, 2 * third)]
let last = after.suffix(third)
let middleMean = middle.reduce(0, +) / Double(middle.count), lastMean = last.reduce(0, +) / Double(last.count)
print(String(format: "mean after jobs %d-%d: %.1f MB; after the last %d jobs: %.1f MB; change %.1f %%",
             third + 1, 2 * third, middleMean, third, lastMean, 100 * (lastMean - middleMean) / middleMean))
