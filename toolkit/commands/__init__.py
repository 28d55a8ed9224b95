"""The subcommands of ``teikit``, one module each."""

COMMANDS: list = []
from toolkit.commands import validate as _validate  # noqa: E402,F401  (registers `teikit validate`)
from toolkit.commands import build as _build  # noqa: E402,F401  (registers `teikit build`)
from toolkit.commands import deposit as _deposit  # noqa: E402,F401  (registers `teikit deposit`)
from toolkit.commands import init as _init  # noqa: E402,F401  (registers `teikit init`)
from toolkit.commands import lsp as _lsp  # noqa: E402,F401  (registers `teikit lsp`)
