"""``teikit lsp`` warm: time from a ``didChange`` to its ``publishDiagnostics``, on the essay and on a 5 MB document.

A real LSP client (pygls's) starts ``teikit lsp --delay 0`` (no debounce, so the figure is the
check itself: RELAX NG, Schematron and the project's pointers), opens a document, then changes
one word at a time (every version a text not seen before) and waits for the diagnostics of each
new version.  Printed: the first check (schemas read) and the median and worst of the warm ones,
in wall time and in the CPU time (user + system, from /proc) of the server and of the processes
it started, which a loaded machine inflates less.  Targets: 150 ms on the essay, 1 s on 5 MB.

The 5 MB document is made at run time from the essay: its body's sections repeated, with fresh
identifiers and paragraphs and notes numbered on, so that it is as valid as the essay.  It is only
sent to the server (under a name next to the essay, so that the essay's project applies), never
written.

    python -m benchmarks.lsp_bench [--edits 10] [--large-edits 5] [--megabytes 5]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from lxml import etree
from pygls.lsp.client import LanguageClient

REPOSITORY = Path(__file__).resolve().parent.parent
ESSAY = REPOSITORY / "tei" / "serge-anarchism-russian-years.xml"
LARGE = ESSAY.with_name("lsp-bench-large.xml")  # never written: the server only needs its name
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process (all its threads) and of its living children (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                total += _cpu_seconds(int(child))
            except OSError:
                pass  # ended meanwhile
    return total


def large_document(megabytes: float) -> str:
    """The essay with its body's sections repeated until it holds ``megabytes`` MB, still valid:
    copies get fresh identifiers, and the text's paragraphs and notes are numbered on."""
    tree = etree.parse(str(ESSAY))
    body = tree.getroot().find(f"{TEI}text/{TEI}body")
    sections = list(body)
    size = len(etree.tostring(tree, encoding="utf-8"))
    per_copy = sum(len(etree.tostring(section, encoding="utf-8")) for section in sections)
    for copy_number in range(1, max(1, round((megabytes * 1e6 - size) / per_copy)) + 1):
        for section in sections:
            copied = copy.deepcopy(section)
            for element in copied.iter():
                if element.get(XML_ID):
                    element.set(XML_ID, f"{element.get(XML_ID)}-copy{copy_number}")
            body.append(copied)
    text = tree.getroot().find(f"{TEI}text")
    for number, paragraph in enumerate(text.iter(f"{TEI}p"), 1):
        paragraph.set("n", str(number))
        paragraph.set(XML_ID, f"p{number}")
    for number, note in enumerate(text.iterfind(f".//{TEI}note[@type='authorial']"), 1):
        note.set("n", str(number))
        note.set(XML_ID, f"note{number}")
    for number, note in enumerate(text.iterfind(f".//{TEI}note[@type='editorial']"), 1):
        note.set(XML_ID, f"ednote{number}")
    return etree.tostring(tree, encoding="unicode", xml_declaration=False)


async def measure(documents: list[tuple[Path, str, int]]) -> list[tuple[float, list[float], list[float], int]]:
    """For each (name, text, edits): the first check, the warm ones (wall, CPU) and the findings of the last."""
    client = LanguageClient("teikit-bench", "1")
    published: dict[tuple[str, int], asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        future = published.get((params.uri, params.version))
        if future is not None and not future.done():
            future.set_result(len(params.diagnostics))

    loop = asyncio.get_running_loop()
    await client.start_io(sys.executable, "-m", "toolkit", "lsp", "--delay", "0", cwd=str(REPOSITORY))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=REPOSITORY.as_uri()))
    client.initialized(types.InitializedParams())
    pid = client._server.pid  # the server process pygls started
    results = []
    for path, text, edits in documents:
        uri = path.as_uri()
        published[uri, 1] = loop.create_future()
        start = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))
        found = await published[uri, 1]
        first = time.perf_counter() - start
        warm, cpu = [], []
        for version in range(2, edits + 2):
            edited = text.replace("anarchism", "anarchism" + " " * version, 1)  # a text not checked before
            published[uri, version] = loop.create_future()
            start, spent = time.perf_counter(), _cpu_seconds(pid)
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
            found = await published[uri, version]
            warm.append(time.perf_counter() - start)
            cpu.append(_cpu_seconds(pid) - spent)
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        results.append((first, warm, cpu, found))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--large-edits", type=int, default=5, help="edits of the large document (0: leave it out)")
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the large document")
    arguments = parser.parse_args()
    documents = [(ESSAY, ESSAY.read_text(encoding="utf-8"), arguments.edits, "essay", 150)]
    if arguments.large_edits:
        text = large_document(arguments.megabytes)
        documents.append((LARGE, text, arguments.large_edits, f"{len(text.encode('utf-8')) / 1e6:.1f} MB", 1000))
    results = asyncio.run(measure([(path, text, edits) for path, text, edits, _, _ in documents]))
    for (_, _, _, label, target), (first, warm, cpu, found) in zip(documents, results):
        print(f"{label}, first check (schemas read): {first * 1000:.0f} ms; findings: {found}")
        print(f"{label}, didChange -> publishDiagnostics, warm: median {statistics.median(warm) * 1000:.0f} ms, "
              f"worst {max(warm) * 1000:.0f} ms over {len(warm)} edits (target {target} ms)")
        print(f"{label}, server CPU per edit: median {statistics.median(cpu) * 1000:.0f} ms, "
              f"worst {max(cpu) * 1000:.0f} ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
