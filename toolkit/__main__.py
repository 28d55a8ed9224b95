"""``python -m toolkit`` and the ``teikit`` command.

Everything is imported inside the Ctrl-C handler: importing the commands takes a good
part of a second, and an interrupt then must end like any other (status 130, one line),
never with a traceback.

Ctrl-C raises ``Interrupted``, a KeyboardInterrupt of teikit's own. Python takes a plain
KeyboardInterrupt that passes through code it runs from text (``exec``: dataclasses and
named tuples are made so while modules are imported) for one nobody handled, and
``python -m`` then ends the process by SIGINT as it exits (status -2), even though the
command handled it and chose 130. Once the command has stopped, further Ctrl-Cs are
ignored: Python gives SIGINT back its default action while it exits, and one arriving
then would kill the process instead of letting it end with 130.
"""

import signal
import sys


class Interrupted(KeyboardInterrupt):
    """Ctrl-C in a teikit command (see above: only its type differs)."""


def _interrupt(signum, frame):
    raise Interrupted


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run() -> int:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where Ctrl-C was left ignored
        signal.signal(signal.SIGINT, _interrupt)
    try:
        from toolkit import exitcodes
        from toolkit.cli import main

        status = main()
        if status == exitcodes.INTERRUPTED:
            _ignore_ctrl_c()
        return status
    except KeyboardInterrupt:
        _ignore_ctrl_c()  # a second Ctrl-C must not cut the message short
        sys.stderr.write("teikit: interrupted\n")
        from toolkit.exitcodes import INTERRUPTED  # a few constants: a second Ctrl-C is ignored by now

        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(run())
