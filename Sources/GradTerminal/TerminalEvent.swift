import CNcursesw
import GradUI

/// What `TerminalScreen.nextEvent(timeout:)` reports.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    /// A left click at cell (x, y), in the same coordinates as `Grid`.
    case mouse(x: Int, y: Int)
    /// The terminal has a new size (also sent after resuming from Ctrl-Z,
    /// because the size may have changed while stopped). The next `draw`
    /// repaints every cell.
    case resize(width: Int, height: Int)
    /// Another thread called `TerminalWaker.wake()`; many wakes between two
    /// calls of `nextEvent` arrive as one.
    case wake
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived. The app should `close()`
    /// the screen and exit with status 128 + signal.
    case signal(Int32)
    /// The terminal has taken no output for `TerminalOptions.outputStallTimeout`
    /// (a frozen SSH client, a stopped reader). Until `.outputDrained`, `draw`
    /// shows nothing, so the app should stop work that only feeds the screen.
    case outputStalled
    /// Output held back went out: after `.outputStalled` (`afterStall`), or
    /// after a frame was held while the terminal was slow. The app should draw.
    case outputDrained(afterStall: Bool)
}

extension TerminalEvent {
    /// A termination signal: handled before anything else waiting.
    var isSignal: Bool {
        if case .signal = self { return true }
        return false
    }

    /// A line for the screen's message bar about an output stall; nil for other events.
    public var outputMessage: String? {
        switch self {
        case .outputStalled: "paused: the terminal took no output for a few seconds"
        case .outputDrained(afterStall: true): "resumed: the terminal takes output again (training paused while it did not)"
        default: nil
        }
    }
}

/// Pure decoding of what ncurses' `wget_wch` returns into a `Key`.
enum KeyDecoding {
    /// Decodes `code`: a character when `isFunctionKey` is false (wget_wch
    /// returned OK), a KEY_* code when true (KEY_CODE_YES). Returns nil for
    /// codes gradtop ignores (and for KEY_MOUSE/KEY_RESIZE, handled elsewhere).
    static func key(code: UInt32, isFunctionKey: Bool) -> Key? {
        isFunctionKey ? functionKey(Int32(truncatingIfNeeded: code)) : characterKey(code)
    }

    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(64 + code))))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(64 + code))))
        case 0x80..<0xA0: return nil  // C1 controls: never printable
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backtab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
