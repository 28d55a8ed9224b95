"""``python -m toolkit`` and the ``teikit`` command.

Everything is imported inside the Ctrl-C handler: importing the commands takes a good
part of a second, and an interrupt then must end like any other (status 130, one line),
never with a traceback.
"""

import signal
import sys


def run() -> int:
    try:
        from toolkit.cli import main

        return main()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the message short
        sys.stderr.write("teikit: interrupted\n")
        from toolkit.exitcodes import INTERRUPTED  # a few constants: a second Ctrl-C is ignored by now

        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(run())
