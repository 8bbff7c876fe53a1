"""How long `vnu-site serve` takes from saving an article to the reloaded page in Chromium.

    python bench/serve_latency.py [--content DIR --templates DIR] [--saves 10] [--article articles/x.vi.md]

Copies the content and templates into a temporary folder (the originals are never
touched), starts the preview (editor/serve.py's Preview) in a process of its own, as
`vnu-site serve` runs, opens the article's page in Chromium (Playwright, /usr/bin/chromium),
then saves the article --saves times, each time adding a sentence at its end. Each save is
timed from just before the write to the `load` event of the page the save reloaded, which
must show the new sentence. Prints the median, min and max, and where the time went:

- watch: from the write to the watcher handing the change to a rebuild;
- build: from there to the reload being pushed to the page (the live state's new version);
- reload: from the push to the reloaded page's `load` event (the event stream, the request,
  the page and its assets); `navigation` is the part from the reload's start.

Times on both sides are wall-clock: time.time() in both processes, performance.timeOrigin
+ the navigation entry's loadEventEnd in the page.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # an uninstalled checkout too

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]  # fmt: skip
SETTLE = 0.3  # seconds between saves: the last reload's requests are over, as when an editor types again
LOADED = """() => {
  const entry = performance.getEntriesByType("navigation")[0];
  return {origin: performance.timeOrigin, load: entry.loadEventEnd, text: document.body.innerText};
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--templates", type=Path, default=REPO / "templates")
    parser.add_argument("--saves", type=int, default=10, help="timed saves (default 10)")
    parser.add_argument("--warmup", type=int, default=1, help="saves made first and not timed (default 1)")
    parser.add_argument("--article", help="the Markdown file to edit, relative to --content (default: the first articles/*.vi.md)")
    parser.add_argument("--build-date", type=datetime.date.fromisoformat, default=None)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vnu-serve-latency-") as scratch:
        content, templates = Path(scratch) / "content", Path(scratch) / "templates"
        shutil.copytree(args.content, content)
        shutil.copytree(args.templates, templates)
        article = content / (args.article or sorted((content / "articles").glob("*.vi.md"))[0].relative_to(content).as_posix())
        marker = f"Câu đánh dấu trang {time.time_ns()}."  # finds the article's page in the first build
        with article.open("a", encoding="utf-8") as file:
            file.write(f"\n{marker}\n")
        ours, theirs = multiprocessing.get_context("spawn").Pipe()
        server = multiprocessing.get_context("spawn").Process(target=serve, args=(theirs, content, templates, args.build_date, marker))
        server.start()
        try:
            seconds, url = ours.recv()
            print(f"first build: {seconds:.2f} s; editing {article.relative_to(content).as_posix()} at {url}")
            results = run(url, article, ours, args)
        finally:
            ours.send("stop")
            server.join(10)
    report(results[args.warmup :])
    return 0


def serve(pipe, content: Path, templates: Path, build_date, marker: str) -> None:
    """The preview's process: sends (first build's seconds, the article's URL), then the
    times of the rebuilds and pushes whenever asked, until told to stop."""
    from vnu_site.editor.serve import Preview

    rebuilds: list[float] = []
    pushes: list[float] = []
    preview = Preview(content, templates, port=0, build_date=build_date, log=lambda text, error=False: None)
    rebuild, built = preview.rebuild, preview.state.built

    def timed_rebuild(*args, **kwargs):
        rebuilds.append(time.time())
        return rebuild(*args, **kwargs)

    def timed_built(*args, **kwargs):
        pushes.append(time.time())
        return built(*args, **kwargs)

    started = time.perf_counter()
    preview.start()
    preview.rebuild = timed_rebuild  # type: ignore[method-assign]
    preview.state.built = timed_built  # type: ignore[method-assign]
    pipe.send((time.perf_counter() - started, preview.url + page_of(preview.folder, marker)))
    try:
        while pipe.recv() == "times":
            pipe.send((list(rebuilds), list(pushes)))
    finally:
        preview.stop()


def page_of(folder: Path, marker: str) -> str:
    """The address of the page that shows `marker` (a sentence only the article's body holds)."""
    for path in sorted(folder.rglob("index.html"), key=lambda path: (-len(path.parts), path)):  # an article is deepest
        if marker in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(folder).as_posix() + "/"
    raise SystemExit("no built page shows the article's body; pass another --article")


def run(url: str, article: Path, pipe, args) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        time.sleep(SETTLE)
        for save in range(args.warmup + args.saves):
            sentence = f"Câu thêm số {save} cho phép đo {time.time_ns()}."
            pipe.send("times")
            rebuilds, pushes = (len(times) for times in pipe.recv())
            with page.expect_event("load", timeout=60_000):
                wrote = time.time()
                with article.open("a", encoding="utf-8") as file:
                    file.write(f"\n{sentence}\n")
            loaded = page.evaluate(LOADED)
            if sentence not in loaded["text"]:
                raise SystemExit(f"save {save + 1}: the page that loaded does not show the new sentence")
            pipe.send("times")
            rebuild_times, push_times = pipe.recv()
            load = (loaded["origin"] + loaded["load"]) / 1000
            navigation = loaded["origin"] / 1000
            watched = rebuild_times[rebuilds] if len(rebuild_times) > rebuilds else wrote
            pushed = push_times[pushes] if len(push_times) > pushes else navigation
            results.append({"total": load - wrote, "watch": watched - wrote, "build": pushed - watched, "reload": load - pushed,
                            "navigation": load - navigation})  # fmt: skip
            print(f"save {save + 1:>2}{' (warm-up)' if save < args.warmup else ''}: {1000 * (load - wrote):6.0f} ms")
            time.sleep(SETTLE)
        browser.close()
    return results


def report(results: list[dict]) -> None:
    if not results:
        return
    totals = [r["total"] for r in results]
    print(f"\nsave to reloaded page, {len(results)} saves: median {ms(statistics.median(totals))}, "
          f"min {ms(min(totals))}, max {ms(max(totals))}")  # fmt: skip
    for part, meaning in (
        ("watch", "write -> rebuild starts"),
        ("build", "rebuild -> reload pushed"),
        ("reload", "pushed -> page's load event"),
        ("navigation", "of which from the reload's start"),
    ):
        print(f"  {part:<11}{ms(statistics.median(r[part] for r in results)):>8}  median ({meaning})")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
