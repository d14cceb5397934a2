import CNcursesw
import Glibc
import GradUI
import Synchronization

/// The full-screen terminal: the only code in gradtop that talks to ncurses.
/// It takes finished `Grid`s and puts them on screen (`draw`), and turns key
/// presses, clicks, resizes, wakes and signals into `TerminalEvent`s
/// (`nextEvent`, in TerminalScreen+Input.swift).
///
/// Threading: ncurses is not thread-safe, so a `TerminalScreen` is not
/// `Sendable` and every method must be called from the one thread that
/// opened it. Other threads get a `TerminalWaker` (`waker`) instead.
/// At most one screen is open per process.
public final class TerminalScreen {
    /// True when glyphs outside ASCII may be drawn: the locale's codeset is
    /// UTF-8 and ASCII was not forced. Otherwise non-ASCII glyphs show as '?'.
    public let isUnicode: Bool
    /// The colours the terminal gets, after NO_COLOR and the options.
    public let colorDepth: ColorDepth
    /// Cells written by the last `draw`: the changed cells, or all of them
    /// after a resize. For tests and benchmarks.
    public internal(set) var cellsWrittenLastFrame = 0

    let screen: OpaquePointer
    /// Where keys come from (polled by `nextEvent`) and where frames go (its size is the
    /// screen's): stdin and stdout, or the descriptors given to `open(_:input:output:term:)`.
    let inputFD: Int32
    let outputFD: Int32
    /// The streams `open(_:input:output:term:)` made for ncurses, closed by `close`; nil for stdin/stdout.
    private let ownedFiles: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?
    var pairs: ColorPairTable
    /// The frame on screen, so the next `draw` writes only what changed;
    /// nil forces a full repaint.
    var previousFrame: Grid?
    var lastReportedSize: (width: Int, height: Int)
    var isClosed = false
    /// Events found together (e.g. a resize and a wake) wait here.
    var pendingEvents: [TerminalEvent] = []
    /// Frames go out through it without blocking; nil: ncurses writes directly.
    var frameOutput: FrameOutput?
    /// The output terminal's modes before ncurses changed them (what its `endwin` puts back,
    /// and `close` too); nil when they could not be read.
    let outputShellModes: termios?

    private init(screen: OpaquePointer, isUnicode: Bool, colorDepth: ColorDepth, inputFD: Int32, outputFD: Int32,
                 ownedFiles: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?,
                 outputShellModes: termios?, stallTimeout: Duration) {
        self.screen = screen
        self.outputShellModes = outputShellModes
        self.frameOutput = FrameOutput(outputFD: outputFD, stallTimeout: stallTimeout)
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.ownedFiles = ownedFiles
        self.isUnicode = isUnicode
        self.colorDepth = colorDepth
        self.pairs = ColorPairTable(capacity: colorDepth == .none ? 1 : Int(gt_color_pairs()), depth: colorDepth)
        self.lastReportedSize = (Int(gt_cols()), Int(gt_lines()))
    }

    /// Hands to other threads (e.g. the trainer after publishing a snapshot)
    /// so they can make `nextEvent` return `.wake`.
    public var waker: TerminalWaker { TerminalWaker(writeFD: selfPipe.writeFD) }

    /// Columns and rows as ncurses sees them (updated on `.resize`).
    public var size: (width: Int, height: Int) { (Int(gt_cols()), Int(gt_lines())) }

    /// Takes over the terminal: alternate screen, no echo, keys unbuffered,
    /// cursor hidden, left clicks reported. Ctrl-C, SIGTERM and SIGHUP become
    /// `.signal` events; Ctrl-Z suspends and repaints on `fg`.
    ///
    /// Throws `TerminalError.notATerminal` when stdin or stdout is not a
    /// terminal, and `.unsupportedTerminal` when TERM is unset, "dumb", unknown
    /// to terminfo, or cannot address the cursor. Nothing is changed then.
    public static func open(_ options: TerminalOptions = TerminalOptions()) throws -> TerminalScreen {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        return try start(options, term: term, terminfoName: nil, inputFD: STDIN_FILENO, outputFD: STDOUT_FILENO,
                         files: (gt_stdin(), gt_stdout()), ownsFiles: false)
    }

