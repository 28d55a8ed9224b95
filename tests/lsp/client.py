"""A real LSP client (pygls's) talking to a `teikit lsp` subprocess over stdio.

Tests wait for the server's notifications (events): nothing here sleeps.  The
only timeout is a guard against a server that never answers, far beyond any
normal run; it is not a measure of speed.

The client's event loop runs in a thread of its own: a test process that has
Chromium open (Playwright's synchronous API) already runs a loop in its main
thread, and a second one cannot run there.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from toolkit.lsp.server import CHECKED

GUARD = 300  # seconds before a test gives up on a server that went silent


class Session:
    """One `teikit lsp` process and the diagnostics it has published, by document."""

    def __init__(self, loop: asyncio.AbstractEventLoop, cwd: Path, *args: str):
        self.loop, self.cwd, self.args = loop, cwd, args
        self.client = LanguageClient("teikit-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self._waiting: list[tuple[str, int, asyncio.Future]] = []
        self._conditions: list[tuple[Callable[[], bool], asyncio.Future]] = []
        self.versions: dict[str, int] = {}

        self.checked: dict[str, list[int]] = {}  # by document: the versions whose check ended

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self._recheck()

        @self.client.feature(CHECKED)
        def checked(params) -> None:
            # The server's word that its last publication for this version is out.
            self.checked.setdefault(params.uri, []).append(params.version)
            for waiting in list(self._waiting):
                uri, version, future = waiting
                if uri == params.uri and params.version == version and not future.done():
                    future.set_result(self.last_published(uri, version))
                    self._waiting.remove(waiting)
            self._recheck()

    def _recheck(self) -> None:
        for waiting in list(self._conditions):
            condition, future = waiting
            if condition():
                future.set_result(None)
                self._conditions.remove(waiting)

    def until(self, condition: Callable[[], bool]) -> None:
        """Wait until ``condition()`` (about what was published) holds, as the server's notifications come."""
        def expect() -> asyncio.Future:
            future = self.loop.create_future()
            if condition():
                future.set_result(None)
            else:
                self._conditions.append((condition, future))
            return future
        self.run(self.on_loop(expect))

    def run(self, awaitable):
        """Wait for ``awaitable`` (a coroutine, or a future of this session's loop) on the loop."""
        async def guarded():
            return await asyncio.wait_for(awaitable, GUARD)
        return asyncio.run_coroutine_threadsafe(guarded(), self.loop).result()

    def ask(self, request):
        """The answer to ``request()``, a call of the client's (``client.text_document_hover_async``
        …) made on the loop, where the client lives."""
        async def asked():
            return await request()
        return self.run(asked())

    def on_loop(self, function, *args):
        """``function(*args)`` called on the loop (the client and the waiting list live there)."""
        async def called():
            return function(*args)
        return self.run(called())

    def start(self) -> None:
        async def start():
            await self.client.start_io(sys.executable, "-m", "toolkit", "lsp", *self.args, cwd=str(self.cwd))
            await self.client.initialize_async(types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=self.cwd.as_uri(), process_id=None))
            self.client.initialized(types.InitializedParams())
        self.run(start())

    def stop(self) -> None:
        async def stop():
            await self.client.shutdown_async(None)
            self.client.exit(None)
            await self.client.stop()
        self.run(stop())

    def last_published(self, uri: str, version: int) -> types.PublishDiagnosticsParams:
        return [params for params in self.published[uri] if params.version == version][-1]

    def publications(self, path: Path, version: int) -> list[types.PublishDiagnosticsParams]:
        """Every publication of this version of the document, in the order they came."""
        return [params for params in self.published.get(path.as_uri(), []) if params.version == version]

    def _expect(self, uri: str, version: int) -> asyncio.Future:
        """The last publication for this version, once the server says its check ended."""
        future = self.loop.create_future()
        if version in self.checked.get(uri, []):
            future.set_result(self.last_published(uri, version))
            return future
        self._waiting.append((uri, version, future))
        return future

    def open(self, path: Path, text: str) -> types.PublishDiagnosticsParams:
        """Open ``path`` holding ``text``; the last diagnostics published for it."""
        future = self.on_loop(self._expect, path.as_uri(), 1)
        self.send_open(path, text)
        return self.run(future)

    def send_open(self, path: Path, text: str) -> None:
        """Open ``path`` holding ``text`` (as version 1, as an editor does), without waiting for its check."""
        uri = path.as_uri()
        self.versions[uri] = 1
        self.on_loop(self.client.text_document_did_open, types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))

    def send_change(self, path: Path, text: str) -> None:
        """Replace the document's text (its next version), without waiting for its check."""
        uri = path.as_uri()
        self.versions[uri] += 1
        self.on_loop(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def send_close(self, path: Path) -> None:
        self.on_loop(self.client.text_document_did_close, types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())))

    def handled(self, path: Path) -> None:
        """Return once the server has handled every message sent before: it handles them in the
        order they come, and answers a hover where no pointer stands at once, without waiting
        for the checking thread (which may be held)."""
        self.ask(lambda: self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=types.Position(line=0, character=0))))

    def change(self, path: Path, *texts: str) -> types.PublishDiagnosticsParams:
        """Replace the document's text by each of ``texts`` in turn, in one burst; the diagnostics
        published for the last."""
        uri = path.as_uri()
        for text in texts:
            self.versions[uri] += 1
            self.on_loop(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.run(self.on_loop(self._expect, uri, self.versions[uri]))

    def completion(self, path: Path, line: int, character: int) -> list[types.CompletionItem]:
        result = self.ask(lambda: self.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character))))
        return list(result.items if isinstance(result, types.CompletionList) else result or [])

    def schematron_worker(self) -> int:
        """The process id of the server's Schematron worker (its one child process)."""
        pid = self.client._server.pid
        children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                    for child in (task / "children").read_text().split()]
        assert len(children) == 1, children
        return children[0]

    @contextmanager
    def schematron_held(self) -> Iterator[None]:
        """The Schematron worker stopped (SIGSTOP) for the block: a check sent to it waits, with its
        early publication out, until the block ends (SIGCONT) — a check held open without timing."""
        worker = self.schematron_worker()
        os.kill(worker, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(worker, signal.SIGCONT)

    def hover_on(self, path: Path, fragment: str) -> tuple[types.Hover | None, int]:
        """The file opened as it is, and the hover two characters into ``fragment`` (and its line)."""
        text = path.read_text(encoding="utf-8")
        self.open(path, text)
        line, character = position_of(text, fragment)
        return self.ask(lambda: self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character + 2)))), line


@contextmanager
def running_session(root: Path, *args: str) -> Iterator[Session]:
    """A started server for the files under ``root`` (``teikit lsp`` given ``args``), on its own
    event loop; stopped on leaving."""
    with loop_apart() as loop:
        server = Session(loop, root, *args)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def loop_apart() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop running in a thread of its own until the block ends."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="lsp-client", daemon=True)
    thread.start()
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


def position_of(text: str, fragment: str, *, after: bool = False) -> tuple[int, int]:
    """Zero-based (line, character) of the first occurrence of ``fragment`` (or just after it)."""
    offset = text.index(fragment) + (len(fragment) if after else 0)
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def run_apart(coroutine):
    """The result of ``coroutine``, run to its end on a loop of its own (see ``loop_apart``)."""
    with loop_apart() as loop:
        return asyncio.run_coroutine_threadsafe(asyncio.wait_for(coroutine, GUARD), loop).result()
