import GradSession

/// Everything the compare grid draws: one tile per configuration (all on the
/// same data and seed) and the UI state around them. A plain value.
public struct CompareModel: Sendable {
    public struct Tile: Sendable {
        public var config: RunConfig
        /// nil until that tile's trainer publishes its first snapshot.
        public var snapshot: TrainingSnapshot? {
            didSet { statistics = Tile.statistics(of: snapshot) }
        }
        /// The snapshot's per-layer statistics, computed once when it is set.
        public private(set) var statistics: [ViolinStatistics]
        public init(config: RunConfig, snapshot: TrainingSnapshot? = nil) {
            self.config = config
            self.snapshot = snapshot
            statistics = Tile.statistics(of: snapshot)
        }
        static func statistics(of snapshot: TrainingSnapshot?) -> [ViolinStatistics] {
            snapshot?.layers.map { ViolinStatistics(values: $0.values) } ?? []
        }
        /// "sigmoid · random_uniform".
        public func label(_ glyphs: GlyphSet) -> String { "\(config.activation.name) \(glyphs.separator) \(config.initializer.name)" }
        /// The label from longest to shortest: "sigmoid · random_u", ... (see `CompareTileText.labels`).
        public func labels(_ glyphs: GlyphSet) -> [String] {
            CompareTileText.labels(activation: config.activation.name, initializer: config.initializer.name, glyphs: glyphs)
        }
    }

    public var tiles: [Tile]
    public var paused = false
    /// Requested steps per second; nil is "max".
    public var speed: Int? = 10
    /// Symmetric-log by default: the six runs' gradients span orders of magnitude.
    public var axisMode: ViolinAxisMode = .symlog
    public var showsHelp = false
    public var theme: Theme = .dark
    public var glyphs: GlyphSet = .unicode
    /// A one-line notice for the hint bar, nil for the key hints.
    public var message: String?

    /// The violins' shared extents, held across the tiles' snapshots as in the dashboard, so
    /// the common axis moves only when the data leave it (or use much less of it).
    public private(set) var steadyExtents = SteadyViolinExtents()

    public init(configs: [RunConfig]) { tiles = configs.map { Tile(config: $0) } }

    /// Sets tiles' snapshots, then moves the held extents along once for all of them.
    public mutating func show(_ updates: [(tile: Int, snapshot: TrainingSnapshot)]) {
        for (tile, snapshot) in updates where tiles.indices.contains(tile) { tiles[tile].snapshot = snapshot }
        let shown = tiles.filter { $0.snapshot != nil }
        steadyExtents.update(with: shown.compactMap(\.snapshot), statistics: shown.map(\.statistics))
    }

    public var context: RenderContext { RenderContext(theme: theme, glyphs: glyphs) }
}
