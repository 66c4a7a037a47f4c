import Foundation

/// The social-media templates shipped with the product, as versioned data
/// (`Resources/social-templates.json`, compiled into the binary).
public struct SocialTemplateCatalog: Sendable, Hashable, Codable {
    /// The catalogue's version: the date it was last checked against the platforms.
    public var version: String
    public var templates: [SocialTemplate]

    /// The catalogue shipped with this build.
    public static let shipped: SocialTemplateCatalog = {
        let bytes = Data(PackageResources.social_templates_json)
        do {
            return try JSONDecoder().decode(SocialTemplateCatalog.self, from: bytes)
        } catch {
            // The file is part of the source tree and covered by tests; a broken one is a build defect.
            preconditionFailure("Resources/social-templates.json does not decode: \(error)")
        }
    }()

    /// The template called `name`, if there is one.
    public func template(named name: String) -> SocialTemplate? {
        templates.first { $0.name == name }
    }
}
