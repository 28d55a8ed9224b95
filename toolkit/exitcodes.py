"""The exit status of every ``teikit`` command, for scripts and CI."""

OK = 0  # valid, done, bag intact
INVALID = 1  # invalid documents, a refused build or deposit, a damaged bag
USAGE = 2  # usage or I/O error: a missing path, an unreadable file, a broken installation
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), the shell's convention
