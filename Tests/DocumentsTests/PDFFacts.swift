import Foundation

/// What a user would check of a PDF before and after compression, read with qpdf's JSON and
/// poppler: pages and their sizes, the text, each page's pixels, links, bookmarks, form fields.
struct PDFFacts: Equatable {
    var pages: Int
    var pageSizes: [String]
    var text: String
    var links: Int
    var annotations: Int
    var outlines: Int
    var formFields: Int

    static func read(_ path: String) async throws -> PDFFacts {
        let info = try await Tool.run("/usr/bin/pdfinfo", ["-f", "1", "-l", "9999", path]).text
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
            .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }
        let text = try await Tool.run("/usr/bin/pdftotext", ["-layout", path, "-"]).text
        let json = try await Tool.run("/usr/bin/qpdf", ["--json=2", "--json-key=pages", "--json-key=outlines", "--json-key=acroform", "--json-key=qpdf", path])
        let document = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any] ?? [:]
        let pages = document["pages"] as? [[String: Any]] ?? []
        let outlines = document["outlines"] as? [Any] ?? []
        let fields = (document["acroform"] as? [String: Any])?["fields"] as? [Any] ?? []
        let objects = (document["qpdf"] as? [Any])?.last as? [String: Any] ?? [:]
        var links = 0, annotations = 0
        for page in pages {
            guard let object = page["object"] as? String,
                  let value = (objects["obj:\(object)"] as? [String: Any])?["value"] as? [String: Any] else { continue }
            let annots = value["/Annots"] as? [String] ?? []
            annotations += annots.count
            links += annots.filter { reference in
                ((objects["obj:\(reference)"] as? [String: Any])?["value"] as? [String: Any])?["/Subtype"] as? String == "/Link"
            }.count
        }
        return PDFFacts(pages: pages.count, pageSizes: sizes, text: text, links: links, annotations: annotations,
                        outlines: outlines.count, formFields: fields.count)
    }

    /// Each page rendered by poppler at `dpi`, as PPM bytes.
    static func pixels(_ path: String, dpi: Int = 50) async throws -> [Data] {
        let folder = try Scratch.folder("ppm")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await Tool.run("/usr/bin/pdftoppm", ["-r", "\(dpi)", path, "\(folder)/page"])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        return names.compactMap { FileManager.default.contents(atPath: "\(folder)/\($0)") }
    }
}
