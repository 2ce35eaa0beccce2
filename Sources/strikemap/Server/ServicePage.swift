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
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #f6f6f4; }
  header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
  h1 { font-size: 18px; margin: 0; }
  form { display: flex; flex-wrap: wrap; gap: 10px 18px; padding: 12px 20px; align-items: end; }
  label { display: flex; flex-direction: column; font-size: 12px; color: #555; gap: 3px; }
  select, input { font: inherit; padding: 3px 6px; }
  main { padding: 0 20px 20px; }
  #map { max-width: 100%; height: auto; background: #fff; border: 1px solid #ddd; display: block; }
  #status { color: #555; margin: 8px 0; min-height: 1.4em; }
  #status.error { color: #a40000; }
  textarea { width: 100%; height: 5.5em; font: 12px monospace; }
  button { font: inherit; padding: 4px 10px; }
</style>
</head>
<body>
<header><h1>StrikeMap</h1></header>
<form id="controls">
  <label>Region <select name="region" id="region"></select></label>
  <label>From <input type="date" name="from" id="from"></label>
  <label>To <input type="date" name="to" id="to"></label>
  <label>View <select name="view"><option>auto</option><option>markers</option><option>cluster</option><option>hexbin</option><option>grid</option><option>heatmap</option></select></label>
  <label>Theme <select name="theme"><option>light</option><option>dark</option><option>print</option><option>mono</option></select></label>
  <label>Labels <select name="labels"><option value="en">English</option><option value="ar">Arabic</option><option value="en+ar">English + Arabic</option><option value="fa">Persian</option><option value="ckb">Sorani</option><option value="tr">Turkish</option></select></label>
</form>
<main>
  <img id="map" alt="" width="1600" height="1200">
  <div id="status"></div>
  <p><button type="button" id="copy-html">Copy embed (HTML)</button> <button type="button" id="copy-md">Copy embed (Markdown)</button></p>
  <textarea id="embed" readonly></textarea>
</main>
<script>
const form = document.getElementById('controls'), img = document.getElementById('map');
const status = document.getElementById('status'), embed = document.getElementById('embed');
function query(extra) {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) p.append(k, v);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}
async function refresh() {
  const q = query();
  status.className = ''; status.textContent = 'Drawing…';
  const r = await fetch('map.png?' + q);
  if (!r.ok) { const e = await r.json().catch(() => ({ error: r.statusText })); status.className = 'error'; status.textContent = e.error; return; }
  const blob = await r.blob();
  img.src = URL.createObjectURL(blob);
  img.alt = 'Map: ' + (r.headers.get('X-StrikeMap-Events-Drawn') || '?') + ' events';
  status.textContent = (r.headers.get('X-StrikeMap-Events-Drawn') || '?') + ' events drawn of ' + (r.headers.get('X-StrikeMap-Events-Read') || '?') + ' read.';
  const base = location.origin + location.pathname.replace(/\/$/, '') + '/map.png?';
  const one = base + query({ width: 800, height: 600, dpi: 100 }), two = base + query({ width: 1600, height: 1200, dpi: 200 });
  embed.dataset.html = '<img src="' + one + '" srcset="' + one + ' 1x, ' + two + ' 2x" width="800" height="600" alt="' + img.alt.replace(/"/g, '&quot;') + '">';
  embed.dataset.md = '![' + img.alt.replace(/[\[\]]/g, '') + '](' + one + ')';
  embed.value = embed.dataset.html;
}
document.getElementById('copy-html').onclick = () => { embed.value = embed.dataset.html; navigator.clipboard && navigator.clipboard.writeText(embed.value); };
document.getElementById('copy-md').onclick = () => { embed.value = embed.dataset.md; navigator.clipboard && navigator.clipboard.writeText(embed.value); };
form.addEventListener('change', refresh);
fetch('regions').then(r => r.json()).then(list => {
  const sel = document.getElementById('region');
  for (const r of list) { const o = document.createElement('option'); o.value = r.name; o.textContent = r.title; sel.appendChild(o); }
  sel.value = 'iraq-syria';
  refresh();
});
</script>
</body>
</html>
"""#
}
