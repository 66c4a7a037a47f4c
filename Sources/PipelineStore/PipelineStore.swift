/// Everything the server keeps, as small role protocols (`AccountStore`, `PlanStore`,
/// `ConfigurationStore`, `JobQueue`, `DeliveryOutbox`, `StoreHealth`) that SQLite (embedded, the
/// default) and PostgreSQL (several processes) both implement; a part of the server takes the
/// roles it uses. No SQL lives outside the two backends. Every call is one transaction.
public typealias PipelineStore = AccountStore & PlanStore & ConfigurationStore & JobQueue & DeliveryOutbox & AssetStore & StoreHealth
