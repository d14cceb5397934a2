import GradSession

/// Pause, single steps and speed, the same on every screen: the state change
/// and the trainer commands it needs.
enum Playback {
    /// Applies `action` if it is a playback action and returns the trainer commands; nil otherwise.
    /// `message` is set for the hint bar when there is something to say.
    static func apply(_ action: DashboardAction, paused: inout Bool, speed: inout Int?, message: inout String?) -> [TrainerCommand]? {
        switch action {
        case .togglePause:
            paused.toggle()
            return [paused ? .pause : .resume]
        case .step:
            let wasRunning = !paused
            paused = true
            return (wasRunning ? [.pause] : []) + [.step]
        case .speedUp, .speedDown:
            speed = SpeedLadder.step(from: speed, faster: action == .speedUp)
            message = "speed \(SpeedLadder.label(speed))"
            return [.speed(speed.map(Double.init))]
        default:
            return nil
        }
    }
}
