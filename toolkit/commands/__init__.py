"""The subcommands of ``teikit``, one module each."""

COMMANDS: list = []
