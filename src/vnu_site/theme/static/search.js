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

async function load() {
  if (!pagefind) {
    const module = await import(`${text.bundle}pagefind.js`);
    await module.options({ baseUrl: text.base });
    pagefind = module;
  }
  return pagefind;
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
  const found = await engine.search(query || null, { filters });
  if (mine !== latest) return; // a newer search has started meanwhile
  list.replaceChildren();
  pending = [...found.results];
  if (!(await showMore(mine))) return;
  const count = found.results.length;
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