    /// The same screen on other terminal descriptors, e.g. the slave side of a pseudo-terminal
    /// (`gradtop bench` counts the bytes a frame costs this way), with `term` in place of $TERM.
    /// The descriptors stay the caller's: they are duplicated, and `close` closes only the copies.
    /// Signals, modes and errors are as for `open(_:)`; the crash handler still restores stdin
    /// and stdout, which this screen never changed.
    public static func open(_ options: TerminalOptions = TerminalOptions(), input: Int32, output: Int32,
                            term: String) throws -> TerminalScreen {
        guard isatty(input) == 1, isatty(output) == 1 else { throw TerminalError.notATerminal }
        let inputCopy = dup(input), outputCopy = dup(output)
        guard inputCopy >= 0, outputCopy >= 0, let inFile = fdopen(inputCopy, "r"), let outFile = fdopen(outputCopy, "w") else {
            if inputCopy >= 0 { Glibc.close(inputCopy) }
            if outputCopy >= 0 { Glibc.close(outputCopy) }
            throw TerminalError.notATerminal
        }
        do {
            return try start(options, term: term, terminfoName: term, inputFD: inputCopy, outputFD: outputCopy,
                             files: (inFile, outFile), ownsFiles: true)
        } catch {
            fclose(inFile)
            fclose(outFile)
            throw error
        }
    }

    /// What both `open`s share, from the TERM check on. `terminfoName` nil: ncurses reads $TERM.
    private static func start(_ options: TerminalOptions, term: String, terminfoName: String?, inputFD: Int32, outputFD: Int32,
                              files: (input: UnsafeMutablePointer<FILE>?, output: UnsafeMutablePointer<FILE>?),
                              ownsFiles: Bool) throws -> TerminalScreen {
        guard !term.isEmpty, term != "dumb" else { throw TerminalError.unsupportedTerminal(term) }
        precondition(!screenIsOpen.load(ordering: .acquiring), "gradtop: only one TerminalScreen may be open")

        setlocale(LC_ALL, "")
        // Only the character set matters to ncurses; numbers printed anywhere
        // in gradtop must keep their "." whatever the user's locale.
        setlocale(LC_NUMERIC, "C")
        let isUnicode = !options.forceASCII && String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"

        var shellModes = termios(), outputModes = termios()
        _ = tcgetattr(STDIN_FILENO, &shellModes)
        let outputModesRead = tcgetattr(outputFD, &outputModes) == 0
        // Our handlers go in before newterm so that ncurses installs none of
        // its own (it only replaces default handlers).
        Signals.install(shellModes: shellModes)
        // newterm, unlike initscr, returns nil for an unknown TERM instead of exiting.
        let created = terminfoName.map { name in name.withCString { newterm($0, files.output, files.input) } }
            ?? newterm(nil, files.output, files.input)
        guard let screen = created else {
            Signals.uninstall()
            throw TerminalError.unsupportedTerminal(term)
        }
        guard gt_terminfo_string("cup") != nil else {
            endwin()
            delscreen(screen)
            Signals.uninstall()
            throw TerminalError.unsupportedTerminal(term)
        }
        Signals.setCrashRestoreBytes(crashRestoreSequence())

        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        var depth = ColorDepth.none
        if options.color == .auto && !noColor && has_colors() && start_color() != ERR {
            _ = use_default_colors()
            depth = ColorDepth(terminalColors: Int(gt_colors()))
        }
        configureModes()

        screenIsOpen.store(true, ordering: .releasing)
        registerExitHandlerOnce()
        let owned = ownsFiles ? files.input.flatMap { i in files.output.map { (input: i, output: $0) } } : nil
        let terminal = TerminalScreen(screen: screen, isUnicode: isUnicode, colorDepth: depth, inputFD: inputFD,
                                      outputFD: outputFD, ownedFiles: owned,
                                      outputShellModes: outputModesRead ? outputModes : nil,
                                      stallTimeout: options.outputStallTimeout)
        // A terminal already full (its client froze as gradtop started) must not block the start either.
        terminal.writing(sendInitialSettings)
        return terminal
    }

