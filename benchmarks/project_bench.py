"""A project's web edition: MELP and a synthetic edition of 5,000 letters, cold and after one edit.

    python -m benchmarks.project_bench [--letters 5000] [--entries 20000] [--sample 200]
    python -m benchmarks.project_bench --skip-melp --skip-baseline --compare-with main~3
    python -m benchmarks.project_bench --skip-synthetic

``--compare-with REV`` builds the synthetic project with the toolkit as it was at git revision
REV too, in the same run (cold, then the same edit), as the reference for the current code.

Figures, all from one run on this machine (wall time, CPU time of every process, peak memory
of the largest process):
- MELP (337 letters, registers of 1,400 entries in three files): ``teikit build html`` of a
  fresh copy, which validates the letters, then makes the site and its indexes; then the same
  command after one word of one letter was edited; for the cold build, the CPU time of teikit's
  own process and of its workers apart, and from them what it would take on two idle cores;
- synthetic: ``--letters`` letters pointing into registers of ``--entries`` persons and places
  kept in two files of their own, built the same way without validation (the synthetic letters
  are valid by construction, and validation has its own benchmark), cold and after one edit;
- the command an editor runs after an edit, ``teikit build html`` (validation, then the site),
  ``--edits`` times on the synthetic project, each time after one more letter was edited; with
  ``--compare-with``, the reference's copy and this one's edited in turn, so that both meet the
  same load; medians and their ratio;
- baseline: today's rendering of one file at a time (``teikit build html FILE...``, the generic
  site of five pages per document) of the first ``--sample`` of the same synthetic letters; its
  cost per letter is set against the project build's.

The output size is reported too: what the project site writes per letter, and what the
one-file rendering writes per letter.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import REPOSITORY

DATE = "2026-01-31"
SHARED = Path(os.environ.get("TEIKIT_SHARED") or REPOSITORY.parent / "shared")
MELP = SHARED / "projects" / "melp"
TEI_NS = "http://www.tei-c.org/ns/1.0"
WORDS = ("letter", "house", "garden", "journey", "evening", "friend", "book", "school", "children", "weather",
         "morning", "mother", "father", "sister", "news", "health", "visit", "carriage", "rain", "river",
         "dinner", "company", "reading", "writing", "affection", "pleasure", "Dublin", "hope", "fear", "kindness")
NAMES = ("Anne", "Charlotte", "Edward", "Frances", "George", "Harriet", "Henry", "Honora", "Lovell", "Maria",
         "Richard", "Sophy", "Thomas", "William", "Emmeline", "Lucy", "Fanny", "Michael", "Francis", "Mary")
SURNAMES = ("Edgeworth", "Beaufort", "Ruxton", "Sneyd", "Dumont", "Barbauld", "Pakenham", "Stewart", "Bentham",
            "Darwin", "Romilly", "Baillie", "Scott", "Moore", "Hamilton", "Lawless", "Fox", "Pictet")


# ===== The synthetic project =====

def write_project(folder: Path, letters: int, entries: int, seed: int = 7) -> Path:
    """A project folder: registers/persons.xml and places.xml, letters/*.xml, teikit.toml."""
    rng = random.Random(seed)
    persons, places = entries * 3 // 4, entries - entries * 3 // 4
    (folder / "registers").mkdir(parents=True)
    (folder / "letters").mkdir()
    (folder / "registers" / "persons.xml").write_text(_persons(rng, persons), encoding="utf-8")
    (folder / "registers" / "places.xml").write_text(_places(rng, places), encoding="utf-8")
    for number in range(1, letters + 1):
        (folder / "letters" / f"letter-{number:05d}.xml").write_text(
            _letter(rng, number, persons, places), encoding="utf-8")
    (folder / "teikit.toml").write_text(
        'title = "Synthetic letters"\ndescription = "Letters generated for a benchmark."\n'
        '[documents]\ninclude = ["letters/*.xml"]\n[registers]\ninclude = ["registers/*.xml"]\n', encoding="utf-8")
    return folder


def _header(title: str) -> str:
    return (f'<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt>'
            '<publisher>Benchmark</publisher></publicationStmt><sourceDesc><p>Generated.</p></sourceDesc>'
            '</fileDesc></teiHeader>')


def _persons(rng: random.Random, count: int) -> str:
    items = []
    for number in range(1, count + 1):
        born = rng.randrange(1700, 1800)
        items.append(
            f'<person xml:id="p{number}"><persName>{rng.choice(SURNAMES)}, {rng.choice(NAMES)} {number}</persName>'
            f'<birth when="{born}"/><death when="{born + rng.randrange(20, 80)}"/>'
            f'<occupation>{rng.choice(WORDS)} keeper</occupation><note>Person {number} of the benchmark.</note></person>')
    return (f'<TEI xmlns="{TEI_NS}">{_header("Persons")}<text><body><listPerson>'
            + "\n".join(items) + "</listPerson></body></text></TEI>\n")


def _places(rng: random.Random, count: int) -> str:
    items = [f'<place xml:id="l{number}"><placeName>{rng.choice(WORDS).title()}town {number}</placeName>'
             f'<location><geo>{rng.uniform(50, 56):.4f} {rng.uniform(-10, 0):.4f}</geo></location></place>'
             for number in range(1, count + 1)]
    return (f'<TEI xmlns="{TEI_NS}">{_header("Places")}<text><body><listPlace>'
            + "\n".join(items) + "</listPlace></body></text></TEI>\n")


def _letter(rng: random.Random, number: int, persons: int, places: int) -> str:
    sender, recipient = rng.randrange(1, 60), rng.randrange(1, persons + 1)
    year, month, day = rng.randrange(1790, 1849), rng.randrange(1, 13), rng.randrange(1, 29)
    date = f"{year}-{month:02d}-{day:02d}"
    paragraphs = []
    for _ in range(rng.randrange(3, 8)):
        words = []
        for _ in range(rng.randrange(40, 120)):
            roll = rng.random()
            if roll < 0.05:
                words.append(f'<persName ref="../registers/persons.xml#p{rng.randrange(1, persons + 1)}">'
                             f'{rng.choice(NAMES)}</persName>')
            elif roll < 0.07:
                words.append(f'<placeName ref="../registers/places.xml#l{rng.randrange(1, places + 1)}">'
                             f'{rng.choice(WORDS).title()}</placeName>')
            elif roll < 0.08:
                words.append("<choice><orig>wd</orig><reg>would</reg></choice>")
            else:
                words.append(rng.choice(WORDS))
        paragraphs.append("<p>" + " ".join(words) + ".</p>")
    header = (f'<teiHeader><fileDesc><titleStmt><title>Letter {number} to correspondent {recipient}, {date}</title>'
              '</titleStmt><publicationStmt><publisher>Benchmark</publisher><availability><licence '
              'target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>'
              '</publicationStmt><seriesStmt><title>Synthetic letters</title></seriesStmt><sourceDesc><msDesc>'
              f'<msIdentifier><repository>Archive {number % 7}</repository><idno>MS {number}</idno></msIdentifier>'
              '</msDesc></sourceDesc></fileDesc><profileDesc><correspDesc>'
              f'<correspAction type="sent"><persName ref="../registers/persons.xml#p{sender}">Sender</persName>'
              f'<date when="{date}"/></correspAction><correspAction type="received">'
              f'<persName ref="../registers/persons.xml#p{recipient}">Recipient</persName></correspAction>'
              '</correspDesc></profileDesc></teiHeader>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">{header}<text><body><div type="letter">'
            f'<opener><dateline><date when="{date}">{date}</date></dateline></opener>'
            + "\n".join(paragraphs) + "</div></body></text></TEI>\n")


# ===== Measuring =====

# Runs the command in a process of its own, so that the peak memory reported is this command's
# (the largest of its processes), not the largest of every command run so far.
MEASURED = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print("peak-kb", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


# Runs teikit in this process, and reports the CPU time of this process (the build's own work,
# one core at a time) apart from that of its workers (shared by the cores).
SPLIT = """
import resource, runpy, sys
sys.argv = ["teikit", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("toolkit", run_name="__main__")
except SystemExit as stop:
    code = stop.code
me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("cpu-split", me.ru_utime + me.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)
sys.exit(code)
"""


def run(command: list[str], cwd: Path, code: Path = REPOSITORY) -> dict:
    """Wall and CPU seconds of a fresh process (and its workers), its peak memory, its status;
    the toolkit is taken from ``code`` (this checkout, or another revision's files)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED, *command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(code)})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = [line for line in result.stderr.splitlines() if line.startswith("peak-kb ")]
    split = [line.split()[1:] for line in result.stderr.splitlines() if line.startswith("cpu-split ")]
    return {"wall": wall, "cpu": cpu, "peak_mb": int(peak[-1].split()[1]) / 1024 if peak else 0.0,
            "status": result.returncode, "stderr": result.stderr,
            "main_cpu": float(split[-1][0]) if split else None, "workers_cpu": float(split[-1][1]) if split else None}


def teikit(*arguments: str, cwd: Path) -> dict:
    return run([sys.executable, "-c", SPLIT, *arguments], cwd)


def idle_estimate(figures: dict) -> str:
    """What the command would take on two idle cores, from its CPU time: at best both cores busy
    throughout; at worst the main process's work, plus its workers' shared by the two cores."""
    main, workers = figures["main_cpu"], figures["workers_cpu"]
    return (f"main process {main:.1f} s CPU, workers {workers:.1f} s CPU: on two idle cores "
            f"{(main + workers) / 2:.1f} to {main + workers / 2:.1f} s")


def in_process_build(folder: Path) -> list[str]:
    """The project build without validation, as ``teikit build html`` runs it after validating."""
    return [sys.executable, "-c",
            "import sys; from pathlib import Path; from toolkit import pipeline; "
            "from toolkit.builders import project_site; from toolkit.builders.options import BuildOptions; "
            "from toolkit.project import load_project; "
            "p = load_project(Path(sys.argv[1]), search_parents=False); "
            f"o = project_site.project_options(p, BuildOptions(fixed_date='{DATE}')); "
            "pipeline.build(['html'], p.output_dir, options=o, sources=p.documents(), validate_first=False)",
            str(folder)]


def edit_one(letter: Path) -> None:
    text = letter.read_text(encoding="utf-8")
    start = text.index("<p>", text.index("<body>")) + len("<p>")
    letter.write_text(text[:start] + "Benchmarked " + text[start:], encoding="utf-8")


def inodes(folder: Path) -> dict[str, int]:
    """Each file's inode: a file linked from the previous build keeps it, one written again does not."""
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def line(label: str, figures: dict, extra: str = "") -> None:
    print(f"{label:<52} {figures['wall']:7.2f} s wall {figures['cpu']:7.2f} s CPU {figures['peak_mb']:7.0f} MB peak"
          f"{'  ' + extra if extra else ''}", flush=True)


def melp(work: Path) -> None:
    if not MELP.is_dir():
        print(f"MELP not found at {MELP}: skipped")
        return
    project = work / "melp"
    shutil.copytree(MELP, project)
    assert teikit("init", cwd=project)["status"] == 0
    cold = teikit("build", "html", "--date", DATE, cwd=project)
    if cold["status"] not in (0,):
        print(f"MELP: teikit build html exited {cold['status']}; built with --force instead")
        shutil.rmtree(project / "build", ignore_errors=True)
        cold = teikit("build", "html", "--date", DATE, "--force", cwd=project)
    line("MELP cold: validate + site + indexes (337 letters)", cold,
         f"{size_mb(project / 'build' / 'html'):.1f} MB written")
    print(f"  {idle_estimate(cold)}", flush=True)
    unchanged = run(in_process_build(project), project)
    line("MELP unchanged, site alone (no validation)", unchanged)
    edit_one(sorted((project / "Encoded Letters").glob("*.xml"))[100])
    site_only = run(in_process_build(project), project)
    line("MELP after editing one letter, site alone", site_only)
    again = teikit("build", "html", "--date", DATE, cwd=project)
    line("MELP after editing one letter: validate + site", again, "" if again["status"] == 0 else "(refused: invalid)")


def synthetic(work: Path, letters: int, entries: int, sample: int, *, baseline: bool = True,
              code: Path = REPOSITORY, label: str = "") -> Path:
    started = time.perf_counter()
    project = write_project(work / f"synthetic{label}", letters, entries)
    data = size_mb(project / "letters") + size_mb(project / "registers")
    print(f"synthetic project{label}: {letters} letters, {entries} register entries, {data:.0f} MB of TEI "
          f"(generated in {time.perf_counter() - started:.0f} s)", flush=True)
    cold = run(in_process_build(project), project, code)
    if cold["status"]:
        raise SystemExit(cold["stderr"])
    site = project / "build" / "html"
    written = size_mb(site)
    line(f"synthetic{label} cold: site + indexes ({letters} letters)", cold, f"{written:.0f} MB written")
    before = inodes(site)
    edit_one(sorted((project / "letters").glob("*.xml"))[letters // 2])
    again = run(in_process_build(project), project, code)
    after = inodes(site)
    rewritten = sum(1 for name, inode in after.items() if before.get(name) != inode)
    line(f"synthetic{label} after editing one letter", again, f"{rewritten} of {len(after)} files written again")
    if not baseline:
        return project
    chosen = sorted((project / "letters").glob("*.xml"))[:sample]
    baseline = teikit("build", "html", *map(str, chosen), "-o", str(work / "one-file"), "--date", DATE, cwd=work)
    if baseline["status"]:
        raise SystemExit(baseline["stderr"])
    line(f"baseline: one-file rendering of {sample} of the letters", baseline,
         f"{size_mb(work / 'one-file' / 'html'):.0f} MB written")
    for measure in ("wall", "cpu"):
        project_per_letter, baseline_per_letter = cold[measure] / letters, baseline[measure] / sample
        print(f"per letter ({measure}): project site {project_per_letter * 1000:.1f} ms, one-file rendering "
              f"{baseline_per_letter * 1000:.1f} ms (ratio {project_per_letter / baseline_per_letter:.2f})", flush=True)
    print(f"output per letter: {written / letters * 1000:.0f} KB against "
          f"{size_mb(work / 'one-file' / 'html') / sample * 1000:.0f} KB", flush=True)
    return project


def edits_in_turn(builds: list[tuple[str, Path, Path]], edits: int) -> None:
    """``teikit build html`` after one more edited letter, ``edits`` times for each (label, project,
    code) of ``builds``, taken in turn; the first command of each validates every letter, unmeasured."""
    command = [sys.executable, "-c", SPLIT, "build", "html", "--date", DATE]
    figures: dict[str, list[dict]] = {label: [] for label, _project, _code in builds}
    for _label, project, code in builds:
        run(command, project, code)
    for number in range(edits):
        for label, project, code in builds:
            letters = sorted((project / "letters").glob("*.xml"))
            edit_one(letters[(number * 97 + 13) % len(letters)])
            measured = run(command, project, code)
            if measured["status"]:
                raise SystemExit(measured["stderr"])
            figures[label].append(measured)
    medians = {}
    for label, runs in figures.items():
        medians[label] = {measure: statistics.median(item[measure] for item in runs) for measure in ("wall", "cpu")}
        walls = ", ".join(f"{item['wall']:.2f}" for item in runs)
        print(f"teikit build html after an edit{label}: median {medians[label]['wall']:.2f} s wall, "
              f"{medians[label]['cpu']:.2f} s CPU (each: {walls} s wall)", flush=True)
    if len(medians) == 2:
        reference, current = medians.values()
        print(f"ratio to the reference: wall {current['wall'] / reference['wall']:.2f}, "
              f"CPU {current['cpu'] / reference['cpu']:.2f}", flush=True)


def revision(work: Path, rev: str) -> Path:
    """The toolkit's files at git revision ``rev``, unpacked in ``work`` (or ``rev`` itself when it
    is a folder holding them)."""
    if (Path(rev) / "toolkit").is_dir():
        return Path(rev)
    folder = work / f"code-{rev.replace('/', '-')}"
    folder.mkdir()
    archive = subprocess.run(["git", "archive", rev], cwd=REPOSITORY, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="a project's web edition: MELP and a synthetic edition")
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--sample", type=int, default=200, help="letters rendered one file at a time (baseline)")
    parser.add_argument("--skip-melp", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true", help="MELP alone")
    parser.add_argument("--skip-baseline", action="store_true", help="no one-file rendering of --sample letters")
    parser.add_argument("--edits", type=int, default=5, help="whole commands measured after an edit (0: none)")
    parser.add_argument("--compare-with", metavar="REV",
                        help="build the synthetic project with git revision REV (or the toolkit in folder REV) too")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if not args.skip_melp:
            melp(work)
        builds = []
        if args.compare_with and not args.skip_synthetic:
            code = revision(work, args.compare_with)
            builds.append((" (reference)", synthetic(work, args.letters, args.entries, args.sample, baseline=False,
                                                     code=code, label=" (reference)"), code))
        if not args.skip_synthetic:
            builds.append(("", synthetic(work, args.letters, args.entries, args.sample,
                                         baseline=not args.skip_baseline), REPOSITORY))
        if args.edits:
            edits_in_turn(builds, args.edits)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
