import GradSession

/// Pause, single steps and speed, the same on every screen: the state change
/// and the trainer commands it needs.
enum Playback {
    /// Applies `action` if it is a playback action; nil otherwise.
    static func apply(_ action: DashboardAction, paused: inout Bool, speed: inout Int?) -> (commands: [TrainerCommand], message: String?)? {
        switch action {
        case .togglePause:
            paused.toggle()
            return ([paused ? .pause : .resume], nil)
        case .step:
            let wasRunning = !paused
            paused = true
            return ((wasRunning ? [.pause] : []) + [.step], nil)
        case .speedUp, .speedDown:
            speed = SpeedLadder.step(from: speed, faster: action == .speedUp)
            return ([.speed(speed.map(Double.init))], "speed \(SpeedLadder.label(speed))")
        default:
            return nil
        }
    }
}
