import Foundation
import PipelineCore
import Testing

/// What a PDF source gets from each kind of configuration (SPEC §12).
@Suite struct DocumentPlanTests {
    private func plan(_ json: String) throws -> DocumentPlan {
        DocumentPlan.plan(try ConfigurationParser().parse(Data(json.utf8)))
    }

    @Test func oneDocumentPerCompressOutputWithItsLabelAndSetting() throws {
        let plan = try plan(#"{"features": [{"type": "compress", "outputs": [{"quality": 60}, {"lossless": true}, {"name": "small", "maxBytes": 50000}]}]}"#)
        #expect(plan.leaves.map(\.labels) == [["q60"], ["lossless"], ["small"]])
        #expect(plan.leaves.map(\.setting) == [.quality(60), .lossless, .fitting(maxBytes: 50000, highestQuality: 100)])
        #expect(plan.skipped.isEmpty)
    }

    @Test func imageFeaturesAreSkippedAndDoNotMultiplyTheDocument() throws {
        let plan = try plan(#"""
            {"features": [{"type": "resize", "outputs": [{"width": 800}, {"width": 400}, {"width": 200}]},
                          {"type": "compress", "outputs": [{"quality": 70}]},
                          {"type": "convert", "outputs": [{"format": "webp"}, {"format": "avif"}]},
                          {"type": "resize", "outputs": [{"percent": 50}]}]}
            """#)
        #expect(plan.leaves.map(\.labels) == [["q70"]])
        #expect(plan.skipped == [.resize, .convert])
    }

    @Test func withoutACompressFeatureThereIsOneDocumentAtTheDefaultSetting() throws {
        let plan = try plan(#"{"features": [{"type": "resize", "outputs": [{"width": 800}]}]}"#)
        #expect(plan.leaves == [DocumentPlan.Leaf(labels: [], setting: nil)])
        #expect(plan.skipped == [.resize])
    }
}

/// `pdf` is an output's format, never one a configuration asks for.
@Suite struct PDFFormatRefusalTests {
    @Test(arguments: [#"{"features": [{"type": "convert", "outputs": [{"format": "pdf"}]}]}"#,
                      #"{"features": [{"type": "resize", "outputs": [{"width": 10}]}], "output": {"format": "PDF"}}"#])
    func askingForPDFIsAMistakeNamedWithTheField(_ json: String) throws {
        #expect {
            try ConfigurationParser().parse(Data(json.utf8))
        } throws: { error in
            let text = "\(error)"
            return text.contains("format: expected one of \"original\", \"jpeg\"") && text.contains("got \"pdf\"") && text.contains("output.pdf")
        }
    }
}