    /// Gives the terminal back: leaves the alternate screen, shows the cursor,
    /// restores echo and line mode, puts back the previous signal handlers;
    /// then writes `farewell` (gradtop's exit line) on the restored terminal.
    ///
    /// Bounded: a terminal that stops reading (a frozen SSH client, a full pty)
    /// holds `close` for `limit` at most in all. Then the frame it has not taken,
    /// and the output nobody has read, are dropped (`FrameOutput.finish`), and the
    /// restoring bytes and `farewell` get one try that never waits: they fit in
    /// the room that made, so a client that wakes later still gets its screen back.
    /// The modes are put back in any case: setting them never waits for a reader.
    /// Returns whether the terminal took every byte in time. Idempotent; also runs at
    /// exit if the app forgets (then as a plain `endwin`, unbounded). After
    /// `close`, `draw` does nothing and `nextEvent` returns nil.
    @discardableResult
    public func close(farewell: String = "", waitingAtMost limit: Duration = .seconds(1)) -> Bool {
        guard !isClosed else { return true }
        isClosed = true
        let deadline = ContinuousClock.now + limit
        var tookEverything = true
        if screenIsOpen.exchange(false, ordering: .acquiringAndReleasing) {
            tookEverything = leaveCursesMode(by: deadline)
        }
        if !farewell.isEmpty {
            tookEverything = write(Array(farewell.utf8), by: deadline) && tookEverything
        }
        frameOutput?.release()
        frameOutput = nil
        Signals.uninstall()
        if let ownedFiles {
            delscreen(screen)
            fclose(ownedFiles.input)
            fclose(ownedFiles.output)
        }
        return tookEverything
    }

    deinit { close() }

    /// ncurses' `endwin` (shell modes back, alternate screen left), never blocked by a terminal
    /// that stops reading: the last frame and then endwin's bytes go out through `frameOutput`
    /// until `deadline`. endwin cannot set the modes on the scratch file its bytes go to, so they
    /// are set here on the terminal, at once (TCSANOW: no wait for output). Returns whether the
    /// terminal took every byte. Without `frameOutput`, a plain (blocking) endwin.
    private func leaveCursesMode(by deadline: ContinuousClock.Instant) -> Bool {
        guard frameOutput != nil else { _ = endwin(); return true }
        let frameTaken = frameOutput?.finish(by: deadline) ?? true  // a whole frame before the restoring bytes
        frameOutput?.capture { _ = endwin() }
        let restoreTaken = frameOutput?.finish(by: deadline) ?? true
        if var modes = outputShellModes { _ = tcsetattr(outputFD, TCSANOW, &modes) }
        return frameTaken && restoreTaken
    }

    /// Writes `bytes` to the terminal until `deadline`, as `leaveCursesMode` does; without
    /// `frameOutput`, one blocking write(2) (a terminal takes it whole).
    private func write(_ bytes: [UInt8], by deadline: ContinuousClock.Instant) -> Bool {
        guard frameOutput != nil else {
            return bytes.withUnsafeBytes { Glibc.write(outputFD, $0.baseAddress, $0.count) } == bytes.count
        }
        frameOutput?.enqueue(bytes)
        return frameOutput?.finish(by: deadline) ?? true
    }

    /// The settings ncurses keeps or sets in the terminal's modes: nothing written. Not captured
    /// (`writing`): the modes must be set on the terminal, not on a scratch file.
    private static func configureModes() {
        let window = gt_stdscr()
        _ = cbreak()  // not raw(): Ctrl-C and Ctrl-Z must still raise signals
        _ = noecho()
        _ = nodelay(window, true)  // we block in poll(2), never in getch
        _ = leaveok(window, true)  // the cursor is hidden, so never move it back
        _ = set_escdelay(25)
        _ = mouseinterval(0)  // report presses at once; no click assembly delay
    }

    /// The settings ncurses sends to the terminal at once: keypad mode, the hidden cursor, click reporting.
    private static func sendInitialSettings() {
        _ = keypad(gt_stdscr(), true)
        _ = curs_set(0)
        _ = mousemask(gt_button1_pressed() | gt_button1_clicked(), nil)
    }

    /// What a crash handler writes to get the user's screen back: attributes
    /// off, cursor visible, mouse reporting off, alternate screen left.
    private static func crashRestoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmcup"] {
            if let value = gt_terminfo_string(capability) { bytes += Array(String(cString: value).utf8) }
        }
        if gt_terminfo_string("kmous") != nil { bytes += Array("\u{1B}[?1000l\u{1B}[?1006l".utf8) }
        return bytes
    }
}

/// Whether ncurses owns the terminal; read by the exit handler, which may
/// run on whichever thread calls exit().
private let screenIsOpen = Atomic<Bool>(false)
private let exitHandlerRegistered = Atomic<Bool>(false)

/// Runs endwin() once if the screen is still open: at exit, when the app did not `close`.
private func restoreTerminalIfOpen() {
    if screenIsOpen.exchange(false, ordering: .acquiringAndReleasing) {
        _ = endwin()
    }
}

private func registerExitHandlerOnce() {
    if !exitHandlerRegistered.exchange(true, ordering: .acquiringAndReleasing) {
        atexit { restoreTerminalIfOpen() }
    }
}
