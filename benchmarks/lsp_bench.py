"""``teikit lsp`` warm: time from a ``didChange`` of the essay to its ``publishDiagnostics``.

A real LSP client (pygls's) starts ``teikit lsp --delay 0`` (no debounce, so the figure is the
check itself: RELAX NG, Schematron and the project's pointers), opens the essay, then replaces
one word at a time and waits for the diagnostics of each new version.  Printed: the first check
(schemas read) and the median and worst of the warm ones (target: 150 ms), in wall time and in
the server process's CPU time (user + system, from /proc), which a loaded machine inflates less.

    python -m benchmarks.lsp_bench [--edits 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPOSITORY = Path(__file__).resolve().parent.parent
ESSAY = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(edits: int) -> tuple[float, list[float], list[float]]:
    client = LanguageClient("teikit-bench", "1")
    published: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        future = published.get(params.version)
        if future is not None and not future.done():
            future.set_result(len(params.diagnostics))

    loop = asyncio.get_running_loop()
    await client.start_io(sys.executable, "-m", "toolkit", "lsp", "--delay", "0", cwd=str(REPOSITORY))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=REPOSITORY.as_uri()))
    client.initialized(types.InitializedParams())
    text, uri = ESSAY.read_text(encoding="utf-8"), ESSAY.as_uri()
    published[1] = loop.create_future()
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))
    await published[1]
    first = time.perf_counter() - start
    warm, cpu = [], []
    pid = client._server.pid  # the server process pygls started
    for version in range(2, edits + 2):
        edited = text.replace("anarchism", f"anarchism{version % 2 * ' '}", 1)
        published[version] = loop.create_future()
        start, spent = time.perf_counter(), _cpu_seconds(pid)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        await published[version]
        warm.append(time.perf_counter() - start)
        cpu.append(_cpu_seconds(pid) - spent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, warm, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10)
    first, warm, cpu = asyncio.run(measure(parser.parse_args().edits))
    print(f"essay, first check (schemas read): {first * 1000:.0f} ms")
    print(f"essay, didChange -> publishDiagnostics, warm: median {statistics.median(warm) * 1000:.0f} ms, "
          f"worst {max(warm) * 1000:.0f} ms over {len(warm)} edits (target 150 ms)")
    print(f"essay, server CPU per edit: median {statistics.median(cpu) * 1000:.0f} ms, worst {max(cpu) * 1000:.0f} ms "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
