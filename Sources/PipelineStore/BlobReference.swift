/// One content blob of an account: the unit the library stores once however many assets share it.
public struct BlobReference: Sendable, Hashable {
    public var accountID: AccountID
    public var sha256: String

    public init(accountID: AccountID, sha256: String) {
        self.accountID = accountID
        self.sha256 = sha256
    }

    public var key: String { AssetRecord.blobKey(account: accountID, sha256: sha256) }
}
