// libFuzzer entry point for gradtop's parsers (built by fuzz/run.sh, outside
// SwiftPM). One binary per parser, chosen at compile time:
//   -D FUZZ_MODEL   ModelSpec.decode           (GradNet)
//   -D FUZZ_CSV     Dataset.parse(csv:file:)   (GradNet)
//   -D FUZZ_THEME   Theme.parse(toml:...)      (GradUI's theme file parser, ThemeFile)
// Every input must give a value or a typed error whose description is one
// line without control characters; anything else traps, which libFuzzer
// reports with the input that caused it.
import Foundation
#if FUZZ_THEME
import GradUI
#else
import GradNet
#endif

private func requireOneCleanLine(_ text: String) {
    let bad = text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
    if bad { fatalError("message is not one clean line: \(text.debugDescription)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    #if FUZZ_MODEL
    do {
        let model = try ModelSpec.decode(data, file: "fuzz.json")
        if !model.layers.allSatisfy({ $0.kernel.scalars.allSatisfy(\.isFinite) }) { fatalError("non-finite weight accepted") }
    } catch { requireOneCleanLine(error.description) }
    #elseif FUZZ_CSV
    do {
        let set = try Dataset.parse(csv: String(decoding: data, as: UTF8.self), file: "fuzz.csv")
        if set.count == 0 || !set.inputs.scalars.allSatisfy(\.isFinite) { fatalError("empty or non-finite data accepted") }
    } catch { requireOneCleanLine(error.description) }
    #elseif FUZZ_THEME
    do {
        let (theme, warnings) = try Theme.parse(toml: String(decoding: data, as: UTF8.self), file: "fuzz.toml", fallbackName: "fuzz")
        requireOneCleanLine(theme.name)
        for warning in warnings { requireOneCleanLine(warning.description) }
    } catch { requireOneCleanLine(error.description) }
    #endif
    return 0
}
