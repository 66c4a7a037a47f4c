import Foundation
import Imaging
import Testing

/// `Libvips.executableBuildID`, which the server's render cache keys carry so that a rebuilt
/// engine never serves another build's results: it must be the ID the linker wrote into the
/// running executable, as binutils' `readelf` reads it from the file.
@Suite struct ExecutableBuildIDTests {
    @Test func itIsTheIDReadelfReadsFromTheRunningExecutable() throws {
        let id = Libvips.executableBuildID
        #expect(id.count == 40 && id.allSatisfy(\.isHexDigit), "\(id)")
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        readelf.arguments = ["-n", executable]
        let output = Pipe()
        readelf.standardOutput = output
        try readelf.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.contains("Build ID:") })
        #expect(line.split(separator: " ").last.map(String.init) == id)
    }
}
