"""teikit validate --executor dask on a project: its own schemas, its catalog and its pointer checks
apply as in a local run, and the findings are the same."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.project.mixed_project import make_project
from tests.robustness.cli_support import run_in_process
from tests.test_distributed import cluster  # noqa: F401  (the LocalCluster fixture)

# The project's own rule, given in teikit.toml in place of anything the documents declare.
RULES = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:persName">
      <assert id="named-once" test="not(@ref) or normalize-space(.)">A persName that points somewhere says whom.</assert>
      <report id="project-rule" test="@ref">persName pointing at <value-of select="@ref"/></report>
    </rule>
  </pattern>
</schema>
"""


def findings(report: dict) -> list[tuple]:
    return sorted((entry["file"], finding["line"] or 0, finding["code"], finding["message"])
                  for entry in report["files"] for finding in entry["findings"])


def test_a_project_on_the_cluster_gives_the_findings_of_a_local_run(cluster, tmp_path, monkeypatch):  # noqa: F811
    root = make_project(tmp_path / "p")
    (root / "rules.sch").write_text(RULES, encoding="utf-8")
    with open(root / "teikit.toml", "a", encoding="utf-8") as settings:
        settings.write('\n[validation]\nschemas = ["rules.sch"]\n')
    # The local reference in a process of its own, so that nothing this process holds can make them differ.
    local = subprocess.run([sys.executable, "-m", "toolkit", "--project", root, "validate", "--format", "json",
                            "--no-progress"], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert local.returncode == 1, local.stderr
    expected = findings(json.loads(local.stdout))
    codes = {code for _file, _line, code, _message in expected}
    # The project's own schema ran, and so did the pointer checks across files.
    assert {"project-rule", "project.unresolved-ref"} <= codes, codes

    monkeypatch.chdir(tmp_path)
    status, out, err = run_in_process("--project", root, "validate", "--executor", "dask", "--scheduler",
                                      cluster.scheduler_address, "--format", "json")
    assert status == 1, err
    assert findings(json.loads(out)) == expected
