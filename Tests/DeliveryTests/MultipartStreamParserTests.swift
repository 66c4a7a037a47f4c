import Delivery
import Foundation
import Testing

/// The streaming multipart reader, over every way a body can be cut into chunks: each body of the
/// matrix is fed whole, byte by byte, in chunks of 2, 3, 7 and 64 bytes, and split in two at
/// every position; the parts read back must be the parts written, whatever the cut.
@Suite struct MultipartStreamParserTests {
    struct Part: Equatable, CustomStringConvertible {
        var name: String?
        var fileName: String?
        var bytes: [UInt8]
        var description: String { "\(name ?? "-")/\(fileName ?? "-")/\(bytes.count) bytes" }
    }

    static let boundary = "XyZ-boundary_42"

    /// File contents that try the delimiter search: CRs, CR LFs, a delimiter missing its last
    /// byte, a delimiter with another boundary, and bytes ending in a CR.
    static let awkward: [UInt8] = Array("a\rb\r\nc\r\n-d\r\n--XyZ-boundary_4".utf8) + [0, 13, 10, 45, 45, 13] + Array("\r\n--XyZ\r\n--other\r".utf8)

    static func body(_ parts: [Part], preamble: String = "", epilogue: String = "") -> [UInt8] {
        var body = Array(preamble.utf8)
        if !preamble.isEmpty { body += Array("\r\n".utf8) }
        for part in parts {
            body += Array("--\(boundary)\r\n".utf8)
            if let name = part.name {
                var disposition = "Content-Disposition: form-data; name=\"\(name)\""
                if let fileName = part.fileName { disposition += "; filename=\"\(fileName)\"" }
                body += Array("\(disposition)\r\nContent-Type: application/octet-stream\r\n".utf8)
            }
            body += Array("\r\n".utf8) + part.bytes + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n\(epilogue)".utf8)
    }

    static let cases: [(String, [Part], String, String)] = [
        ("one field", [Part(name: "configId", bytes: Array("thumbnails".utf8))], "", ""),
        ("one file", [Part(name: "sources", fileName: "a.jpg", bytes: awkward)], "", ""),
        ("empty file", [Part(name: "sources", fileName: "empty.jpg", bytes: [])], "", ""),
        ("part without headers", [Part(bytes: Array("plain".utf8))], "", ""),
        ("preamble and epilogue", [Part(name: "configId", bytes: Array("x".utf8)), Part(name: "sources", fileName: "b.png", bytes: awkward)],
         "This is the preamble.\r\nIt is ignored.", "and an epilogue\r\n--XyZ-boundary_42\r\n"),
        ("three files and fields", [Part(name: "configId", bytes: Array("c".utf8)), Part(name: "sources", fileName: "1.jpg", bytes: awkward),
                                    Part(name: "sources", fileName: "2.jpg", bytes: Array(awkward.reversed())),
                                    Part(name: "postbackUrl", bytes: Array("http://127.0.0.1/".utf8)),
                                    Part(name: "sources", fileName: "3.jpg", bytes: (0..<3000).map { UInt8($0 % 256) })], "", ""),
    ]

    static func read(_ body: [UInt8], chunks sizes: [Int]) throws -> (parts: [Part], complete: Bool) {
        var parser = try MultipartStreamParser(boundary: boundary)
        var parts: [Part] = []
        var open = false
        var offset = 0
        var sizeIndex = 0
        while offset < body.count {
            let size = min(sizes[sizeIndex % sizes.count], body.count - offset)
            sizeIndex += 1
            try body[offset..<(offset + size)].withUnsafeBytes { chunk in
                try parser.feed(chunk) { event in
                    switch event {
                    case .partBegan(let header):
                        #expect(!open)
                        open = true
                        parts.append(Part(name: header.name, fileName: header.fileName, bytes: []))
                    case .bytes(let bytes):
                        #expect(open)
                        parts[parts.count - 1].bytes += bytes
                    case .partEnded:
                        #expect(open)
                        open = false
                    }
                }
            }
            offset += size
        }
        return (parts, parser.isComplete)
    }

    @Test(arguments: cases.indices)
    func everyCutGivesThePartsBack(_ index: Int) throws {
        let (label, parts, preamble, epilogue) = Self.cases[index]
        let body = Self.body(parts, preamble: preamble, epilogue: epilogue)
        var cuts: [[Int]] = [[body.count], [1], [2], [3], [7], [64]]
        for split in 1..<body.count { cuts.append([split, body.count]) }
        for sizes in cuts {
            let read = try Self.read(body, chunks: sizes)
            #expect(read.parts == parts, "\(label), chunks \(sizes)")
            #expect(read.complete, "\(label), chunks \(sizes)")
        }
    }

    @Test func aBodyCutShortIsNotComplete() throws {
        let body = Self.body(Self.cases[5].1)
        for length in [0, 10, body.count / 2, body.count - 5] {
            let read = try Self.read(Array(body.prefix(length)), chunks: [13])
            #expect(!read.complete, "cut at \(length)")
        }
    }

    @Test func malformedBodiesAreRefusedWithAReason() throws {
        let garbage = Array("--\(Self.boundary)X\r\n\r\nbody\r\n--\(Self.boundary)--".utf8)
        #expect { try Self.read(garbage, chunks: [1000]) } throws: {
            ($0 as? MultipartStreamParser.SyntaxError)?.description.contains("followed by a line break") == true
        }
        let longHeader = Array("--\(Self.boundary)\r\nX-Long: \(String(repeating: "a", count: 20_000))\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect { try Self.read(longHeader, chunks: [4096]) } throws: {
            ($0 as? MultipartStreamParser.SyntaxError)?.description.contains("longer than 16384 bytes") == true
        }
        // Padding after a boundary is held back until its line break: it is bounded, so a body
        // of spaces is refused rather than copied again with every chunk.
        let padded = Array("--\(Self.boundary)".utf8) + [UInt8](repeating: 32, count: 100_000) + Array("\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect { try Self.read(padded, chunks: [1000]) } throws: {
            ($0 as? MultipartStreamParser.SyntaxError)?.description.contains("spaces or tabs after a boundary") == true
        }
        let fewSpaces = Array("--\(Self.boundary)  \t\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect(try Self.read(fewSpaces, chunks: [3]).parts == [Part(bytes: [120])])
        let noColon = Array("--\(Self.boundary)\r\nnot a header\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect(throws: MultipartStreamParser.SyntaxError.self) { try Self.read(noColon, chunks: [5]) }
        for boundary in ["", "a\r\nb", String(repeating: "b", count: 201)] {
            #expect(throws: MultipartStreamParser.SyntaxError.self) { try MultipartStreamParser(boundary: boundary) }
        }
        // No delimiter at all: nothing is read, and the body is not complete.
        let read = try Self.read(Array("just some text\r\n--".utf8), chunks: [3])
        #expect(read.parts.isEmpty && !read.complete)
    }

    @Test func contentDispositionParametersAreReadAsBrowsersAndCurlSendThem() throws {
        let lines = [
            (#"form-data; name="sources"; filename="a;b \"c\".jpg""#, "sources", #"a;b "c".jpg"#),
            ("form-data; name=configId", "configId", nil),
            (#"form-data;name="sources";filename="x.jpg"; filename*=UTF-8''%C3%A9t%C3%A9.jpg"#, "sources", "été.jpg"),
            (#"FORM-DATA; NAME="up"; FILENAME="Ü.png""#, "up", "Ü.png"),
        ]
        for (disposition, name, fileName) in lines {
            let body = Array("--\(Self.boundary)\r\ncontent-disposition: \(disposition)\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
            let read = try Self.read(body, chunks: [body.count])
            #expect(read.parts == [Part(name: name, fileName: fileName, bytes: [120])], "\(disposition)")
        }
    }

    /// Hostile bodies: 400 mutations of the matrix's bodies (bytes flipped, cut out, doubled,
    /// CR LF and delimiter pieces put in), each read whole and in three random cuttings. The
    /// parser never traps, and every cutting reads what the whole body reads: the same parts, or
    /// the same error.
    @Test func mutatedBodiesReadTheSameWhateverTheCut() throws {
        var random = SeededGenerator(seed: 0x5EED)
        let pieces: [[UInt8]] = [[13], [10], [13, 10], Array("--".utf8), Array("\r\n--\(Self.boundary)".utf8), Array("--\(Self.boundary)--".utf8), [0]]
        var completeBodies = 0
        for round in 0..<400 {
            let (_, parts, preamble, epilogue) = Self.cases[round % Self.cases.count]
            var body = Self.body(parts, preamble: preamble, epilogue: epilogue)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<body.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: body[at] = UInt8.random(in: 0...255, using: &random)
                case 1: body.removeSubrange(at..<min(body.count, at + Int.random(in: 1...20, using: &random)))
                case 2: body.insert(contentsOf: body[at..<min(body.count, at + 30)], at: at)
                default: body.insert(contentsOf: pieces.randomElement(using: &random)!, at: at)
                }
                if body.isEmpty { body = [45] }
            }
            let whole = Self.outcome(body, chunks: [body.count])
            if case .success(_, true) = whole { completeBodies += 1 }
            for _ in 0..<3 {
                let sizes = (0..<5).map { _ in Int.random(in: 1...97, using: &random) }
                let cut = Self.outcome(body, chunks: sizes)
                #expect(cut == whole, "round \(round), chunks \(sizes)")
            }
        }
        // The mutations leave some bodies whole and break others: both kinds were tried.
        #expect(completeBodies > 40 && completeBodies < 360, "\(completeBodies) of 400 mutated bodies still complete")
    }

    enum Outcome: Equatable {
        case success(parts: [Part], complete: Bool)
        case failure(String)
    }

    static func outcome(_ body: [UInt8], chunks: [Int]) -> Outcome {
        do {
            let read = try read(body, chunks: chunks)
            return .success(parts: read.parts, complete: read.complete)
        } catch {
            return .failure("\(error)")
        }
    }

    /// What the postback client writes, the parser reads back.
    @Test func theBodiesThePostbackClientWritesReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("archive.zip")
        let content = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
        try Data(content).write(to: file)
        let written = try MultipartBody.write(to: folder.appendingPathComponent("body").path, fields: [("jobId", "j1"), ("configId", "c1")],
                                              fileField: "outputZipFile", fileName: "j1.zip", fileContentType: "application/zip", filePath: file.path)
        let boundary = try #require(MultipartBody.boundary(of: written.contentType))
        var parser = try MultipartStreamParser(boundary: boundary)
        var parts: [Part] = []
        let body = try Data(contentsOf: URL(fileURLWithPath: written.path))
        #expect(body.count == written.length)
        try body.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let size = min(65_536, all.count - offset)
                try parser.feed(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + size)])) { event in
                    switch event {
                    case .partBegan(let header): parts.append(Part(name: header.name, fileName: header.fileName, bytes: []))
                    case .bytes(let bytes): parts[parts.count - 1].bytes += bytes
                    case .partEnded: break
                    }
                }
                offset += size
            }
        }
        #expect(parser.isComplete)
        #expect(parts == [Part(name: "jobId", bytes: Array("j1".utf8)), Part(name: "configId", bytes: Array("c1".utf8)),
                          Part(name: "outputZipFile", fileName: "j1.zip", bytes: content)])
    }
}

/// xorshift64*: the same pseudo-random sequence on every run, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
