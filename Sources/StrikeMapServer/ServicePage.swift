/// The preview page at `/`: choose the region, dates, view, theme and labels, see the map
/// redrawn, and copy an embed snippet. Plain HTML, CSS and a little JavaScript, all served from
/// the binary: it makes no request to anywhere but this service.
enum ServicePage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>StrikeMap</title>
<link rel="icon" href="data:,">
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #f6f6f4; }
  header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
  h1 { font-size: 18px; margin: 0; }
  form { display: flex; flex-wrap: wrap; gap: 10px 18px; padding: 12px 20px; align-items: end; }
  label { display: flex; flex-direction: column; font-size: 12px; color: #555; gap: 3px; }
  select, input { font: inherit; padding: 3px 6px; }
  fieldset { border: 0; padding: 0; margin: 0; min-width: 320px; flex: 1 1 420px; }
  legend { font-size: 12px; color: #555; padding: 0; }
  #bars { display: flex; align-items: flex-end; height: 28px; gap: 1px; margin: 4px 0 0; }
  #bars div { flex: 1; background: #b9b4aa; min-height: 1px; }
  #bars div.in { background: #b3432f; }
  .range { position: relative; height: 22px; }
  .range input { position: absolute; left: 0; width: 100%; margin: 0; padding: 0; pointer-events: none; background: none; -webkit-appearance: none; appearance: none; height: 22px; }
  .range input::-webkit-slider-thumb { pointer-events: auto; }
  .range input::-moz-range-thumb { pointer-events: auto; }
  .range input::-webkit-slider-runnable-track { background: transparent; }
  .range::before { content: ""; position: absolute; left: 0; right: 0; top: 10px; height: 2px; background: #ccc; }
  .dates { display: flex; gap: 10px; align-items: center; font-size: 13px; }
  main { padding: 0 20px 20px; }
  #map { max-width: 100%; height: auto; background: #fff; border: 1px solid #ddd; display: block; }
  #status { color: #555; margin: 8px 0 2px; min-height: 1.4em; font-size: 13px; }
  #status.error { color: #a40000; }
  #caption { margin: 4px 0 10px; max-width: 70em; }
  textarea { width: 100%; height: 5.5em; font: 12px monospace; }
  button { font: inherit; padding: 4px 10px; }
</style>
</head>
<body>
<header><h1>StrikeMap</h1></header>
<form id="controls">
  <label>Region <select name="region" id="region"><option value="">Fitted to the data</option></select></label>
  <fieldset id="dates">
    <legend>Dates <span id="span"></span></legend>
    <div id="bars" aria-hidden="true"></div>
    <div class="range">
      <input type="range" id="from-day" min="0" max="0" value="0" aria-label="First day">
      <input type="range" id="to-day" min="0" max="0" value="0" aria-label="Last day">
    </div>
    <div class="dates"><input type="date" name="from" id="from" aria-label="From"> to <input type="date" name="to" id="to" aria-label="To"></div>
  </fieldset>
  <label>View <select name="view"><option>auto</option><option>markers</option><option>cluster</option><option>hexbin</option><option>grid</option><option>heatmap</option></select></label>
  <label>Theme <select name="theme"><option>light</option><option>dark</option><option>print</option><option>mono</option></select></label>
  <label>Labels <select name="labels"><option value="en">English</option><option value="ar">Arabic</option><option value="en+ar">English + Arabic</option><option value="fa">Persian</option><option value="ckb">Sorani</option><option value="tr">Turkish</option></select></label>
</form>
<main>
  <img id="map" alt="" width="1600" height="1200">
  <div id="status" role="status"></div>
  <p id="caption"></p>
  <p><button type="button" id="copy-html">Copy embed (HTML)</button> <button type="button" id="copy-md">Copy embed (Markdown)</button></p>
  <textarea id="embed" readonly aria-label="Embed code"></textarea>
</main>
<script>
const $ = id => document.getElementById(id);
const form = $('controls'), img = $('map'), status = $('status'), embed = $('embed');
const fromDay = $('from-day'), toDay = $('to-day'), fromDate = $('from'), toDate = $('to');
const DAY = 86400000;
let first = null, weeks = [], drawn = 0;

// Days as indices from the data's first date, so the sliders step by whole days.
const iso = i => new Date(first + i * DAY).toISOString().slice(0, 10);
const index = d => Math.round((Date.parse(d) - first) / DAY);

function query(extra) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) p.append(k, v);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

function showSpan() {
  $('span').textContent = fromDate.value && toDate.value ? '(' + fromDate.value + ' to ' + toDate.value + ')' : '';
  const a = +fromDay.value, b = +toDay.value;
  for (const [i, bar] of Array.from($('bars').children).entries()) {
    const w = weeks[i];
    bar.className = index(w.end) >= a && index(w.start) <= b ? 'in' : '';
  }
}

// The sliders and the date fields say the same thing; the sliders never cross.
function fromSliders(moved) {
  let a = +fromDay.value, b = +toDay.value;
  if (a > b) { if (moved === fromDay) b = a; else a = b; fromDay.value = a; toDay.value = b; }
  fromDate.value = iso(a); toDate.value = iso(b);
  showSpan();
}
function fromFields() {
  if (first === null) return;
  if (fromDate.value) fromDay.value = Math.max(0, Math.min(+fromDay.max, index(fromDate.value)));
  if (toDate.value) toDay.value = Math.max(0, Math.min(+toDay.max, index(toDate.value)));
  showSpan();
}

// The slider spans the dates of the events in the region (all dates, whatever is chosen).
async function loadDomain() {
  const p = new URLSearchParams();
  if ($('region').value) p.set('region', $('region').value);
  const r = await fetch('stats.json?' + p);
  if (!r.ok) return;
  const s = await r.json();
  if (!s.first_date) { first = null; $('bars').textContent = ''; $('span').textContent = '(no events)'; return; }
  const keepFrom = fromDate.value, keepTo = toDate.value;
  first = Date.parse(s.first_date);
  const n = index(s.last_date);
  fromDay.max = toDay.max = n;
  // Weekly bars: ISO weeks from the counts, each drawn over its days within the span.
  weeks = [];
  for (let i = 0; i <= n; ) {
    const d = new Date(first + i * DAY), dow = (d.getUTCDay() + 6) % 7, end = Math.min(n, i + 6 - dow);
    weeks.push({ start: iso(i), end: iso(end), count: 0 }); i = end + 1;
  }
  for (const [key, count] of Object.entries(s.by_week || {})) {
    const w = weeks.find(w => weekKey(w.start) === key); if (w) w.count += count;
  }
  const top = Math.max(1, ...weeks.map(w => w.count)), bars = $('bars');
  bars.textContent = '';
  for (const w of weeks) {
    const b = document.createElement('div');
    b.style.height = Math.round(100 * w.count / top) + '%';
    b.title = w.start + ': ' + w.count + ' events';
    bars.appendChild(b);
  }
  fromDay.value = keepFrom ? Math.max(0, Math.min(n, index(keepFrom))) : 0;
  toDay.value = keepTo ? Math.max(0, Math.min(n, index(keepTo))) : n;
  fromSliders();
}

function weekKey(day) {
  const d = new Date(Date.parse(day)), t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 3 - (d.getUTCDay() + 6) % 7));
  const jan4 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t - jan4) / DAY - 3 + (jan4.getUTCDay() + 6) % 7) / 7);
  return t.getUTCFullYear() + '-W' + String(week).padStart(2, '0');
}

