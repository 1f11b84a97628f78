import CivicModels
import CivicStorage
import CivicStudio
import Foundation
import Testing

/// Publishing in the background: the progress page, a failure, and a publication
/// stopped by the delete button or the idle timeout.
@Suite("civic-studio publishes in the background and shows how far it is", .serialized)
struct ProgressTests {
    /// The first `rows` cases of the bundled example as CSV bytes (the whole example
    /// takes many seconds to publish in a debug build).
    func cases(_ rows: Int) throws -> [UInt8] {
        let table = try CSVTableReader.read(try exampleExport().url).table.filtering { $0 < rows }
        return Array(try CSVTableWriter.string(table).utf8)
    }

    @Test("a publication that cannot meet its target leads from the progress page back to the check page with the reason")
    func failure() async throws {
        let studio = try await RunningStudio.start()
        let checkPath = try await studio.upload("cases.csv", try cases(300)).location()
        let id = try uploadID(in: checkPath)
        // 100 different services in every group cannot be met.
        let ended = try await studio.publishAndWait(id, [("k", "5"), ("l", "100")])
        #expect(ended == checkPath)
        let check = try await studio.client.get(ended)
        #expect(check.status == 200)
        #expect(check.text.contains("<p class=\"problem\" role=\"alert\">"))
        #expect(check.text.contains("required value=\"100\""), "the choices are kept")
        #expect(try await studio.client.get("\(studio.base)/files/\(id)/result?lang=en").location() == checkPath)
        #expect(try await studio.client.get("\(studio.base)/files/\(id)/package.zip").status == 404, "no package is left")
        let folder = studio.server.workingFolder.appendingPathComponent(id)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        await studio.stop()
    }

    @Test("the progress page in German names the step; deleting while it runs stops it and leaves nothing")
    func deleteWhileRunning() async throws {
        let hold = PublicationHold()  // the first publication waits until it is deleted
        let studio = try await RunningStudio.start(holding: hold)
        let first = try uploadID(in: try await studio.upload("faelle.csv", try exampleExport().bytes, language: .german).location())
        let published = try await studio.publish(first, [("k", "5")], language: .german)
        #expect(published.status == 303)
        let progress = try await studio.client.get(try published.location())
        #expect(progress.status == 200)
        #expect(progress.headers["refresh"] == "1")
        #expect(progress.text.contains("<html lang=\"de\">"))
        #expect(progress.text.contains("faelle.csv wird veröffentlicht"))
        #expect(progress.text.contains("von 6: "))
        #expect(progress.text.contains("Das Paket schreiben"))

        let deleted = try await studio.client.postForm("\(studio.base)/files/\(first)/delete?lang=de", [],
                                                       headers: [("Origin", studio.origin)])
        #expect(deleted.status == 303)
        #expect(try studio.uploadFolders().isEmpty)
        #expect(try await studio.client.get(try published.location()).status == 404)
        hold.release()

        // The slot is free at once: another file publishes, and when it is done, the
        // stopped publication has left nothing either.
        let second = try uploadID(in: try await studio.upload("cases.csv", try cases(300)).location())
        #expect(try await studio.publishAndWait(second, [("k", "5")]).contains("/result?"))
        try await Task.sleep(for: .seconds(1))
        #expect(try studio.uploadFolders() == [second])
        await studio.stop()
        #expect(!FileManager.default.fileExists(atPath: studio.server.workingFolder.path))
    }

    @Test("two files publish side by side; the same file twice at once is refused")
    func sideBySide() async throws {
        let hold = PublicationHold()
        let studio = try await RunningStudio.start(holding: hold)
        let first = try uploadID(in: try await studio.upload("a.csv", try cases(300)).location())
        let second = try uploadID(in: try await studio.upload("b.csv", try cases(300)).location())
        let one = try await studio.publish(first, [("k", "5")])
        let other = try await studio.publish(second, [("k", "5")])
        #expect(one.status == 303)
        #expect(other.status == 303, "a publication of another file is not refused")
        #expect(try await studio.publish(first, [("k", "5")]).status == 409)
        hold.release()
        #expect(try await studio.waitForPublication(try one.location()).contains("/files/\(first)/result?"))
        #expect(try await studio.waitForPublication(try other.location()).contains("/files/\(second)/result?"))
        await studio.stop()
    }

    @Test("a publication nobody watches is stopped by the idle timeout, and nothing is left")
    func idleWhileRunning() async throws {
        let hold = PublicationHold()  // held until the idle timeout has stopped it
        // Long enough that a loaded machine gets from the upload to the publication
        // before the upload counts as idle (a second was not, in a full `swift test`,
        // nor were five seconds in a clean-clone CI run on 2 December 2026).
        let studio = try await RunningStudio.start(idleTimeout: .seconds(20), holding: hold)
        let id = try uploadID(in: try await studio.upload("cases.csv", try cases(1000)).location())
        #expect(try await studio.publish(id, [("k", "5")]).status == 303)
        // Nobody asks for its progress: the sweep deletes it (waited for up to 90 s).
        let deadline = ContinuousClock.now + .seconds(90)
        try await Task.sleep(for: .seconds(20))
        while try !studio.uploadFolders().isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(try studio.uploadFolders().isEmpty)
        #expect(try await studio.client.get("\(studio.base)/files/\(id)/progress?lang=en").status == 404)
        // Let go, the stopped publication ends without leaving anything.
        hold.release()
        try await Task.sleep(for: .seconds(3))
        #expect(try studio.uploadFolders().isEmpty)
        await studio.stop()
    }
}
