"""Generate a synthetic bilingual archive in vnu-site's content format (and optionally Hugo's).

    python bench/generate.py --pairs N --out DIR [--seed S] [--hugo DIR2] [--images]

--images gives every article a cover: a generated photo-like JPEG (1800 x 1200, with a
camera's EXIF and a GPS position) in `articles/<key>/photo.jpg`, different for each article.

Deterministic: every random choice comes from random.Random instances seeded from --seed,
nothing reads the clock, and nothing iterates a set (string hashing is randomised per run).
Partners, events and agreements use their own seeded generators, so they are the same for
every --pairs value; only the articles depend on N.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import vocab

LANGS = ("vi", "en")
SECTIONS = ("articles", "partners", "events", "agreements")
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2024, 12, 31)
PUBLISHER = "vnu"
PUBLISHER_NAMES = {
    "vi": ("Đại học Quốc gia Hà Nội", "ĐHQGHN"),
    "en": ("Vietnam National University, Hanoi", "VNU"),
}
COUNTS = {"university": 150, "alliance": 12, "network": 12, "agency": 25}
N_EVENTS, N_AGREEMENTS = 50, 100
TARGET_WORDS = 500
HUGO_LAYOUTS = Path(__file__).with_name("hugo_layouts")

SECTION_NAMES = {
    "vi": {
        "news": "tin-tuc",
        "partners": "doi-tac",
        "events": "su-kien",
        "agreements": "thoa-thuan",
        "tags": "chu-de",
        "archive": "luu-tru",
    },
    "en": {"news": "news", "partners": "partners", "events": "events", "agreements": "agreements", "tags": "tags", "archive": "archive"},
}
SECTION_TITLES = {
    "vi": {
        "articles": "Tin tức",
        "partners": "Đối tác",
        "events": "Sự kiện",
        "agreements": "Thỏa thuận",
        "tags": "Chủ đề",
        "archive": "Lưu trữ",
    },
    "en": {
        "articles": "News",
        "partners": "Partners",
        "events": "Events",
        "agreements": "Agreements",
        "tags": "Tags",
        "archive": "Archive",
    },
}
SITE_TITLE = {"vi": "Hợp tác quốc tế ĐHQGHN", "en": "VNU International Cooperation"}
SITE_DESCRIPTION = {
    "vi": "Tin tức hợp tác quốc tế của Đại học Quốc gia Hà Nội",
    "en": "International cooperation news from Vietnam National University, Hanoi",
}


# ---------------------------------------------------------------- model


class Month:
    """A month-only date (`YYYY-MM`); sorts with the first day of its month."""

    def __init__(self, day: date):
        self.first = day.replace(day=1)

    def __str__(self) -> str:
        return f"{self.first:%Y-%m}"


@dataclass
class Item:
    section: str
    key: str
    facts: dict  # language-neutral: written once, in the vi file
    text: dict  # lang -> per-language fields, title first
    body: dict = field(default_factory=dict)  # lang -> Markdown

    def title(self, lang: str) -> str:
        return self.text[lang]["title"]

    def short(self, lang: str) -> str:
        return self.text[lang].get("short_name") or self.title(lang)


@dataclass
class Archive:
    partners: list
    events: list
    agreements: list
    articles: list

    def items(self):
        yield from self.articles
        yield from self.partners
        yield from self.events
        yield from self.agreements


# ---------------------------------------------------------------- helpers


def slugify(text: str) -> str:
    """Title -> URL segment the way the doc describes (`Đại học Thanh Hoa` -> `dai-hoc-thanh-hoa`)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case a label for use inside a sentence, but leave acronyms (`ASEAN`) alone."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def topic(tag: str, lang: str) -> str:
    return lower_first(vocab.TAGS[tag][LANGS.index(lang)])


