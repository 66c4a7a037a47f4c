/// The product's name and version, as written into every manifest.
public enum ProductInfo {
    public static let name = "ImagePipeline"
    public static let version = "0.1.0"
}
