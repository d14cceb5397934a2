import Foundation
import Testing

/// Package.swift is the architecture drawn in code: every target declares each module of
/// this package (or product) it imports, and the library layers depend only on layers below.
@Suite struct PackageManifest {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// ARCHITECTURE.md's layers, bottom first.
    static let layers = ["GradTensor", "GradAutodiff", "GradNet", "GradSession", "GradUI", "GradTerminal", "gradtop"]

    /// Each target's name, source folder and declared dependencies, read from the manifest text:
    /// `.target(name: "X", dependencies: [...], path: "...")` and the other target kinds.
    static func targets() throws -> [(name: String, folder: String, dependencies: Set<String>)] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let kinds = [".target(", ".testTarget(", ".executableTarget(", ".systemLibrary("]
        var found: [(String, String, Set<String>)] = []
        var rest = manifest[...]
        while let start = kinds.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let kind = rest[start]
            // The declaration runs to the parenthesis that closes it.
            var depth = 0, end = start.upperBound
            for index in rest[start.upperBound...].indices {
                if rest[index] == "(" { depth += 1 }
                if rest[index] == ")" { if depth == 0 { end = index; break }; depth -= 1 }
            }
            let body = rest[start.upperBound..<end]
            rest = rest[end...]
            let strings = { (text: Substring) in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) } }
            guard let name = strings(body).first else { continue }
            var dependencies: Set<String> = []
            if let list = body.range(of: "dependencies: [") {
                var nesting = 0, close = list.upperBound
                for index in body[list.upperBound...].indices {
                    if body[index] == "[" { nesting += 1 }
                    if body[index] == "]" { if nesting == 0 { close = index; break }; nesting -= 1 }
                }
                dependencies = Set(strings(body[list.upperBound..<close]))
            }
            let path = body.range(of: "path: \"").map { String(body[$0.upperBound...].prefix { $0 != "\"" }) }
            let folder = path ?? (kind == ".testTarget(" ? "Tests/" : "Sources/") + name
            found.append((name, folder, dependencies))
        }
        return found
    }

    /// The modules `import`ed by the Swift files under `folder`.
    static func imports(in folder: String) -> Set<String> {
        let directory = root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var modules: Set<String> = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let at = words.firstIndex(of: "import"), at + 1 < words.count, words[..<at].allSatisfy({ $0.hasPrefix("@") }) {
                    modules.insert(String(words[at + 1]))
                }
            }
        }
        return modules
    }

    @Test func every_target_declares_each_package_module_it_imports() throws {
        let targets = try Self.targets()
        try #require(targets.count >= 14, "read \(targets.map(\.name)) from Package.swift")
        let packageModules = Set(targets.map(\.name)).union(["ArgumentParser"])
        for target in targets {
            let undeclared = Self.imports(in: target.folder).intersection(packageModules).subtracting(target.dependencies)
            #expect(undeclared.isEmpty, "\(target.name) imports \(undeclared.sorted()) without declaring them in Package.swift")
        }
    }

    /// The static binary stays free of ICU (about 44 MB) only while no source file imports all of
    /// Foundation where FoundationEssentials exists (ARCHITECTURE.md, "Foundation").
    @Test func sources_import_foundation_only_where_foundation_essentials_is_missing() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path))
        var checked = 0
        for case let file as String in files where file.hasSuffix(".swift") {
            let lines = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            for (index, line) in lines.enumerated() where line == "import Foundation" {
                let guarded = index >= 3 && lines[index - 1] == "#else" && lines[index - 3] == "#if canImport(FoundationEssentials)"
                #expect(guarded, "Sources/\(file):\(index + 1) imports Foundation outside '#if canImport(FoundationEssentials) ... #else'")
            }
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func each_layer_depends_only_on_layers_below_it() throws {
        for target in try Self.targets() {
            guard let level = Self.layers.firstIndex(of: target.name) else { continue }
            let above = target.dependencies.filter { Self.layers.firstIndex(of: $0).map { $0 >= level } ?? false }
            #expect(above.isEmpty, "\(target.name) depends on \(above.sorted()), which are not below it")
        }
    }
}
