import ArgumentParser

@main
struct Gradtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradtop",
        abstract: "Watch the vanishing-gradient problem live: per-layer gradient violins of a small network as it trains.",
        discussion: "With no subcommand, gradtop opens the dashboard on the notebook's first experiment (sigmoid, random_uniform).",
        subcommands: [Dash.self, Compare.self, TourCommand.self, Train.self, Grads.self, Summary.self, Plot.self, Themes.self, Bench.self],
        defaultSubcommand: Dash.self)
}
