#!/usr/bin/env python3
"""civic-studio under load, from a client on 127.0.0.1 (issue #22's targets).

Two measurements against one civic-studio process:

1. SESSIONS clients at once (default 10), each uploading the bundled example,
   publishing it with k = 5 and following the progress page until the result,
   then downloading the ZIP: the seconds each took, from the upload's first byte
   to the ZIP's last (target: under 5 s each).
2. One upload of a generated export of about UPLOAD_MB megabytes (default 100),
   read and checked by the studio: the server's peak resident memory (VmHWM from
   /proc, covering the whole process's life so far; target: under 1 GB).

Only the standard library; the server is the release binary by default:

    swift build -c release --product civic-studio --product civic-generate
    python3 Benchmarks/studio_load.py [--binary PATH] [--sessions 10] [--upload-mb 100]
"""

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "Examples" / "counselling-cases.csv"
LINK = re.compile(r"http://127\.0\.0\.1:(\d+)(/s/[A-Za-z0-9_-]+)/")


class Studio:
    """A civic-studio process and what its start link says."""

    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            found = LINK.search(line)
            if found:
                self.port, self.base = int(found.group(1)), found.group(2)
                break
            if time.monotonic() > deadline:
                break
        else:
            sys.exit("civic-studio did not print its link")
        self.origin = f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None):
        """One request on a connection of its own; the answer's status, headers and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        connection.request(method, path, body=body, headers={"Origin": self.origin, **(headers or {})})
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, data

    def upload(self, name, contents):
        boundary = "----civic-studio-load-" + os.urandom(8).hex()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + contents + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", f"{self.base}/upload?lang=en", body,
                            {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def peak_memory_mb(self):
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def journey(studio, contents, times, errors, index):
    """Upload, publish, follow the progress page, download: the seconds it took."""
    start = time.monotonic()
    try:
        status, headers, _ = studio.upload(f"cases-{index}.csv", contents)
        assert status == 303, f"upload: {status}"
        check = headers["location"]
        file_id = check.split("?")[0].split("/files/")[1].split("/")[0]
        form = urllib.parse.urlencode({"k": "5"}).encode()
        status, headers, _ = studio.request("POST", f"{studio.base}/files/{file_id}/publish?lang=en", form,
                                            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, f"publish: {status}"
        page = headers["location"]
        while "/progress" in page:
            status, headers, _ = studio.request("GET", page)
            if status == 303:
                page = headers["location"]
            else:
                assert status == 200, f"progress: {status}"
                time.sleep(0.1)
        if "/result" not in page:
            # The check page, with the reason (the studio's messages name no value of the data).
            _, _, body = studio.request("GET", page)
            reason = re.search(r'class="problem"[^>]*>(.*?)</p>', body.decode(), re.S)
            raise AssertionError(f"the publication failed: {reason.group(1) if reason else 'no reason shown'}"
                                 + ("" if reason else f" (page {page.split('?')[0].rsplit('/', 1)[-1]}: "
                                    + re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode()))[:300] + ")"))
        status, _, zipped = studio.request("GET", f"{studio.base}/files/{file_id}/package.zip")
        assert status == 200 and zipped[:2] == b"PK", f"zip: {status}"
        times[index] = time.monotonic() - start
    except Exception as error:  # noqa: BLE001 -- reported, and the run fails
        errors.append(f"session {index}: {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(REPO / ".build" / "release" / "civic-studio"))
    parser.add_argument("--generator", default=str(REPO / ".build" / "release" / "civic-generate"))
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--upload-mb", type=float, default=100)
    arguments = parser.parse_args()

    studio = Studio(arguments.binary)
    try:
        contents = EXAMPLE.read_bytes()
        times, errors = [None] * arguments.sessions, []
        threads = [threading.Thread(target=journey, args=(studio, contents, times, errors, i))
                   for i in range(arguments.sessions)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
        done = sorted(t for t in times if t is not None)
        print(f"{arguments.sessions} sessions at once on the bundled example ({len(contents) / 1e6:.1f} MB each): "
              f"{len(done)} finished in {wall:.2f} s; each took {done[0]:.2f} to {done[-1]:.2f} s "
              f"(median {done[len(done) // 2]:.2f} s)" if done else "no session finished")
        for error in errors:
            print("  FAILED", error)
        print(f"server peak memory after the sessions: {studio.peak_memory_mb():.0f} MB")

        rows = int(arguments.upload_mb * 1e6 / 229)  # the generator's cases take about 229 bytes each
        with tempfile.TemporaryDirectory(prefix="studio-load-") as folder:
            big = Path(folder) / "cases.csv"
            subprocess.run([arguments.generator, "cases", "--rows", str(rows), "--seed", "2", "--output", str(big)],
                           check=True, stdout=subprocess.DEVNULL)
            data = big.read_bytes()
            began = time.monotonic()
            status, _, _ = studio.upload("cases.csv", data)
            print(f"upload of {len(data) / 1e6:.0f} MB ({rows:,} cases): status {status} after "
                  f"{time.monotonic() - began:.1f} s (upload, reading and the check); "
                  f"server peak memory {studio.peak_memory_mb():.0f} MB")
        return 1 if errors or status != 303 else 0
    finally:
        studio.stop()


if __name__ == "__main__":
    sys.exit(main())
