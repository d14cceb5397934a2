/// What the caller may force, whatever the terminal claims.
public struct TerminalOptions: Sendable, Hashable {
    public enum ColorChoice: Sendable, Hashable {
        /// Use what terminfo and the environment (NO_COLOR) allow.
        case auto
        /// No colour at all; bold, reverse and underline are kept.
        case none
    }

    /// Draw ASCII only, even in a UTF-8 locale (e.g. fonts without braille).
    public var forceASCII: Bool
    public var color: ColorChoice
    /// How long output may wait untaken before `.outputStalled`.
    public var outputStallTimeout: Duration

    public init(forceASCII: Bool = false, color: ColorChoice = .auto, outputStallTimeout: Duration = .seconds(3)) {
        self.forceASCII = forceASCII
        self.color = color
        self.outputStallTimeout = outputStallTimeout
    }
}

/// How many colours the backend can put on screen. Widgets never see this:
/// the backend maps every `Color.rgb` down to it.
public enum ColorDepth: Int, Sendable, Hashable, Comparable {
    case none = 0
    case ansi8 = 8
    case ansi16 = 16
    case palette256 = 256
    /// 24-bit colour, e.g. TERM=xterm-direct (terminfo `colors` >= 2^24).
    case direct = 16_777_216

    /// The depth of a terminal reporting `colors` (terminfo `colors`, ncurses
    /// COLORS). Fewer than 8 colours counts as none.
    public init(terminalColors colors: Int) {
        switch colors {
        case 0x100_0000...: self = .direct
        case 256...: self = .palette256
        case 16...: self = .ansi16
        case 8...: self = .ansi8
        default: self = .none
        }
    }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why the dashboard cannot start. `description` is one line meant for the
/// user; the caller prints it to stderr and exits non-zero.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or file, not a terminal.
    case notATerminal
    /// TERM is unset, "dumb", or unknown to terminfo. Carries TERM ("" if unset).
    case unsupportedTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the dashboard needs a terminal, but standard input or output is a pipe or file;"
                + " use `gradtop train` for plain text output."
        case .unsupportedTerminal(let term):
            let problem = term.isEmpty ? "TERM is not set" : "TERM=\(term) cannot show a full-screen dashboard"
            return "\(problem); set TERM (e.g. TERM=xterm-256color) or use `gradtop train` for plain text output."
        }
    }
}