def random_day(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def later(day: date, days: int) -> date:
    return min(day + timedelta(days=days), LAST_DAY)


class Titles:
    """Claims (vi, en) title pairs so that no two items of a kind share a slug in a language."""

    def __init__(self):
        self.used = {lang: set() for lang in LANGS}

    def free(self, pair) -> bool:
        return all(slugify(t) not in self.used[lang] for lang, t in zip(LANGS, pair, strict=True))

    def claim(self, rng: random.Random, make) -> tuple:
        """Draw titles from make(rng) until one is free; number them if draws keep colliding."""
        for _ in range(30):
            pair = make(rng)
            if self.free(pair):
                break
        n = 2
        while not self.free(pair):
            pair = tuple(f"{t} ({n})" for t in pair)
            n += 1
        for lang, t in zip(LANGS, pair, strict=True):
            self.used[lang].add(slugify(t))
        return pair


def unique_key(base: str, used: dict) -> str:
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used[key] = True
    return key


# ---------------------------------------------------------------- text


def partner_link(p: Item, lang: str) -> str:
    return f"[{p.short(lang)}](partner:{p.key})"


def sentence(rng: random.Random, ctx: dict) -> tuple:
    """One parallel (vi, en) sentence, sometimes naming a partner or the story's topic."""
    opener = rng.choice(vocab.OPENERS)
    if ctx["partners"] and rng.random() < 0.2:
        p = rng.choice(ctx["partners"])
        subject = (partner_link(p, "vi"), partner_link(p, "en"))
    else:
        subject = rng.choice(vocab.SUBJECTS)
    verb = rng.choice(vocab.VERBS)
    if rng.random() < 0.3:
        t = ctx["topic"]
        obj = (f"hợp tác về {topic(t, 'vi')}", f"cooperation in {topic(t, 'en')}")
    else:
        obj = rng.choice(vocab.OBJECTS)
    comp = rng.choice(vocab.COMPLEMENTS)
    return tuple(cap(f"{opener[i]}{subject[i]} {verb[i]} {obj[i]} {comp[i]}.".strip()) for i in range(2))


def paragraph(rng: random.Random, ctx: dict, n: int) -> tuple:
    sentences = [sentence(rng, ctx) for _ in range(n)]
    return tuple(" ".join(s[i] for s in sentences) for i in range(2))


def bullets(rng: random.Random, ctx: dict) -> tuple:
    items = rng.sample(vocab.OBJECTS, rng.randint(3, 5))
    comps = [rng.choice(vocab.COMPLEMENTS) for _ in items]
    return tuple("\n".join(f"- {cap(o[i])} {c[i]}" for o, c in zip(items, comps, strict=True)) for i in range(2))


def web_link(p: Item) -> tuple:
    url = p.facts.get("website", f"https://www.{p.key}.example/")
    return (
        f"Thông tin chi tiết xem tại [trang thông tin của {p.short('vi')}]({url}).",
        f"Details are available on [the {p.short('en')} website]({url}).",
    )


def words(text: str) -> int:
    return len(text.split())


def article_body(rng: random.Random, ctx: dict) -> dict:
    """About TARGET_WORDS English words: intro, three ## sections (one with a list), a link."""
    blocks = [paragraph(rng, ctx, 3)]
    headings = rng.sample(vocab.HEADINGS, 3)
    list_at = rng.randrange(3)
    for i, heading in enumerate(headings):
        blocks.append(tuple(f"## {h}" for h in heading))
        blocks.append(paragraph(rng, ctx, rng.randint(3, 4)))
        if i == list_at:
            blocks.append(bullets(rng, ctx))
        blocks.append(paragraph(rng, ctx, rng.randint(2, 4)))
    while sum(words(b[1]) for b in blocks) < TARGET_WORDS - 40:
        blocks.append(paragraph(rng, ctx, 3))
    if ctx["partners"]:
        blocks.append(web_link(rng.choice(ctx["partners"])))
    return {lang: "\n\n".join(b[i] for b in blocks) + "\n" for i, lang in enumerate(LANGS)}


def short_body(rng: random.Random, ctx: dict, paragraphs: int) -> dict:
    blocks = [paragraph(rng, ctx, rng.randint(2, 3)) for _ in range(paragraphs)]
    return {lang: "\n\n".join(b[i] for b in blocks) + "\n" for i, lang in enumerate(LANGS)}


def author(rng: random.Random) -> dict:
    vi = " ".join(rng.choice(pool) for pool in (vocab.SURNAMES, vocab.MIDDLE_NAMES, vocab.GIVEN_NAMES))
    return {"vi": vi, "en": slugify(vi).replace("-", " ").title()}


# ---------------------------------------------------------------- partners


def publisher() -> Item:
    text = {
        lang: {"title": t, "short_name": s, "summary": f"{t}." if lang == "vi" else f"{t}, the publisher of this site."}
        for lang, (t, s) in PUBLISHER_NAMES.items()
    }
    facts = {"kind": "university", "country": "VN", "website": "https://www.vnu.example/"}
    return Item("partners", PUBLISHER, facts, text)


def university_names(rng: random.Random) -> list:
    combos = [(p, pl) for p in vocab.UNIVERSITY_PATTERNS for pl in vocab.PLACES]
    rng.shuffle(combos)
    return [
        ((pat[0].format(v=pl[0]), pat[1].format(e=pl[1])), (pat[2].format(v=pl[0]), pat[3].format(e=pl[1])), pl[2])
        for pat, pl in combos[: COUNTS["university"]]
    ]


def group_names(rng: random.Random, patterns: list, count: int) -> list:
    """Alliance/network names from region x topic; the short name is an acronym."""
    combos = [(p, r, t) for p in patterns for r in vocab.REGIONS for t in vocab.TAGS]
    rng.shuffle(combos)
    names = []
    for pat, (rv, re_), tag in combos[:count]:
        tv, te = vocab.TAGS[tag]
        en = pat[1].format(R=re_, T=te.title())
        vi = pat[0].format(r=rv, t=lower_first(tv))
        acronym = "".join(w[0] for w in re.findall(r"[A-Za-z]+", en) if w[0].isupper())
        names.append(((vi, en), (acronym, acronym), None))
    return names


def agency_names(rng: random.Random) -> list:
    combos = [(p, c) for p in vocab.AGENCY_PATTERNS for c in vocab.COUNTRIES]
    rng.shuffle(combos)
    return [((p[0].format(c=c[0]), p[1].format(c=c[1])), None, c[2]) for p, c in combos[: COUNTS["agency"]]]


def new_partner(rng, kind, names, short, country, keys) -> Item:
    key = unique_key(slugify(names[1]), keys)
    since = rng.randint(2005, 2020)
    text = {
        "vi": {"title": names[0], "summary": f"{names[0]} hợp tác với ĐHQGHN từ năm {since}."},
        "en": {"title": names[1], "summary": f"{names[1]} has worked with VNU since {since}."},
    }
    if short:
        text["vi"]["short_name"], text["en"]["short_name"] = short
    facts = {"kind": kind}
    if country:
        facts["country"] = country
    if rng.random() < 0.9:
        facts["website"] = f"https://www.{key}.example/"
    return Item("partners", key, facts, text)


def add_membership(rng: random.Random, group: Item, universities: list) -> None:
    """Alliance/network facts; some name members (sometimes the publisher), some a join date."""
    facts = group.facts
    facts["initiator"] = rng.choice(universities).key
    if rng.random() < 0.5:
        facts["secretariat"] = rng.choice(universities).key
    start = random_day(rng, date(2008, 1, 1), date(2022, 12, 31))
    if rng.random() < 0.7:
        facts["launched"] = start if rng.random() < 0.6 else Month(start)
    else:
        facts["founded_year"] = start.year
    if rng.random() < 0.7:
        members = rng.sample(universities, rng.randint(4, 12))
        facts["members"] = [m.key for m in members]
        if rng.random() < 0.5:
            facts["members"].append(PUBLISHER)
        count = len(facts["members"]) + rng.randint(0, 20)
        facts["member_count"] = count
        group.text["vi"]["member_count_note"] = f"{count} thành viên vào cuối năm 2024"
        group.text["en"]["member_count_note"] = f"{count} members by the end of 2024"
    if PUBLISHER not in facts.get("members", []) and rng.random() < 0.4:
        joined = later(start, rng.randint(30, 700))
        facts["joined"] = joined if rng.random() < 0.5 else Month(joined)


def make_partners(seed: int) -> list:
    rng = random.Random(f"{seed}-partners")
    keys = {PUBLISHER: True}
    partners = [publisher()]
    universities = [new_partner(rng, "university", n, s, c, keys) for n, s, c in university_names(rng)]
    groups = [
        new_partner(rng, kind, n, s, c, keys)
        for kind, patterns in (("alliance", vocab.ALLIANCE_PATTERNS), ("network", vocab.NETWORK_PATTERNS))
        for n, s, c in group_names(rng, patterns, COUNTS[kind])
    ]
    for g in groups:
        add_membership(rng, g, universities)
    agencies = [new_partner(rng, "agency", n, s, c, keys) for n, s, c in agency_names(rng)]
    partners += universities + groups + agencies
    for p in partners:
        ctx = {"partners": [], "topic": rng.choice(list(vocab.TAGS))}
        p.body = short_body(rng, ctx, rng.randint(1, 2))
    return partners


# ---------------------------------------------------------------- events, agreements

EVENT_TITLES = {
    "visit": ("Đoàn {p} thăm và làm việc tại {u}", "{P} delegation visits {U}"),
    "conference": ("Hội thảo quốc tế về {t} năm {y}", "International Conference on {t} {y}"),
    "forum": ("Diễn đàn {t} {r} năm {y}", "{R} Forum on {t} {y}"),
    "launch": ("Ra mắt chương trình {t} cùng {p}", "Launch of the {t} programme with {P}"),
    "exhibition": ("Triển lãm {t} năm {y}", "{y} Exhibition on {t}"),
    "delegation": ("Đoàn {u} thăm {x} năm {y}", "{U} delegation to {X} {y}"),
    "meeting": ("Phiên họp thường niên với {p} năm {y}", "Annual meeting with {P} {y}"),
    "ceremony": ("Lễ ký kết hợp tác với {p} năm {y}", "Signing ceremony with {P} {y}"),
}


def fill(pattern: tuple, p: Item, tag: str, day: date, place: tuple, region: tuple) -> tuple:
    """Fill a (vi, en) title pattern; lower-case slots are Vietnamese, upper-case English."""
    vi = pattern[0].format(p=p.short("vi"), u=PUBLISHER_NAMES["vi"][1], t=topic(tag, "vi"), y=day.year, x=place[0], r=region[0])
    en = pattern[1].format(P=p.short("en"), U=PUBLISHER_NAMES["en"][1], t=topic(tag, "en"), y=day.year, X=place[1], R=region[1])
    return cap(vi), cap(en)


def new_event(rng: random.Random, i: int, partners: list, titles: Titles) -> Item:
    kind = rng.choice(list(EVENT_TITLES))
    start = random_day(rng, FIRST_DAY, LAST_DAY - timedelta(days=5))
    involved = rng.sample(partners[1:], rng.randint(1, 3))
    place = rng.choice(vocab.PLACES)

    def make(r):
        return fill(EVENT_TITLES[kind], r.choice(involved), r.choice(list(vocab.TAGS)), start, place, r.choice(vocab.REGIONS))

    vi, en = titles.claim(rng, make)
    facts = {"start": start, "kind": kind, "partners": [p.key for p in involved]}
    if rng.random() < 0.3:
        facts["end"] = later(start, rng.randint(1, 3))
    text = {"vi": {"title": vi, "location": place[0]}, "en": {"title": en, "location": place[1]}}
    item = Item("events", f"{kind}-{start.year}-{i:02d}", facts, text)
    item.body = short_body(rng, {"partners": involved, "topic": rng.choice(list(vocab.TAGS))}, 2)
    return item


AGREEMENT_TITLES = {
    "mou": ("Biên bản ghi nhớ giữa {u} và {p} năm {y}", "MoU between {U} and {P} {y}"),
    "exchange": ("Thỏa thuận trao đổi sinh viên với {p} năm {y}", "Student exchange agreement with {P} {y}"),
    "cooperation": ("Thỏa thuận hợp tác về {t} với {p} năm {y}", "Agreement on {t} cooperation with {P} {y}"),
    "agreement": ("Thỏa thuận khung với {p} năm {y}", "Framework agreement with {P} {y}"),
}


def new_agreement(rng, partners, events, titles: Titles, keys: dict) -> Item:
    kind = rng.choice(list(AGREEMENT_TITLES))
    event = rng.choice(events) if rng.random() < 0.25 else None
    signed = event.facts["start"] if event else random_day(rng)
    pool = [p for p in partners if p.key in event.facts["partners"]] if event else partners[1:]
    main = rng.choice(pool)
    parties = [PUBLISHER, main.key]
    if rng.random() < 0.15:
        parties.append(rng.choice([p for p in partners[1:] if p.key != main.key]).key)
    tag = rng.choice(list(vocab.TAGS))
    vi, en = titles.claim(rng, lambda r: fill(AGREEMENT_TITLES[kind], main, tag, signed, ("", ""), ("", "")))
    facts = {"signed": signed, "kind": kind, "parties": parties}
    if event:
        facts["event"] = event.key
    if rng.random() < 0.05:
        facts["count"] = rng.randint(2, 6)
    key = unique_key(f"{kind}-{PUBLISHER}-{main.key}-{signed.year}", keys)
    item = Item("agreements", key, facts, {"vi": {"title": vi}, "en": {"title": en}})
    item.body = short_body(rng, {"partners": [main], "topic": tag}, 1)
    return item


def make_events(seed: int, partners: list) -> list:
    rng, titles = random.Random(f"{seed}-events"), Titles()
    return [new_event(rng, i, partners, titles) for i in range(N_EVENTS)]


def make_agreements(seed: int, partners: list, events: list) -> list:
    rng, titles, keys = random.Random(f"{seed}-agreements"), Titles(), {}
    return [new_agreement(rng, partners, events, titles, keys) for _ in range(N_AGREEMENTS)]


# ---------------------------------------------------------------- articles


def article_links(rng, partners, events, agreements) -> tuple:
    """Pick what a story is about: an agreement, an event, or just some partners."""
    by_key = {p.key: p for p in partners}
    roll, facts = rng.random(), {}
    if roll < 0.15:
        agreement = rng.choice(agreements)
        facts["agreements"] = [agreement.key]
        day = later(agreement.facts["signed"], rng.randint(0, 2))
        involved = [by_key[k] for k in agreement.facts["parties"] if k != PUBLISHER]
    elif roll < 0.30:
        event = rng.choice(events)
        facts["events"] = [event.key]
        day = later(event.facts["start"], rng.randint(0, 2))
        involved = [by_key[k] for k in event.facts["partners"]]
    else:
        day = random_day(rng)
        involved = rng.sample(partners[1:], rng.randint(1, 3))
    return day, involved, facts


def new_article(rng, i, partners, events, agreements, titles: Titles) -> Item:
    day, involved, facts = article_links(rng, partners, events, agreements)
    tags = rng.sample(list(vocab.TAGS), rng.randint(3, 5))
    main_topic = tags[0]
    vi, en = titles.claim(rng, lambda r: fill(r.choice(vocab.HEADLINES), r.choice(involved), main_topic, day, ("", ""), ("", "")))
    month_only = rng.random() < 0.02
    facts = {"date": Month(day) if month_only else day, "partners": [p.key for p in involved], **facts, "tags": tags}
    if rng.random() < 0.01:
        facts["draft"] = True
    byline = author(rng)
    text = {
        lang: {"title": t, "summary": paragraph(rng, {"partners": [], "topic": main_topic}, 1)[LANGS.index(lang)], "author": byline[lang]}
        for lang, t in zip(LANGS, (vi, en), strict=True)
    }
    if not month_only and rng.random() < 0.5:
        add_source(rng, text, day, f"news-{i:05d}")
    item = Item("articles", f"news-{i:05d}", facts, text)
    item.body = article_body(rng, {"partners": involved, "topic": main_topic})
    return item


def add_source(rng: random.Random, text: dict, day: date, key: str) -> None:
    name_vi, name_en, url = rng.choice(vocab.SOURCES)
    text["vi"]["source"] = {"name": name_vi, "date": day, "url": f"{url}vi/{key}"}
    text["en"]["source"] = {"name": name_en, "date": day, "url": f"{url}en/{key}"}


def make_articles(seed: int, pairs: int, partners, events, agreements) -> list:
    rng, titles = random.Random(f"{seed}-articles"), Titles()
    return [new_article(rng, i, partners, events, agreements, titles) for i in range(pairs)]


def build_archive(pairs: int, seed: int = 1, images: bool = False) -> Archive:
    partners = make_partners(seed)
    events = make_events(seed, partners)
    agreements = make_agreements(seed, partners, events)
    articles = make_articles(seed, pairs, partners, events, agreements)
    if images:
        for article in articles:
            article.facts["cover"] = PHOTO
            article.text["vi"]["cover_alt"] = f"Ảnh minh hoạ: {article.text['vi']['title']}"
            article.text["en"]["cover_alt"] = f"Illustration: {article.text['en']['title']}"
    return Archive(partners, events, agreements, articles)


# ---------------------------------------------------------------- photos (--images)

PHOTO = "photo.jpg"
PHOTO_SIZE = (1800, 1200)


def photo_bases(seed: int) -> list:
    """A few photo-like backgrounds (gradients with a grain), made once."""
    from PIL import Image, ImageChops, ImageFilter

    rng = random.Random(f"{seed}-photos")
    across = Image.linear_gradient("L").resize(PHOTO_SIZE)
    round_ = Image.radial_gradient("L").resize(PHOTO_SIZE)
    bases = []
    for _ in range(8):
        # Blotches and a grain, from rng (the same every run): noise images made larger.
        layers = [Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).resize(PHOTO_SIZE) for size in ((150, 100), (900, 600))]
        grain = ImageChops.add(*layers).filter(ImageFilter.GaussianBlur(1.2)).point(lambda v: v // 3)
        channels = [ImageChops.add(across.point(_scaled(rng.randint(60, 200))), grain, scale=1.6, offset=-40) for _ in range(3)]
        bases.append(Image.blend(Image.merge("RGB", channels), Image.merge("RGB", [round_, across, round_]), 0.3))
    return bases


def _scaled(k: int):
    return lambda v: v * k // 255


def photo_bytes(bases: list, rng: random.Random, index: int) -> bytes:
    """One article's photo: a background with shapes of its own, as a camera's JPEG."""
    import io

    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    image = bases[index % len(bases)].copy()
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y, size = rng.randrange(width), rng.randrange(height), rng.randint(40, 400)
        draw.ellipse((x, y, x + size, y + size * 2 // 3), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0132] = "Bench camera", "Model 1", f"2024:01:{index % 28 + 1:02d} 10:00:00"
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, float(index % 60)), 3: "E", 4: (105.0, 47.0, 0.0)}  # GPS: never published
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def write_photos(archive: Archive, out: Path, seed: int) -> int:
    """articles/<key>/photo.jpg for each article that names one."""
    bases = photo_bases(seed)
    rng = random.Random(f"{seed}-photo-shapes")
    written = 0
    for index, article in enumerate(archive.articles):
        if article.facts.get("cover") == PHOTO:
            folder = out / article.section / article.key
            folder.mkdir(parents=True, exist_ok=True)
            (folder / PHOTO).write_bytes(photo_bytes(bases, rng, index))
            written += 1
    return written


# ---------------------------------------------------------------- YAML writing

PLAIN = re.compile(r"[a-z][a-z0-9-]*")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_value(value) -> str:
    """A small YAML emitter for the value types the archive uses (always valid, stable)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value)
    if isinstance(value, Month):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if PLAIN.fullmatch(value) and value not in YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def front_matter(fields: dict) -> str:
    lines = [f"{k}: {yaml_value(v)}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- our format


def item_fields(item: Item, lang: str) -> dict:
    """Title first, then (vi only) the neutral facts, then the rest of the text."""
    text = dict(item.text[lang])
    fields = {"title": text.pop("title")}
    if lang == "vi":
        fields.update(item.facts)
    fields.update(text)
    return fields


def site_yaml() -> str:
    lines = [
        "base_url: https://example.org/",
        "default_language: vi",
        "languages: [vi, en]",
        f"publisher: {PUBLISHER}",
        "per_page: 10",
        f"title: {yaml_value(SITE_TITLE)}",
        f"description: {yaml_value(SITE_DESCRIPTION)}",
        "sections:",
        *(f"  {lang}: {yaml_value(SECTION_NAMES[lang])}" for lang in LANGS),
    ]
    return "\n".join(lines) + "\n"


def tags_yaml() -> str:
    return "".join(f"{k}: {yaml_value(dict(vi=vi, en=en))}\n" for k, (vi, en) in vocab.TAGS.items())


def write_archive(archive: Archive, out: Path) -> int:
    write(out / "site.yaml", site_yaml())
    write(out / "tags.yaml", tags_yaml())
    files = 2
    for item in archive.items():
        for lang in LANGS:
            text = front_matter(item_fields(item, lang)) + item.body[lang]
            write(out / item.section / f"{item.key}.{lang}.md", text)
            files += 1
    return files


# ---------------------------------------------------------------- Hugo format

PARTNER_LINK = re.compile(r"\]\(partner:([a-z0-9-]+)\)")


def hugo_date(value):
    return value.first if isinstance(value, Month) else value


def hugo_body(markdown: str) -> str:
    """`partner:KEY` -> relative link to the partner's term page (pages sit two levels deep)."""
    return PARTNER_LINK.sub(r"](../../partners/\1/)", markdown)


def hugo_page_fields(item: Item, lang: str) -> dict:
    """Hugo has no shared facts: every file carries them, with date/partners renamed.

    `archive: [year]` makes Hugo's year pages a taxonomy, like our archive/<year>/ pages.
    """
    f = dict(item.facts)
    text = dict(item.text[lang])
    out = {"title": text.pop("title"), "slug": slugify(item.title(lang))}
    out["date"] = hugo_date(f.pop("date", None) or f.pop("start", None) or f.pop("signed"))
    out["archive"] = [str(out["date"].year)]
    if "parties" in f:
        f["partners"] = f.pop("parties")
    if "end" in f:
        f["end"] = hugo_date(f["end"])
    out.update(f)
    out.update(text)
    return out


def hugo_term_fields(item: Item, lang: str) -> dict:
    f = {k: hugo_date(v) if isinstance(v, Month) else v for k, v in item.facts.items()}
    return {**item.text[lang], **f}


def hugo_toml() -> str:
    langs = "".join(
        f'\n[languages.{lang}]\nweight = {i + 1}\nlocale = "{lang}"\n'
        f'label = "{name}"\ntitle = {json.dumps(SITE_TITLE[lang], ensure_ascii=False)}\n'
        for i, (lang, name) in enumerate((("vi", "Tiếng Việt"), ("en", "English")))
    )
    return (
        'baseURL = "https://example.org/"\n'
        'defaultContentLanguage = "vi"\n'
        "defaultContentLanguageInSubdir = true\n"
        'disableKinds = ["rss", "sitemap", "robotstxt"]\n'
        f'\n[params]\npublisher = "{PUBLISHER}"\n'
        "\n[pagination]\npagerSize = 10\n"
        '\n[taxonomies]\ntag = "tags"\npartner = "partners"\nyear = "archive"\n'
        # HTML only, like vnu-site (no feeds, no sitemap).
        '\n[outputs]\nhome = ["html"]\nsection = ["html"]\ntaxonomy = ["html"]\n'
        'term = ["html"]\npage = ["html"]\n'
        # Related articles by shared partners, as on our article pages (not tags: with 30 tags
        # nearly every article shares one, and Hugo's related search turns quadratic).
        "\n[related]\nincludeNewer = true\nthreshold = 1\ntoLower = false\n"
        '[[related.indices]]\nname = "partners"\nweight = 100\n' + langs
    )


def write_hugo_lists(out: Path) -> int:
    files = 0
    for lang in LANGS:
        for section, title in SECTION_TITLES[lang].items():
            write(out / "content" / section / f"_index.{lang}.md", front_matter({"title": title}))
            files += 1
        for key, labels in vocab.TAGS.items():
            write(out / "content" / "tags" / key / f"_index.{lang}.md", front_matter({"title": labels[LANGS.index(lang)]}))
            files += 1
    return files


def write_hugo(archive: Archive, out: Path) -> int:
    """The same archive as a Hugo site; partners are taxonomy terms with their own content."""
    write(out / "hugo.toml", hugo_toml())
    shutil.copytree(HUGO_LAYOUTS, out / "layouts", dirs_exist_ok=True)
    files = write_hugo_lists(out)
    for item in archive.items():
        for lang in LANGS:
            if item.section == "partners":
                path = out / "content" / "partners" / item.key / f"_index.{lang}.md"
                fields = hugo_term_fields(item, lang)
            else:
                path = out / "content" / item.section / f"{item.key}.{lang}.md"
                fields = hugo_page_fields(item, lang)
            write(path, front_matter(fields) + hugo_body(item.body[lang]))
            files += 1
    return files


# ---------------------------------------------------------------- CLI


def generate(pairs: int, out: Path, seed: int = 1, hugo: Path | None = None, images: bool = False) -> dict:
    """Write the archive (and its Hugo copy); returns counts for the caller to report."""
    archive = build_archive(pairs, seed, images)
    counts = {"files": write_archive(archive, out)}
    if images:
        counts["photos"] = write_photos(archive, out, seed)
    if hugo:
        counts["hugo_files"] = write_hugo(archive, hugo)
    counts.update({s: len(getattr(archive, s)) for s in SECTIONS})
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, required=True, help="number of article pairs")
    ap.add_argument("--out", type=Path, required=True, help="content folder to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", type=Path, help="also write the archive as a Hugo site here")
    ap.add_argument("--images", action="store_true", help="a generated photo (JPEG with EXIF) as every article's cover")
    args = ap.parse_args(argv)
    for d in filter(None, (args.out, args.hugo)):
        if d.exists() and any(d.iterdir()):
            sys.exit(f"generate.py: {d} is not empty; refusing to mix archives")
    started = time.perf_counter()  # reporting only; never feeds the content
    counts = generate(args.pairs, args.out, args.seed, args.hugo, args.images)
    print(f"{counts} in {time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
