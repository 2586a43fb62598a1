"""The inline CSS and the few lines of JavaScript of the ``geoclaims show`` pages (no CDN, no fonts)."""
from __future__ import annotations

CSS = """
:root { --ink:#1f2328; --muted:#59636e; --rule:#d8dee4; --paper:#ffffff; --wash:#f6f8fa;
  --subject:#cfe3ff; --subject-b:#2f6fdb; --object:#d3f2dc; --object-b:#1f8f4e;
  --predicate:#ffe2b8; --predicate-b:#c46a00; --motive:#eadcff; --motive-b:#7a3fd0;
  --attribution:#d6f1f4; --attribution-b:#17808e; --time:#fbd9ea; --time-b:#b3306f; }
* { box-sizing: border-box; }
body { margin:0; background:var(--wash); color:var(--ink);
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
main { max-width:1060px; margin:0 auto; padding:24px 28px 48px; background:var(--paper);
  min-height:100vh; box-shadow:0 0 0 1px var(--rule); }
header h1 { font-size:24px; line-height:1.25; margin:0 0 6px; }
.meta { color:var(--muted); font-size:13px; margin:0; }
.meta code, td code { font-size:12.5px; }
td code { white-space:nowrap; }
nav.top { font-size:13px; margin-bottom:10px; }
h2 { font-size:17px; margin:26px 0 10px; padding-bottom:4px; border-bottom:1px solid var(--rule); }
.note { background:#fff8c5; border:1px solid #e5d27a; border-radius:6px; padding:8px 12px;
  margin:14px 0; font-size:14px; }
.legend { display:flex; flex-wrap:wrap; gap:8px; margin:14px 0 0; font-size:12.5px; }
.legend .hl { padding:1px 8px; }
table.claims { border-collapse:collapse; width:100%; font-size:13.5px; }
table.claims th { text-align:left; font-weight:600; color:var(--muted); background:var(--wash);
  border-bottom:1px solid var(--rule); padding:6px 8px; white-space:nowrap; }
table.claims td { border-bottom:1px solid var(--rule); padding:6px 8px; vertical-align:top; }
table.claims td.num { text-align:right; font-variant-numeric:tabular-nums; }
table.claims tr.hot td, .claim.hot { background:#fff6d6; }
.type { font-weight:700; letter-spacing:.02em; }
.neg { color:#b42318; font-weight:700; }
.claim { border:1px solid var(--rule); border-radius:8px; padding:10px 14px; margin:10px 0; }
.claim h3 { font-size:15px; margin:0 0 6px; display:flex; gap:10px; align-items:baseline; }
.claim h3 .conf { margin-left:auto; color:var(--muted); font-weight:400; font-size:13px; }
.claim dl { display:grid; grid-template-columns:88px 1fr; gap:2px 10px; margin:0 0 8px; font-size:14px; }
.claim dt { color:var(--muted); }
.claim dd { margin:0; }
.snippet { font-family:Georgia,"Times New Roman",serif; font-size:16px; line-height:2.1;
  background:var(--wash); border-radius:6px; padding:6px 12px; margin:6px 0 0; }
.snippet .where { font-family:system-ui,sans-serif; font-size:12px; color:var(--muted); margin-right:6px; }
.article { font-family:Georgia,"Times New Roman",serif; font-size:17px; line-height:1.95;
  white-space:pre-wrap; overflow-wrap:anywhere; }
.fragment { margin:0 0 12px; }
.fragment .where { display:block; font-family:system-ui,sans-serif; font-size:12px; color:var(--muted);
  line-height:1.4; }
mark.hl { color:inherit; background:transparent; border-radius:4px; padding:2px 3px;
  box-decoration-break:clone; -webkit-box-decoration-break:clone; }
mark.hl.cont { border-top-left-radius:0; border-bottom-left-radius:0; padding-left:0; }
mark.hl-evidence { background:#fff3bf; padding:3px 0; border-radius:0; }
mark.hl-subject { background:var(--subject); box-shadow:inset 0 -2px 0 var(--subject-b); }
mark.hl-object { background:var(--object); box-shadow:inset 0 -2px 0 var(--object-b); }
mark.hl-predicate { background:var(--predicate); box-shadow:inset 0 -2px 0 var(--predicate-b); }
mark.hl-motive { background:var(--motive); box-shadow:inset 0 -2px 0 var(--motive-b); }
mark.hl-attribution { background:var(--attribution); box-shadow:inset 0 -2px 0 var(--attribution-b); }
mark.hl-time { background:var(--time); box-shadow:inset 0 -2px 0 var(--time-b); }
mark.hl.hot { outline:2px solid #e8590c; outline-offset:1px; }
mark.hl:target { outline:3px solid #e8590c; outline-offset:2px; }
.lbl { font:600 10.5px/1 system-ui,sans-serif; text-transform:uppercase; letter-spacing:.03em;
  vertical-align:middle; margin-left:5px; padding:2px 5px; border-radius:3px; color:#fff;
  white-space:nowrap; background:var(--muted); }
.lbl b { font-weight:800; margin-right:2px; }
.hl-subject > .lbl { background:var(--subject-b); }
.hl-object > .lbl { background:var(--object-b); }
.hl-predicate > .lbl { background:var(--predicate-b); }
.hl-motive > .lbl { background:var(--motive-b); }
.hl-attribution > .lbl { background:var(--attribution-b); }
.hl-time > .lbl { background:var(--time-b); }
a { color:#0b5cad; text-decoration:none; }
a:hover { text-decoration:underline; }
a.jump { font-size:12px; }
table.index td.title { max-width:520px; }
.muted { color:var(--muted); }
"""

# Hovering a span, a table row or a claim block outlines everything of the same claim(s).
JS = """
document.addEventListener('mouseover', function (event) {
  var el = event.target.closest('[data-claims]');
  document.querySelectorAll('.hot').forEach(function (n) { n.classList.remove('hot'); });
  if (!el) return;
  el.getAttribute('data-claims').split(' ').forEach(function (n) {
    document.querySelectorAll('[data-claims~="' + n + '"]').forEach(function (m) {
      m.classList.add('hot'); });
  });
});
"""
