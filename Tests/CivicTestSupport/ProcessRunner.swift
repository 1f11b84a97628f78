import Foundation

/// Runs a built executable of this package and captures what it prints.
public struct ProcessResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var error: String
}

/// The folder with the package's built products (`.build/debug` or wherever the
/// test binary lives).
public func productsDirectory() -> URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // The test binary may sit inside a `.xctest` bundle folder (macOS).
    while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS" || folder.lastPathComponent == "Contents" {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}

/// Runs the product `name` with `arguments` in `directory`, with the given extra
/// environment, and waits for it.
public func runProduct(_ name: String, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> ProcessResult {
    try runProgram(productsDirectory().appendingPathComponent(name), arguments, in: directory, environment: environment)
}

/// Runs the program at `executable` with `arguments` in `directory`, with the given
/// extra environment (and `LANG=C`), and waits for it.
public func runProgram(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                       environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         output: String(decoding: outputData, as: UTF8.self),
                         error: String(decoding: errorData, as: UTF8.self))
}

/// The root folder of this package (for bundled example data): the nearest folder
/// above the calling source file that holds `Package.swift`.
public func packageRoot(file: String = #filePath) -> URL {
    var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}
