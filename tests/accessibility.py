"""Accessibility checks of a page open in Chromium: axe-core (as ``axe-playwright-python``
ships it) run in the page, its serious and critical violations described for the failure."""

from __future__ import annotations

from tests.conftest import required

BLOCKING = ("serious", "critical")


def violations(page, *, impacts=BLOCKING) -> list[str]:
    """Every violation of ``impacts`` on the page as it is now: rule, impact, help and where."""
    axe_module = required("axe_playwright_python.sync_playwright",
                          "make test installs it (pip install -e '.[test]': axe-playwright-python)")
    response = axe_module.Axe().run(page).response
    found = []
    for violation in response["violations"]:
        if violation.get("impact") not in impacts:
            continue
        targets = [" ".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])[:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {'; '.join(targets)}")
    return found
