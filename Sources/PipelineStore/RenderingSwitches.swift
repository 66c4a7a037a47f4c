/// An account's switches for on-the-fly rendering (SPEC §10), both off for a new account, as
/// NHN Image Manager's real-time service is: `realtime` lets `/r/…` URLs render its assets,
/// `unsigned` lets them do so without a signature (`/r/_/…`).
public struct RenderingSwitches: Sendable, Hashable, Codable {
    public var realtime: Bool
    public var unsigned: Bool

    public init(realtime: Bool = false, unsigned: Bool = false) {
        self.realtime = realtime
        self.unsigned = unsigned
    }
}
