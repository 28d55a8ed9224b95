"""``teikit lsp`` warm: time from a ``didChange`` to its ``publishDiagnostics``, on the essay and on a 5 MB document.

A real LSP client (pygls's) starts ``teikit lsp --delay 0`` (no debounce: the debounce delay, 0.25 s
by default, is not in the figures, which are the checks themselves: RELAX NG, Schematron and the
project's pointers), opens a document, then changes one word at a time (every version a text not
seen before) and waits for the diagnostics of each new version.  The server publishes twice per
change when Schematron runs in its own process: first the findings known without the rules, then
all of them (``$/teikit/checked`` follows the last).  Printed for each document: the first check
(schemas read), and over the warm edits the median and worst time to the first publication and to
the complete one, with the CPU time (user + system, from /proc) of the server and of the processes
it started, which a loaded machine inflates less; the target is met or not by the complete one.
Targets: 150 ms on the essay, 1 s on 5 MB.  The load average is printed before and after each run.

``--against DIR`` runs the same edits, in the same run, on the server of another checkout of teikit
(an earlier revision), and prints the ratios of wall and CPU times (this checkout / that one).

The 5 MB document is made at run time from the essay: its body's sections repeated, with fresh
identifiers and paragraphs and notes numbered on, so that it is as valid as the essay.  It is only
sent to the server (under a name next to the essay, so that the essay's project applies), never
written.

    python -m benchmarks.lsp_bench [--edits 10] [--large-edits 5] [--megabytes 5] [--against DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from lxml import etree
from pygls.lsp.client import LanguageClient

from benchmarks import REPOSITORY, teikit_command
from toolkit.lsp.server import CHECKED

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


@dataclass
class Timings:
    """One document's edits on one server: seconds to the first and to the complete publication, CPU per edit."""

    opened: float = 0.0
    first: list[float] = field(default_factory=list)
    complete: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    findings: int = 0
    load: tuple[float, float] = (0.0, 0.0)


async def measure(command: list[str], documents: list[tuple[Path, str, int]], announces: bool) -> list[Timings]:
    """Run ``command`` (a ``teikit lsp``) and time each document's opening and edits on it.

    A check is complete at ``$/teikit/checked`` for its version when the server ``announces`` it,
    else (an earlier revision) at its first publication."""
    client = LanguageClient("teikit-bench", "1")
    first: dict[tuple[str, int], asyncio.Future] = {}
    complete: dict[tuple[str, int], asyncio.Future] = {}
    findings: dict[tuple[str, int], int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        key = (params.uri, params.version)
        findings[key] = len(params.diagnostics)
        for waiting in (first,) if announces else (first, complete):
            if key in waiting and not waiting[key].done():
                waiting[key].set_result(time.perf_counter())

    @client.feature(CHECKED)
    def on_checked(params) -> None:
        key = (params.uri, params.version)
        if key in complete and not complete[key].done():
            complete[key].set_result(time.perf_counter())

    loop = asyncio.get_running_loop()
    await client.start_io(*command, cwd=str(REPOSITORY))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=REPOSITORY.as_uri()))
    client.initialized(types.InitializedParams())
    pid = client._server.pid  # the server process pygls started
    results = []
    for path, text, edits in documents:
        uri = path.as_uri()
        timings = Timings()
        load = os.getloadavg()[0]
        for version in range(1, edits + 2):
            first[uri, version], complete[uri, version] = loop.create_future(), loop.create_future()
            edited = text if version == 1 else text.replace("anarchism", "anarchism" + " " * version, 1)  # a text not checked before
            start, spent = time.perf_counter(), _cpu_seconds(pid)
            if version == 1:
                client.text_document_did_open(types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))
            else:
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
            done = await complete[uri, version]
            if version == 1:
                timings.opened = done - start
                continue
            timings.first.append(await first[uri, version] - start)
            timings.complete.append(done - start)
            timings.cpu.append(_cpu_seconds(pid) - spent)
        timings.findings = findings[uri, edits + 1]
        timings.load = (load, os.getloadavg()[0])
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        results.append(timings)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def _ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:.0f} ms, worst {max(seconds) * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--large-edits", type=int, default=5, help="edits of the large document (0: leave it out)")
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the large document")
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout of teikit to time too")
    arguments = parser.parse_args()
    documents = [(ESSAY, ESSAY.read_text(encoding="utf-8"), arguments.edits, "essay", 150)]
    if arguments.large_edits:
        text = large_document(arguments.megabytes)
        documents.append((LARGE, text, arguments.large_edits, f"{len(text.encode('utf-8')) / 1e6:.1f} MB", 1000))
    checkouts = {"teikit": REPOSITORY} | ({f"against {arguments.against}": arguments.against.resolve()}
                                         if arguments.against else {})
    print(f"{os.cpu_count()} cores; load average before the runs {os.getloadavg()[0]:.1f}", flush=True)
    measured = {name: asyncio.run(measure(teikit_command(checkout, "lsp", "--delay", "0"),
                                          [(path, text, edits) for path, text, edits, _, _ in documents],
                                          CHECKED in (checkout / "toolkit" / "lsp" / "server.py").read_text("utf-8")))
                for name, checkout in checkouts.items()}
    for index, (_, _, edits, label, target) in enumerate(documents):
        for name, results in measured.items():
            timings = results[index]
            complete = statistics.median(timings.complete) * 1000
            print(f"{label} [{name}], load {timings.load[0]:.1f} -> {timings.load[1]:.1f}: first check (schemas read) "
                  f"{timings.opened * 1000:.0f} ms; {len(timings.complete)} edits; findings {timings.findings}")
            print(f"  didChange -> first publishDiagnostics: {_ms(timings.first)}")
            print(f"  didChange -> complete diagnostics:     {_ms(timings.complete)} "
                  f"(target {target} ms: {'met' if complete <= target else 'not met'})")
            print(f"  CPU per edit (server and its processes): {_ms(timings.cpu)}")
        if len(measured) > 1:
            ours, theirs = (results[index] for results in measured.values())
            ratio = lambda key: statistics.median(getattr(ours, key)) / statistics.median(getattr(theirs, key))  # noqa: E731
            print(f"  {label}, this checkout / the other, medians: first publication {ratio('first'):.2f}, "
                  f"complete {ratio('complete'):.2f}, CPU {ratio('cpu'):.2f}")
    print(f"load average after the runs {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
