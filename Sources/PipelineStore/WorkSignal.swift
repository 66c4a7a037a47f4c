/// New work another process announced: a queued job or a delivery to make.
public enum WorkSignal: String, Sendable, Hashable {
    case job, delivery
}
