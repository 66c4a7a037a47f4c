import PipelineCore
import Testing

@Suite struct SourceNamingTests {
    @Test(arguments: [
        ("photo.jpg", "photo"),
        ("holiday/beach.png", "beach"),
        ("../../etc/passwd", "passwd"),
        ("/abs/path/x.tiff", "x"),
        ("..hidden.jpg", "hidden"),
        ("a b\tc\u{7}.jpg", "a_b_c_"),
        ("we:ird*na?me<>|.jpg", "we_ird_na_me_"),
        ("..", "image"),
        ("", "image"),
        ("noext", "noext"),
        ("fotografía.jpg", "fotografía"),
        ("C:\\Users\\me\\pic.jpg", "pic"),
    ])
    func namesAreMadeSafe(name: String, stem: String) {
        #expect(SourceNaming.safeStem(name) == stem)
    }

    @Test func stemsAreUniqueIgnoringCase() {
        #expect(SourceNaming.uniqueStems(for: ["a.jpg", "x/a.jpg", "A.png", "a-2.jpg", "b.gif"]) == ["a", "a-2", "A-3", "a-2-2", "b"])
    }

    @Test func longNamesAreCut() {
        let stem = SourceNaming.safeStem(String(repeating: "x", count: 300) + ".jpg")
        #expect(stem.count == 100)
    }

    @Test func identifiersHaveTheirDocumentedForms() {
        #expect(ConfigID("social-pack") != nil)
        #expect(ConfigID("-x") == nil)
        #expect(ConfigID("Upper") == nil)
        #expect(ConfigID.derived(from: "My Social Pack (v2)").rawValue == "my-social-pack-v2")
        #expect(ConfigID.derived(from: "***").rawValue == "configuration")
        #expect(JobID("job_1-A") != nil)
        #expect(JobID("../x") == nil)
        #expect(JobID.random() != JobID.random())
        #expect(JobID(JobID.random().rawValue) != nil)
    }
}
