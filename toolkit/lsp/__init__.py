"""``teikit lsp``: the validator inside any editor, as a Language Server Protocol server over stdio.

``server`` wires the protocol; ``checks`` runs teikit's validation on the editor's
text with schemas compiled once; ``debounce`` waits for a pause in typing;
``cursor`` tells what is being written at the cursor, ``grammar`` what the RELAX NG
schema allows there; ``diagnostics`` turns findings into the protocol's terms.
"""
