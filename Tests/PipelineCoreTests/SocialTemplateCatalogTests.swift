import PipelineCore
import Testing

@Suite struct SocialTemplateCatalogTests {
    let catalog = SocialTemplateCatalog.shipped

    @Test func theSpecsTwentyTwoTemplatesAreShippedWithSizes() throws {
        let required: [String: (Int, Int)] = [
            "facebook-profile": (320, 320), "facebook-cover": (851, 315), "facebook-link": (1200, 630), "facebook-event": (1920, 1005),
            "instagram-square": (1080, 1080), "instagram-portrait": (1080, 1350), "instagram-landscape": (1080, 566), "instagram-story": (1080, 1920),
            "x-header": (1500, 500), "x-post": (1600, 900), "x-link-card": (1200, 628), "x-profile": (400, 400),
            "linkedin-profile": (400, 400), "linkedin-background": (1584, 396), "linkedin-link": (1200, 627),
            "linkedin-square": (1200, 1200), "linkedin-company-cover": (1128, 191),
            "youtube-thumbnail": (1280, 720),
            "pinterest-pin": (1000, 1500), "pinterest-square": (1000, 1000), "pinterest-long": (1000, 2100),
            "tiktok-cover": (1080, 1920),
        ]
        #expect(required.count == 22)
        for (name, size) in required {
            let template = try #require(catalog.template(named: name), "missing template \(name)")
            #expect(template.width == size.0 && template.height == size.1, "\(name)")
        }
    }

    @Test func everyTemplateHasAUniqueNameASourceAndADate() {
        #expect(Set(catalog.templates.map(\.name)).count == catalog.templates.count)
        #expect(catalog.templates.count >= 22)
        for template in catalog.templates {
            #expect(!template.source.isEmpty, "\(template.name)")
            #expect(template.date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "\(template.name)")
            #expect((1...16384).contains(template.width) && (1...16384).contains(template.height), "\(template.name)")
            #expect(template.name.wholeMatch(of: /[a-z0-9-]+/) != nil, "\(template.name)")
        }
        #expect(catalog.version.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
    }
}