let asked = 0;
async function refresh() {
  const q = query(), mine = ++asked;
  history.replaceState(null, '', '?' + q);
  status.className = ''; status.textContent = 'Drawing…';
  const r = await fetch('map.png?' + q);
  if (mine !== asked) return;  // a newer choice is on its way
  if (!r.ok) {
    const e = await r.json().catch(() => ({ error: r.statusText }));
    status.className = 'error'; status.textContent = e.error + (e.parameter ? ' (' + e.parameter + ')' : ''); return;
  }
  const blob = await r.blob();
  const decode = h => { try { return decodeURIComponent(r.headers.get(h) || ''); } catch (_) { return ''; } };
  const caption = decode('X-StrikeMap-Caption');
  img.src = URL.createObjectURL(blob);
  img.alt = caption;
  img.dataset.query = q;
  drawn += 1; img.dataset.drawn = drawn;
  status.textContent = decode('X-StrikeMap-Summary');
  $('caption').textContent = caption;
  const base = location.origin + location.pathname.replace(/\/$/, '') + '/map.png?';
  const one = base + query({ width: 800, height: 600, dpi: 100 }), two = base + query({ width: 1600, height: 1200, dpi: 200 });
  const attr = t => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  embed.dataset.html = '<img src="' + attr(one) + '" srcset="' + attr(one) + ' 1x, ' + attr(two) + ' 2x" width="800" height="600" alt="' + attr(caption) + '">';
  // As `render --embed md` escapes: text from the data is text, never markup in the reader's document.
  const md = t => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`*_\[\]()#!|~]/g, c => '\\' + c).replace(/[\r\n]+/g, ' ');
  embed.dataset.md = '![' + md(caption) + '](' + one.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29') + ')';
  embed.value = embed.dataset.html;
}

$('copy-html').onclick = () => { embed.value = embed.dataset.html; navigator.clipboard && navigator.clipboard.writeText(embed.value); };
$('copy-md').onclick = () => { embed.value = embed.dataset.md; navigator.clipboard && navigator.clipboard.writeText(embed.value); };
for (const s of [fromDay, toDay]) {
  s.addEventListener('input', () => fromSliders(s));
  s.addEventListener('change', refresh);
}
form.addEventListener('change', async e => {
  if (e.target === fromDay || e.target === toDay) return;
  if (e.target === fromDate || e.target === toDate) fromFields();
  if (e.target.id === 'region') await loadDomain();
  refresh();
});

// The page's own address keeps the choices, so a link brings back the same map.
fetch('regions').then(r => r.json()).then(async list => {
  const sel = $('region');
  for (const r of list) { const o = document.createElement('option'); o.value = r.name; o.textContent = r.title; sel.appendChild(o); }
  const given = new URLSearchParams(location.search);
  for (const [k, v] of given) { const el = form.elements[k]; if (el) el.value = v; }
  await loadDomain();
  if (given.get('from')) fromDate.value = given.get('from');
  if (given.get('to')) toDate.value = given.get('to');
  fromFields();
  refresh();
});
</script>
</body>
</html>
"""#
}
