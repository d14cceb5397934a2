import GradNet
import GradTensor
import Testing
import GradSession
import GradNet
@testable import GradUI

@Suite struct DashboardControllerTests {
    static func controller(_ config: RunConfig = RunConfig()) -> DashboardController {
        DashboardController(config: config, model: DashboardModel(), themeName: "dark", catalog: ThemeCatalog(userDirectory: nil))
    }

    @Test func picking_an_activation_restarts_with_the_same_seed_and_data() {
        var c = DashboardControllerTests.controller()
        let commands = c.handle(.pickActivation(2))
        var expected = RunConfig()
        expected.activation = .tanh
        #expect(commands == [.restart(expected)])
        #expect(c.config.seed == RunConfig().seed && c.config.dataSeed == RunConfig().dataSeed)
    }

    @Test func next_initializer_wraps_around_the_list() {
        var c = DashboardControllerTests.controller()
        for _ in 0..<c.model.initializers.count { _ = c.handle(.nextInitializer) }
        #expect(c.config.initializer == .randomUniform)
        _ = c.handle(.prevInitializer)
        #expect(c.config.initializer == .zeros)
    }

    @Test func space_pauses_and_resumes() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.togglePause) == [.pause])
        #expect(c.model.paused)
        #expect(c.handle(.togglePause) == [.resume])
    }

    @Test func a_single_step_while_running_pauses_first() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.step) == [.pause, .step])
        #expect(c.handle(.step) == [.step])
    }

    @Test func speed_moves_along_the_ladder_up_to_max() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.speedUp) == [.speed(30)])
        _ = c.handle(.speedUp)
        #expect(c.handle(.speedUp) == [.speed(nil)])
        #expect(c.handle(.speedUp) == [.speed(nil)])
        #expect(c.model.message == "speed max")
    }

    @Test func learning_rate_keys_double_and_halve_and_restart() {
        var c = DashboardControllerTests.controller()
        _ = c.handle(.lrUp)
        #expect(c.config.learningRate == 0.02)
        let commands = c.handle(.lrDown)
        #expect(c.config.learningRate == 0.01)
        #expect(commands == [.restart(c.config)])
    }

    @Test func a_new_data_draw_is_refused_for_a_data_file() {
        var config = RunConfig()
        config.dataFile = "points.csv"
        var c = DashboardControllerTests.controller(config)
        #expect(c.handle(.newData).isEmpty)
        #expect(c.model.message?.contains("points.csv") == true)
    }

    @Test func new_seeds_are_reproducible_from_the_starting_configuration() {
        var a = DashboardControllerTests.controller(), b = DashboardControllerTests.controller()
        _ = a.handle(.newSeed)
        _ = b.handle(.newSeed)
        #expect(a.config.seed == b.config.seed && a.config.seed != RunConfig().seed)
    }

    @Test func quitting_tells_the_trainer_and_the_loop() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.quit) == [.quit])
        #expect(c.wantsQuit)
    }

    @Test func the_theme_key_cycles_through_the_catalog() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.cycleTheme).isEmpty)
        #expect(c.themeName == "light")
        #expect(c.model.theme.name == "light")
    }

    @Test func view_only_actions_send_nothing_to_the_trainer() {
        var c = DashboardControllerTests.controller()
        #expect(c.handle(.toggleHelp).isEmpty && c.model.overlay == .help)
        #expect(c.handle(.cycleAxisMode).isEmpty)
    }
}

@Suite struct RefusedChanges {
    static func snapshot(_ config: RunConfig) -> TrainingSnapshot {
        TrainingSnapshot(config: config, step: 0, loss: 1, lossHistory: [], layers: [], stepsPerSecond: 0, deadUnits: 0)
    }

    @Test func a_refused_change_is_taken_back_and_the_screen_says_why() {
        var c = DashboardControllerTests.controller()
        c.show(RefusedChanges.snapshot(RunConfig()))
        _ = c.handle(.cycleHidden)
        #expect(c.config.hidden != RunConfig().hidden)
        c.refuse(InputError(file: "--examples", message: "too many for these layers"))
        c.settle(on: RunConfig())
        #expect(c.config == RunConfig(), "the exit line would reproduce a run that never trained")
        #expect(c.model.message?.contains("not changed") == true && c.model.message?.contains("too many for these layers") == true)
    }

    @Test func the_exit_line_names_the_run_on_screen_while_a_change_is_on_its_way() {
        var c = DashboardControllerTests.controller()
        c.show(RefusedChanges.snapshot(RunConfig()))
        _ = c.handle(.cycleHidden)
        #expect(c.shownConfig == RunConfig())
    }

    @Test func a_first_run_that_cannot_start_says_so() {
        var c = DashboardControllerTests.controller()
        c.refuse(InputError(file: "data.csv", message: "no such file"))
        #expect(c.model.message?.hasPrefix("could not start") == true)
    }

    @Test func a_new_weight_seed_is_refused_when_the_weights_come_from_a_file() {
        var config = RunConfig()
        config.modelFile = "relu.json"
        var c = DashboardControllerTests.controller(config)
        #expect(c.handle(.newSeed) == [])
        #expect(c.config.seed == config.seed)
        #expect(c.model.message?.contains("relu.json") == true)
    }
}
