"""A worker that dies while its job is being sent: exit status 2 and a message (repro F06)."""

from __future__ import annotations

import os
import signal

import pytest

from tests.security.repro_lab import Lab
from toolkit.executors import ForkedWorker, WorkerStopped

DEAD_WORKER = r'''#!/bin/bash
# The PDF worker kills itself on its first job; the parent then writes the book (far more than
# a pipe holds) into the pipe of a worker that is gone.
mkdir -p "$LAB/scratch-repro/F06" && cd "$LAB/scratch-repro/F06" || exit 9
python - "$LAB/proj/tei/serge-anarchism-russian-years.xml" <<'P'
import os, signal, sys
from toolkit import pipeline
def killed(name):
    os.kill(os.getpid(), signal.SIGKILL)
pipeline._prepare = killed
pipeline.os.cpu_count = lambda: 2
from toolkit.cli import main
sys.exit(main(["build", "html", "pdf", sys.argv[1], "-o", "out", "--date", "2024-01-01"]))
P
echo "exit $?"
'''


def test_the_reproduction_ends_with_status_2_and_a_message(tmp_path):
    lab = Lab(tmp_path).with_project()
    lab.case("worker/dead_worker_epipe.sh", DEAD_WORKER)
    result = lab.run("F06-dead-worker-exit1.sh")
    assert result.stdout.rstrip().endswith("exit 2"), result.stdout
    assert "teikit: error: the worker process stopped without an answer" in result.stdout
    assert "Traceback" not in result.stdout
    assert not (tmp_path / "scratch-repro/F06/out/pdf").exists()


def _exit(_):
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("size", [10, 1 << 20])
def test_sending_to_a_dead_worker_says_it_stopped(size):
    worker = ForkedWorker()
    try:
        worker.submit(_exit, None)
        worker._process.join()  # dead for sure: whatever is sent now meets a closed pipe
        with pytest.raises(WorkerStopped, match="stopped without an answer"):
            ticket = worker.submit(len, b"x" * size)
            worker.result(ticket)
    finally:
        worker.terminate()


def test_a_worker_killed_while_reading_a_large_job_is_noticed():
    worker = ForkedWorker()
    try:
        # The job is larger than the pipe's buffer, so the send is still being written when
        # the worker, busy with its first job, is killed.
        worker.submit(_exit, None)
        with pytest.raises(WorkerStopped):
            worker.result(worker.submit(len, b"y" * (8 << 20)))
    finally:
        worker.terminate()
