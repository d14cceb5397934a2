import Foundation

/// A private tmux server (its own socket) running a shell, for driving the real
/// dashboard as a user would: type keys, read the screen, resize the window.
final class TmuxSession {
    let socket = "gradtop-test-\(UUID().uuidString.prefix(8))"
    let name = "t"

    init(width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ ", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) bash --norc --noprofile -i"])
        try tmux(["set-option", "-t", name, "status", "off"])
        _ = waitFor { $0.contains("$") }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs a tmux command through the shell and returns its output. Not through
    /// Foundation's Process: the command that starts the server forks a daemon that
    /// would inherit Process's bookkeeping pipe, and waiting for the client would hang.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let words = ["tmux", "-L", socket] + arguments
        let command = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        guard let pipe = popen(command + " 2>/dev/null </dev/null", "r") else { return "" }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    /// Types `text` literally, then Enter when asked.
    func type(_ text: String, enter: Bool = false) {
        _ = try? tmux(["send-keys", "-t", name, "-l", text])
        if enter { _ = try? tmux(["send-keys", "-t", name, "Enter"]) }
    }

    /// Sends a tmux key name (e.g. "Space", "C-c", "Up").
    func key(_ name: String) { _ = try? tmux(["send-keys", "-t", self.name, name]) }

    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// The visible screen with its colours, as escape sequences.
    var styledScreen: String { (try? tmux(["capture-pane", "-p", "-e", "-t", name])) ?? "" }

    /// Polls the screen until `condition` holds or `timeout` passes; returns the last screen.
    func waitFor(timeout: Double = 15, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let text = screen
            if condition(text) { return text }
            usleep(100_000)
        } while Date() < deadline
        return nil
    }
}
