/// What a running job reports as it goes, for progress displays.
public enum ProgressEvent: Sendable {
    /// A source finished: how many outputs it gave, or the error that stopped it, and how
    /// many seconds it took.
    case sourceFinished(name: String, outputs: Int, failure: String?, seconds: Double)
}
