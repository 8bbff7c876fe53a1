// The search page: Pagefind's JavaScript API over the index of this page's language (one
// index per <html lang>). A result shows its title, kind, date and summary, never Pagefind's
// excerpt, which could quote the hidden đ->d copy that lets "dai hoc" find "Đại học".
// The query and filters live in the address (?q=&kind=&partner=), so a search can be shared.
const form = document.getElementById("search-form");
const { q: input, kind, partner } = form.elements;
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const text = form.dataset;
const PAGE = 20; // results are loaded (one small fragment each) twenty at a time
let pagefind = null;
let latest = 0;
let timer = 0;
let pending = []; // results of the current search not shown yet

function choose(select, value) {
  select.value = [...select.options].some((option) => option.value === value) ? value : "";
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  choose(kind, params.get("kind") || "");
  choose(partner, params.get("partner") || "");
}

function writeAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (kind.value) params.set("kind", kind.value);
  if (partner.value) params.set("partner", partner.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.label, data.meta.date].filter(Boolean).join(" · ");
  item.append(heading, meta);
  if (data.meta.summary) {
    const summary = document.createElement("p");
    summary.textContent = data.meta.summary;
    item.append(summary);
  }
  return item;
}

// The index is in shards (outputs/search.py): the bundle at text.bundle has Pagefind's code and
// a little of every language; shards.json names, for this page's language, the other shards
// Pagefind merges into one search, and the index of their words. A language missing from it
// has no page in the index: nothing is found (rather than pages in another language, which
// is what Pagefind would answer).
const NO_INDEX = { search: async () => ({ results: [] }) };
let shards = []; // the names of this language's shards in the vnu_shard filter; none when one index

async function load() {
  if (!pagefind) {
    const [module, listing] = await Promise.all([
      import(`${text.bundle}pagefind.js`),
      fetch(`${text.bundle}shards.json`, { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`shards.json: ${response.status}`);
        return response.json();
      }),
    ]);
    const mine = listing.languages[document.documentElement.lang.toLowerCase()];
    if (!mine) {
      pagefind = NO_INDEX;
      return pagefind;
    }
    const options = { baseUrl: text.base };
    if (mine.merge.length) {
      // Each shard's pages carry its name (a filter Pagefind adds as it merges), so a search
      // can keep to some shards; the words' index has none (it is never a result).
      await module.options({ ...options, mergeFilter: { vnu_shard: "main" } });
      const merged = mine.merge.map((folder) =>
        module.mergeIndex(`${text.bundle}${folder}`, { ...options, mergeFilter: { vnu_shard: folder } }),
      );
      if (mine.words) merged.push(module.mergeIndex(`${text.bundle}${mine.words}`, options));
      await Promise.all(merged);
      shards = ["main", ...mine.merge];
    } else {
      await module.options(options);
    }
    pagefind = module;
  }
  return pagefind;
}

// Pagefind matches each word of a query with the words of its index that start with it; an
// index without any takes the longest word the query word starts with, or leaves the word
// out. Each shard is an index of its own, so one without a word other shards have would
// answer with pages that have only the other words ("Cambridge" would find "cam"). The words'
// index (outputs/search_words.py) has a record of each shard's words: searching a word there
// names the shards that answer it as one index would, and the search keeps to those. A quoted
// search needs no such care: a shard without one of its words finds nothing.
async function search(engine, query, filters) {
  if (!shards.length) return (await engine.search(query || null, { filters })).results;
  let allowed = shards;
  const words = [...new Set(query.split(/\s+/).filter(Boolean))];
  if (words.length && !/^\s*".+"\s*$/.test(query)) {
    const asked = await Promise.all(words.map((word) => engine.search(word, { filters: { vnu_lexicon: { any: shards } } })));
    for (const answer of asked) {
      const counts = answer.filters.vnu_lexicon || {};
      const having = shards.filter((name) => counts[name] > 0);
      if (having.length) allowed = allowed.filter((name) => having.includes(name)); // none: the word is left out
    }
  }
  if (!allowed.length) return [];
  const found = await engine.search(query || null, { filters: { ...filters, vnu_shard: { any: allowed } } });
  return found.results;
}

// Shows the next PAGE results; false if a newer search started meanwhile.
async function showMore(mine) {
  const batch = pending.splice(0, PAGE);
  const results = await Promise.all(batch.map((result) => result.data()));
  if (mine !== latest) return false;
  const items = results.map(resultItem);
  list.append(...items);
  more.hidden = pending.length === 0;
  return items;
}

async function run() {
  const mine = ++latest;
  const query = input.value.trim();
  writeAddress(query);
  const filters = {};
  if (kind.value) filters.kind = kind.value;
  if (partner.value) filters.partner = partner.value;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  let engine;
  try {
    engine = await load();
  } catch {
    status.textContent = text.unavailable;
    return;
  }
  const results = await search(engine, query, filters);
  if (mine !== latest) return; // a newer search has started meanwhile
  list.replaceChildren();
  pending = [...results];
  if (!(await showMore(mine))) return;
  const count = results.length;
  status.textContent = count === 0 ? text.none : (count === 1 ? text.countOne : text.countOther).replace("{n}", count);
  form.dataset.done = String(mine);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer); // the search typed so far runs now, not once more 250 ms later
  run();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
more.addEventListener("click", async () => {
  const items = await showMore(latest);
  if (items && items.length) items[0].querySelector("a").focus(); // keyboard users continue from the new results
});
kind.addEventListener("change", run);
partner.addEventListener("change", run);
readAddress();
run();
