import Foundation
import Logging
import OpenAPIKit
import PipelineServer
import Testing

@Suite struct OpenAPIDocumentTests {
    @Test func theServedDocumentParsesAndListsEveryRouteTheRouterHas() async throws {
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(PipelineServerApp.openAPIDocument))
        #expect(document.openAPIVersion == .v3_1_0)
        var documented = Set<String>()
        for (path, item) in document.paths {
            guard let item = item.pathItemValue else { continue }
            for endpoint in item.endpoints {
                documented.insert("\(endpoint.method.rawValue.uppercased()) \(path.rawValue)")
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = ServerSettings()
        settings.dataFolder = folder
        let env = try await ServerEnvironment.open(settings, logger: Logger(label: "test"))
        let routes = PipelineServerApp.routes(env).map { route in
            // The router writes parameters as {name} too; paths start with one slash. A route
            // that takes the rest of the path (`/r/**`) is documented with one {path} parameter.
            route.replacingOccurrences(of: " //", with: " /").replacingOccurrences(of: "/**", with: "/{path}")
        }
        #expect(routes.count >= 14)
        for route in routes {
            #expect(documented.contains(route), "\(route) is not in Resources/openapi.json")
        }
        for operation in documented {
            #expect(routes.contains(operation), "\(operation) is documented but the router has no such route")
        }
        // Every operation answers errors in the one documented shape.
        #expect(document.components.schemas["Error"] != nil)
    }
}
