"""Fuzzing with Hypothesis: whatever an editor (or a broken tool) puts in a content file,
the build either succeeds or reports `path:line: message` problems; it never crashes.

Examples are derandomised and there is no example database, so CI runs exactly the same
cases every time, in a bounded time. Counts: FILE_EXAMPLES for the reader alone (fast),
BUILD_EXAMPLES and NAME_EXAMPLES for whole builds.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import TINY, build_args
from vnu_site.__main__ import main
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.read import read_bytes
from vnu_site.sources.schema import FIELDS

FILE_EXAMPLES = 300
BUILD_EXAMPLES = 30
NAME_EXAMPLES = 20


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        derandomize=True,  # the same examples on every run and machine
        database=None,  # nothing remembered between runs: CI sees what a developer sees
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )


# --- what a content file can hold ----------------------------------------------------------

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ"
YAML_SIGNIFICANT = ":#-[]{}&*!|>'\"%@`,?=~<\\/"
ODD = (
    "\t\r\n\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\xa0\u00ad\u0301\u200b\u200d\u200e\u202e\u2028\u2029"
    "\ufeff\ufffd\ufffe\uffff\U0001f389\U0001f1fb\U0001f1f3\U0010ffff"
)
WORDS = ["Đại học", "Quốc gia", "Hà Nội", "hợp tác", "Thanh Hoa", "ĐHQGHN", "trí tuệ nhân tạo", "MoU", "---", "...", "~", "null", "yes"]

characters = st.one_of(
    st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " "),
    st.sampled_from(YAML_SIGNIFICANT),
    st.sampled_from(ODD),
    st.characters(exclude_categories=("Cs",)),  # anything encodable
)
text = st.one_of(st.text(characters, max_size=40), st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join))
KEYS = ["vnu", "tsinghua", "mooc-alliance", "conference-2025", "state-visit", "exchange-2025", "ai", "about"]
keys = st.one_of(st.sampled_from(KEYS), text)
dates = st.one_of(
    st.dates().map(str),
    st.builds("{:04d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13)),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.sampled_from(["2025-13-45", "14/04/2025", "2025", "0000-01-01", "2025-02-29", "2024-02-29"]),
)
scalars = st.one_of(text, dates, st.integers(), st.integers(-(10**30), 10**30), st.floats(), st.booleans(), st.none())
values = st.recursive(
    st.one_of(scalars, keys),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(text, st.sampled_from(["name", "date", "url"])), inner, max_size=3)
    ),
    max_leaves=8,
)
all_fields = sorted({name for fields in FIELDS.values() for name in fields})
front_matter = st.dictionaries(st.one_of(st.sampled_from(all_fields), text), values, max_size=8)

KNOWN_ITEMS = ["partner:vnu", "partner:tsinghua", "event:conference-2025", "agreement:exchange-2025", "article:mooc", "page:contact"]
any_item = st.builds("{}:{}".format, st.sampled_from(["partner", "event", "agreement", "article", "page"]), keys)


def markdown(items):
    return st.lists(markdown_pieces(items), max_size=12).map("\n".join)


def markdown_pieces(items):
    return st.one_of(
        text,
        st.builds("{} {}".format, st.sampled_from(["#", "##", "###", "-", "1.", ">", "    ", "|"]), text),
        st.builds("[{}]({})".format, text, items),
        st.builds("[{}]({})".format, text, st.sampled_from(["https://vnu.edu.vn", "javascript:alert(1)", "", "#x", "../../etc/passwd"])),
        st.builds("**{}** _{}_ `{}`".format, text, text, text),
        st.builds("```{}\n{}\n```".format, text, text),
        st.sampled_from(["<script>alert(1)</script>", '<a href="partner:vnu">x</a>', "<div>", "</div>", "<!--"]),
        st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
    )


def _dump(fields: dict) -> str:
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=60) if fields else ""


def _hand_written(fields: dict) -> str:
    """Front matter typed by hand: values pasted unquoted, often not valid YAML at all."""
    return "".join(f"{name}: {value}\n" for name, value in fields.items())


# Fields that make a file of each kind valid, so that odd text reaches the pages too.
REQUIRED = {
    "article": {"date": "2025-01-02", "partners": ["tsinghua"]},
    "partner": {"kind": "university"},
    "event": {"start": "2025-01-02", "kind": "forum"},
    "agreement": {"signed": "2025-01-02", "kind": "mou", "parties": ["vnu"]},
    "page": {"parent": "about", "order": 1},
}
_VISIBLE_ONLY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
showable = st.text(characters.filter(lambda c: c in "\t" or c.isprintable()), min_size=1, max_size=40).filter(str.strip)


@st.composite
def content_files(draw, kind: str) -> bytes:
    """A whole file as bytes: front matter (valid YAML or not), a body, odd line endings."""
    shape = draw(st.sampled_from(["valid", "valid", "valid", "dumped", "hand", "no-close", "raw", "bytes"]))
    if shape == "bytes":
        return draw(st.binary(max_size=300))
    if shape == "raw":
        return draw(st.text(characters, max_size=300)).encode("utf-8")
    body = draw(markdown(st.sampled_from(KNOWN_ITEMS) if shape == "valid" else any_item))
    if shape == "valid":
        texts = draw(st.fixed_dictionaries({"title": showable}, optional={"summary": showable, "slug": st.just("fuzz-slug")}))
        fields = {**texts, **REQUIRED[kind]}
        shape, body = "dumped", _VISIBLE_ONLY.sub("", body)  # odd but showable: it reaches the pages
    else:
        fields = draw(front_matter)
    yaml_text = _dump(fields) if shape == "dumped" else _hand_written(fields)
    file = "---\n" + yaml_text + ("" if shape == "no-close" else "---\n") + body
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + file.replace("\n", newline)).encode("utf-8")


# --- the reader alone: many examples --------------------------------------------------------


kinds_and_files = st.sampled_from(sorted(FIELDS)).flatmap(lambda kind: st.tuples(st.just(kind), content_files(kind)))


@fuzz_settings(FILE_EXAMPLES)
@given(kind_and_data=kinds_and_files)
def test_reading_any_file_gives_an_entry_or_problems_with_lines(kind_and_data):
    kind, data = kind_and_data
    source = SourceFile(kind, "fuzz", "vi", Path("fuzz.vi.md"), "content/x/fuzz.vi.md")
    entry, problems = read_bytes(source, data)
    assert entry is not None or problems
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for problem in problems:
        assert problem.location.path == "content/x/fuzz.vi.md"
        assert 1 <= problem.location.line <= lines, problem
        assert problem.message and "\n" not in problem.message and "\r" not in problem.message, problem


# --- whole builds: fewer examples ------------------------------------------------------------

PROBLEM_LINE = re.compile(r"^\S.*:\d+: \S")


@pytest.fixture(scope="module")
def fuzz_site():
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(TINY, content)
        yield content


def _build(content: Path, capsys) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        code = main([str(a) for a in build_args(content, Path(folder) / "public", "--no-search", "--clean")])
    return code, capsys.readouterr().err


FOLDER_OF = {"article": "articles", "partner": "partners", "event": "events", "agreement": "agreements", "page": "pages"}


@fuzz_settings(BUILD_EXAMPLES)
@given(kind_and_data=kinds_and_files, lang=st.sampled_from(["vi", "en"]))
def test_any_content_file_builds_or_is_reported_with_path_and_line(fuzz_site, capsys, kind_and_data, lang):
    kind, data = kind_and_data
    path = fuzz_site / FOLDER_OF[kind] / f"fuzz.{lang}.md"
    path.write_bytes(data)
    try:
        code, err = _build(fuzz_site, capsys)
    finally:
        path.unlink()
    assert code in (0, 1)
    event("built" if code == 0 else "refused")  # --hypothesis-show-statistics shows the split
    if code == 1:
        *problems, summary = err.splitlines()
        assert summary.startswith("build failed: "), err
        assert problems and all(PROBLEM_LINE.match(line) for line in problems), err


file_names = st.text(st.one_of(characters, st.sampled_from(".-_ ")), min_size=1, max_size=40).filter(
    lambda name: "/" not in name and "\x00" not in name and name not in (".", "..") and len(name.encode("utf-8")) < 200
)


@fuzz_settings(NAME_EXAMPLES)
@given(name=file_names, suffix=st.sampled_from(["", ".md", ".vi.md", ".en.md", ".fr.md"]))
def test_any_file_name_builds_or_is_reported(fuzz_site, capsys, name, suffix):
    path = fuzz_site / "articles" / (name + suffix)
    path.write_text("---\ntitle: Tin\ndate: 2025-01-01\n---\n", encoding="utf-8")
    try:
        code, err = _build(fuzz_site, capsys)
    finally:
        path.unlink()
    assert code in (0, 1)
    if code == 1:
        *problems, summary = err.splitlines()
        assert summary.startswith("build failed: "), err
        assert problems and all(line.startswith(f"{fuzz_site.as_posix()}/articles/") for line in problems), err
