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
Then, in the benchmark's own process, the CPU time of each part of a check (the server's reading,
pointers and grammar; the Schematron process's whole check, and Saxon's reading of the text in it),
one part after the other (``--no-phases`` leaves this out).

``--against DIR`` runs the same edits, in the same run, on the server of another checkout of teikit
(an earlier revision), each edit on one server then on the other, and prints the ratios of wall
and CPU times (this checkout / that one).  Each server is sent the document under its own checkout's
name, so that each applies its own checkout's project (schemas and rules included), not this one's.

The 5 MB document is made at run time from the essay: its body's sections repeated, with fresh
identifiers and paragraphs and notes numbered on, so that it is as valid as the essay.  It is only
sent to the server (under a name next to the essay, so that the essay's project applies), never
written.

    python -m benchmarks.lsp_bench [--edits 10] [--large-edits 5] [--megabytes 5] [--against DIR] [--no-phases]
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
from toolkit.lsp.checks import Checker, encode
from toolkit.lsp.server import CHECKED
from toolkit.lsp.worker import schematron_findings
from toolkit.project.checks import tree_reference_findings
from toolkit.validation.engine import check_parsed_leaving
from toolkit.xmlio import document_from_bytes
from toolkit.xslt import SealedSaxon

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


class Server:
    """One ``teikit lsp`` process spoken to by a real client, and the times of its publications.

    A check is complete at ``$/teikit/checked`` for its version when the server ``announces`` it,
    else (an earlier revision) at its first publication."""

    def __init__(self, command: list[str], announces: bool, checkout: Path = REPOSITORY):
        self.command, self.announces, self.checkout = command, announces, checkout
        self.client = LanguageClient("teikit-bench", "1")
        self.first: dict[tuple[str, int], asyncio.Future] = {}
        self.complete: dict[tuple[str, int], asyncio.Future] = {}
        self.findings: dict[tuple[str, int], int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.findings[key] = len(params.diagnostics)
            for waiting in (self.first,) if announces else (self.first, self.complete):
                if key in waiting and not waiting[key].done():
                    waiting[key].set_result(time.perf_counter())

        @self.client.feature(CHECKED)
        def on_checked(params) -> None:
            key = (params.uri, params.version)
            if key in self.complete and not self.complete[key].done():
                self.complete[key].set_result(time.perf_counter())

    async def start(self) -> None:
        await self.client.start_io(*self.command, cwd=str(self.checkout))
        await self.client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                                  root_uri=self.checkout.as_uri()))
        self.client.initialized(types.InitializedParams())
        self.pid = self.client._server.pid  # the server process pygls started

    async def send(self, uri: str, version: int, text: str) -> tuple[float, float, float]:
        """Open (version 1) or change the document; seconds to its first and to its complete
        publication, and the CPU seconds the server and its processes spent meanwhile."""
        loop = asyncio.get_running_loop()
        self.first[uri, version], self.complete[uri, version] = loop.create_future(), loop.create_future()
        start, spent = time.perf_counter(), _cpu_seconds(self.pid)
        if version == 1:
            self.client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))
        else:
            self.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        done = await self.complete[uri, version]
        return await self.first[uri, version] - start, done - start, _cpu_seconds(self.pid) - spent

    def uri(self, path: Path) -> str:
        """The document at ``path`` (in this checkout) as named in the server's own checkout."""
        return (self.checkout / path.relative_to(REPOSITORY)).as_uri()

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def measure(servers: list[Server], documents: list[tuple[Path, str, int]]) -> list[list[Timings]]:
    """Time each document's opening and edits on every server, edit by edit in turn (one server
    at a time), so that a changing load weighs on all alike; by document, by server."""
    for server in servers:
        await server.start()
    results = []
    for path, text, edits in documents:
        timings = [Timings() for _ in servers]
        load = os.getloadavg()[0]
        for version in range(1, edits + 2):
            edited = text if version == 1 else edited_text(text, version)
            for server, timing in zip(servers, timings):
                first, complete, cpu = await server.send(server.uri(path), version, edited)
                if version == 1:
                    timing.opened = complete
                else:
                    timing.first.append(first)
                    timing.complete.append(complete)
                    timing.cpu.append(cpu)
        for server, timing in zip(servers, timings):
            timing.findings = server.findings[server.uri(path), edits + 1]
            timing.load = (load, os.getloadavg()[0])
            server.close(server.uri(path))
        results.append(timings)
    for server in servers:
        await server.stop()
    return results


