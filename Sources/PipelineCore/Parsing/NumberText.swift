/// Numbers written the short way people write them: `50`, `12.5`.
public enum NumberText {
    public static func compact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