def edited_text(text: str, version: int) -> str:
    """The document at this version: one word changed, a text not checked before."""
    return text.replace("anarchism", "anarchism" + " " * version, 1)


PHASES = ("server: reading (lxml)", "server: pointers", "server: grammar and the rest",
          "Schematron process: all", "Schematron process: Saxon reading the text")


def phases(path: Path, text: str, edits: int) -> dict[str, float]:
    """Median CPU seconds of each part of a warm check, measured in this process, one part after the
    other: the server's (reading, pointers, grammar) and the Schematron process's."""
    checker = Checker()
    checker.check(path, text)  # schemas compiled, registers read
    selection = checker.project_state(path).selection
    refs, _ = selection.plan(path, encode(text))
    schematron = [ref for ref in refs if ref.kind == "sch"]
    saxon = SealedSaxon({}, trusted=False)
    spent: dict[str, list[float]] = {name: [] for name in PHASES}

    def timed(name: str, function, *arguments):
        start = time.process_time()
        result = function(*arguments)
        spent[name].append(time.process_time() - start)
        return result

    for version in range(2, edits + 2):
        data = encode(edited_text(text, version))
        document = timed(PHASES[0], document_from_bytes, path, data)
        registers = checker.registers(path)
        timed(PHASES[1], lambda: registers and tree_reference_findings(document.tree, path.resolve(), registers, str(path)))
        timed(PHASES[2], check_parsed_leaving, document, selection, checker.schemas, lambda ref: ref.kind == "sch")
        timed(PHASES[3], lambda: [schematron_findings(ref, path, data, selection.allowed_root) for ref in schematron])
        timed(PHASES[4], saxon.parse, data.decode("utf-8"))
    return {name: statistics.median(times) for name, times in spent.items()}


def _ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:.0f} ms, worst {max(seconds) * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--large-edits", type=int, default=5, help="edits of the large document (0: leave it out)")
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the large document")
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout of teikit to time too")
    parser.add_argument("--no-phases", action="store_true", help="leave out the CPU time of each part of a check")
    arguments = parser.parse_args()
    documents = [(ESSAY, ESSAY.read_text(encoding="utf-8"), arguments.edits, "essay", 150)]
    if arguments.large_edits:
        text = large_document(arguments.megabytes)
        documents.append((LARGE, text, arguments.large_edits, f"{len(text.encode('utf-8')) / 1e6:.1f} MB", 1000))
    checkouts = {"teikit": REPOSITORY} | ({f"against {arguments.against}": arguments.against.resolve()}
                                         if arguments.against else {})
    print(f"{os.cpu_count()} cores; load average before the runs {os.getloadavg()[0]:.1f}", flush=True)
    servers = [Server(teikit_command(checkout, "lsp", "--delay", "0"),
                      CHECKED in (checkout / "toolkit" / "lsp" / "server.py").read_text("utf-8"), checkout)
               for checkout in checkouts.values()]
    measured = asyncio.run(measure(servers, [(path, text, edits) for path, text, edits, _, _ in documents]))
    for (path, text, edits, label, target), by_server in zip(documents, measured):
        for name, timings in zip(checkouts, by_server):
            complete = statistics.median(timings.complete) * 1000
            print(f"{label} [{name}], load {timings.load[0]:.1f} -> {timings.load[1]:.1f}: first check (schemas read) "
                  f"{timings.opened * 1000:.0f} ms; {len(timings.complete)} edits; findings {timings.findings}")
            print(f"  didChange -> first publishDiagnostics: {_ms(timings.first)}")
            print(f"  didChange -> complete diagnostics:     {_ms(timings.complete)} "
                  f"(target {target} ms: {'met' if complete <= target else 'not met'})")
            print(f"  CPU per edit (server and its processes): {_ms(timings.cpu)}")
        if not arguments.no_phases:
            parts = phases(path, text, min(edits, 5))
            print(f"  CPU per part, in one process, one after the other (load {os.getloadavg()[0]:.1f}): "
                  + "; ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in parts.items()))
        if len(by_server) > 1:
            ours, theirs = by_server
            ratio = lambda key: statistics.median(getattr(ours, key)) / statistics.median(getattr(theirs, key))  # noqa: E731
            print(f"  {label}, this checkout / the other, medians: first publication {ratio('first'):.2f}, "
                  f"complete {ratio('complete'):.2f}, CPU {ratio('cpu'):.2f}")
    print(f"load average after the runs {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
