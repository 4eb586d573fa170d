#!/usr/bin/env python3
"""End to end: the release bundle in dist/, served on 127.0.0.1, driven in headless Chromium
through chromedriver (plain WebDriver over HTTP; no packages needed).

The bundle is served as a docs site would host it: under a sub-path (/switchboard/, and a
copy under /a/b/c/), with the strict Content-Security-Policy as a header (the same policy as
the <meta> in index.html). Every page load collects `securitypolicyviolation` events (a
listener added before any page script, through the DevTools protocol) and console errors.

Checks: the default scene renders (the tutorial's web Service, 3 nodes, 3 pods + the client),
no CSP violation and no console error, a user with only a keyboard can reach the controls and
step a request to its pod, a preset opened from the URL renders, the embed view, the examples
page (iframes + JS API), the iframe snippet and the JS API snippet of docs/embedding.md in a
host page on another path and on another origin, and postMessage origin checks; then
accessibility: axe-core (npm, installed into the target folder when missing) in the light, dark
and embed views (serious or critical violations fail), and every SVG text's WCAG contrast
against what it is drawn on, in every preset, light and dark (`E2E_ONLY=a11y`: only these).
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import http.server
import json
import os
import shutil
import socket
import socketserver
import subprocess
import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The policy the app ships with (index.html <meta>, Trunk.toml [serve.headers]); kept equal.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'")
BASE = "/switchboard/"


def serve_dir(port, directory, csp_under=("/switchboard/", "/a/b/c/")):
    """A plain static server (python http.server) for `directory`; paths under `csp_under` get the
    strict CSP header, as a docs site would send it for the bundle (the host pages do not)."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=directory, **k)

        def log_message(self, *a):
            pass

        def end_headers(self):
            if any(self.path.startswith(p) for p in csp_under):
                self.send_header("Content-Security-Policy", CSP)
            super().end_headers()

    Handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def site_root():
    """A docs site: the release bundle under /switchboard/ and /a/b/c/, host pages under /docs/."""
    root = tempfile.mkdtemp(prefix="switchboard-e2e-")
    shutil.copytree(DIST, os.path.join(root, "switchboard"))
    shutil.copytree(DIST, os.path.join(root, "a", "b", "c"))
    os.makedirs(os.path.join(root, "docs"))
    return root


def docs_snippets():
    """The iframe line and the JS API block of docs/embedding.md, as a reader would copy them."""
    doc = open(os.path.join(ROOT, "docs", "embedding.md"), encoding="utf-8").read()
    blocks = re.findall(r"```html\n(.*?)```", doc, re.S)
    iframe = next(b for b in blocks if "<iframe" in b and "preset=web-nodeport" in b)
    # the JS API: the page's block (its module in a file of its own, as a strict CSP wants) and
    # that module's block
    page = next(b for b in blocks if 'id="sb"' in b)
    module = next(b for b in re.findall(r"```js\n(.*?)```", doc, re.S) if "Switchboard.mount" in b)
    # the host page's listener that sizes each iframe to its content (switchboard:resize)
    resize = next(b for b in re.findall(r"```js\n(.*?)```", doc, re.S) if "switchboard:resize" in b)
    return iframe, (page, module), resize


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": shutil.which("chromium") or "/usr/bin/chromium",
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--window-size=1400,1000", "--disable-background-networking", "--no-first-run"],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        self.sid = self.call("POST", "/session", caps)["sessionId"]
        # a loaded 2-core machine (CI next to other builds) makes axe on a whole page take longer
        # than WebDriver's default 30 s script timeout
        self.s("POST", "/timeouts", {"script": 180000, "pageLoad": 180000})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=240) as r:
                v = json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            # the driver's own words (error and message), not just "500"
            body = e.read().decode(errors="replace")[:600]
            raise RuntimeError(f"WebDriver {method} {path.split('/')[-1]}: HTTP {e.code}: {body}") from None
        return v["value"] if isinstance(v, dict) and "value" in v else v

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, *args):
        return self.s("POST", "/execute/async", {"script": script, "args": list(args)})

    def get(self, url):
        self.s("POST", "/url", {"url": url})

    def watch_csp(self):
        """Record CSP violations in every document (frames too), before any page script runs."""
        src = ("window.__csp = []; document.addEventListener('securitypolicyviolation', e => "
               "window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber), true);")
        self.s("POST", "/goog/cdp/execute", {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": src}})

    def violations(self, frames=()):
        v = self.js("return window.__csp || ['listener missing']")
        for css in frames:
            v += self.js(f"const f = document.querySelector({json.dumps(css)}); return f && f.contentWindow && f.contentWindow.__csp || []")
        return v

    def keys(self, *ks):
        actions = []
        for k in ks:
            actions += [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "kbd", "actions": actions}]})

    def chord(self, *ks):
        """Press keys together (e.g. Control, Shift, z) and release them in reverse order."""
        actions = [{"type": "keyDown", "value": k} for k in ks] + [{"type": "keyUp", "value": k} for k in reversed(ks)]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "kbd", "actions": actions}]})
        self.s("DELETE", "/actions")

    def logs(self):
        try:
            return self.s("POST", "/se/log", {"type": "browser"})
        except Exception:
            return []

    def wait(self, script, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if self.js(script):
                return True
            time.sleep(0.1)
        return False

    def frame(self, css):
        el = self.s("POST", "/element", {"using": "css selector", "value": css})
        self.s("POST", "/frame", {"id": el})

    def top(self):
        self.s("POST", "/frame/parent", {})

    def quit(self):
        try:
            self.s("DELETE", "")
        except Exception:
            pass


TAB, ENTER, ESC, CTRL, SHIFT, END = "\ue004", "\ue007", "\ue00c", "\ue009", "\ue008", "\ue010"
results = []

# axe-core (npm) measures accessibility; a dev tool of this test, installed into the target
# folder (never in the bundle). Injected through WebDriver's execute_script, which runs outside
# the page's CSP, so the policy stays as strict as shipped.
AXE_VERSION = "4.14.1"


def axe_source():
    folder = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "e2e-node")
    path = os.path.join(folder, "node_modules", "axe-core", "axe.min.js")
    if not os.path.exists(path):
        print(f"installing npm axe-core@{AXE_VERSION} into {folder} (e2e only)", flush=True)
        subprocess.run(["npm", "install", "--silent", "--no-fund", "--no-audit", "--prefix", folder,
                        f"axe-core@{AXE_VERSION}"], check=True)
    return open(path, encoding="utf-8").read()


def run_axe(wd, src, label):
    """axe-core on the whole document (every rule it runs by default, WCAG A/AA and best
    practices); all violations are printed with their targets; serious or critical ones fail."""
    res = wd.js_async(src + """
        ;const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => [n.target.join(' '), n.failureSummary.split('\\n').slice(1).join(' ').trim()]) }))),
          e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));""")
    for v in res:
        print(f"     axe [{label}] {v['impact']}: {v['id']}: {v['help']}", flush=True)
        for target, why in v["nodes"][:12]:
            print(f"         {target} :: {why[:200]}", flush=True)
        if len(v["nodes"]) > 12:
            print(f"         … {len(v['nodes']) - 12} more", flush=True)
    bad = [f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in res if v["impact"] in ("serious", "critical")]
    check(f"axe-core: no serious or critical violation ({label})", not bad, bad)


# For every drawn SVG text: its fill against what is painted under its centre (the rects and
# circles before it in paint order, each with its opacity, over the page background behind the
# SVG). WCAG 2 contrast ratio; 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold).
SVG_CONTRAST_JS = r"""
const svg = document.querySelector('svg.diagram');
if (!svg) return {error: 'no diagram'};
const probe = document.createElement('canvas').getContext('2d');
function rgba(c) {
  if (!c || c === 'none' || c === 'transparent') return null;
  let m = c.match(/^rgba?\(([^)]+)\)/);
  if (m) { const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
  m = c.match(/^color\(srgb ([^)]+)\)/);
  if (m) { const p = m[1].split(/[ \/]+/).filter(Boolean).map(Number); return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
  probe.fillStyle = '#000'; probe.fillStyle = c; const h = probe.fillStyle;   // other syntaxes
  m = h.match(/^#(..)(..)(..)$/);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16), 1] : null;
}
function opacity(el) {
  let o = 1;
  for (let e = el; e && e !== svg.parentNode; e = e.parentNode) {
    const cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility === 'hidden') return 0;
    o *= Number(cs.opacity);
  }
  return o;
}
const over = (top, a, under) => under.map((u, i) => top[i] * a + u * (1 - a));
function lum(c) {
  const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
let page = [255, 255, 255];
for (let e = svg; e; e = e.parentElement) {
  const c = rgba(getComputedStyle(e).backgroundColor);
  if (c && c[3] > 0) { page = c.slice(0, 3); break; }
}
const shapes = [...svg.querySelectorAll('rect, circle')];
const out = [];
let n = 0, min = [Infinity, ''];
for (const t of svg.querySelectorAll('text')) {
  const a = opacity(t);
  if (a === 0 || !t.textContent.trim()) continue;
  const r = t.getBoundingClientRect();
  if (r.width === 0) continue;
  n++;
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  let bg = page.slice();
  for (const s of shapes) {
    if (s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING) break;  // painted above the text
    const b = s.getBoundingClientRect();
    if (x < b.left || x > b.right || y < b.top || y > b.bottom) continue;
    const cs = getComputedStyle(s), f = rgba(cs.fill);
    const sa = f ? f[3] * Number(cs.fillOpacity) * opacity(s) : 0;
    if (sa > 0) bg = over(f.slice(0, 3), sa, bg);
  }
  const cs = getComputedStyle(t), f = rgba(cs.fill);
  if (!f) continue;
  const fg = over(f.slice(0, 3), f[3] * Number(cs.fillOpacity) * a, bg);
  const l1 = lum(fg), l2 = lum(bg);
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  const px = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
  const need = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
  const g = t.closest('[data-kind]');
  const what = `${g ? g.getAttribute('data-kind') + ':' + g.getAttribute('data-name') : '?'} "${t.textContent.slice(0, 40)}" ${ratio.toFixed(2)}`;
  if (ratio / need < min[0]) min = [ratio / need, what];
  if (ratio < need) out.push(`${what} < ${need} (fill ${fg.map(Math.round)} on ${bg.map(Math.round)})`);
}
return {texts: n, low: out, min: min[1]};
"""


def a11y_checks(wd, url):
    """Issue #10 §5: axe-core in the light, dark and embed views; every SVG text's contrast."""
    src = axe_source()
    views = [("light", url + "?theme=light"), ("dark", url + "?theme=dark"),
             ("embed", url + "?embed&preset=web-nodeport&entry=nodeport@node-2&editor=0"),
             ("embed, dark, step 2", url + "?embed&preset=broken-selector-typo&step=2&theme=dark")]
    for label, u in views:
        wd.get(u)
        wd.wait("return document.querySelector(\"svg.diagram [data-kind='service']\") !== null")
        time.sleep(0.3)
        run_axe(wd, src, label)
        if not label.startswith("embed"):
            # after Send 12 (counters, share bars, the packet label) with every panel open
            wd.js("document.getElementById('send-burst').click(); document.querySelectorAll('details').forEach(d => d.open = true);")
            wd.wait("return document.querySelectorAll('.flight [data-kind=packet]').length === 0 && document.querySelector('.hits') !== null", 20)
            run_axe(wd, src, label + ", Send 12, panels open")
    presets = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "presets")) if f.endswith(".yaml"))
    for theme in ("light", "dark"):
        low, texts, lowest = [], 0, None
        for p in presets:
            for step in (0, 2):
                wd.get(url + f"?preset={p}&theme={theme}&step={step}")
                wd.wait("return document.querySelector(\"svg.diagram [data-kind='service']\") !== null")
                time.sleep(0.15)
                r = wd.js(SVG_CONTRAST_JS)
                if "error" in r:
                    low.append(f"{p}: {r['error']}")
                    continue
                texts += r["texts"]
                low += [f"{p}@{step}: {x}" for x in r["low"]]
                if r["min"] and (lowest is None or float(r["min"].rsplit(" ", 1)[1]) < float(lowest.rsplit(" ", 1)[1])):
                    lowest = f"{p}@{step}: {r['min']}"
        for x in low[:30]:
            print(f"     contrast [{theme}] {x}", flush=True)
        print(f"     contrast [{theme}] lowest: {lowest}", flush=True)
        check(f"every SVG text ≥ 4.5:1 (3:1 large) on what it sits on, {theme}, {len(presets)} presets, {texts} texts",
              texts > 0 and not low, f"{len(low)} low")


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def main():
    if not os.path.exists(os.path.join(DIST, "index.html")):
        print("dist/index.html missing: run `trunk build --release` first", file=sys.stderr)
        return 2
    web_port, wd_port, other_port = free_port(), free_port(), free_port()
    root = site_root()
    httpd = serve_dir(web_port, root)
    fixtures = tempfile.mkdtemp(prefix="switchboard-e2e-host-")
    shutil.copy(os.path.join(ROOT, "tests", "fixtures", "host.html"), fixtures)
    other = serve_dir(other_port, fixtures, csp_under=())  # a second origin: a foreign host page
    driver_bin = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    drv = subprocess.Popen([driver_bin, f"--port={wd_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = None
    only = os.environ.get("E2E_ONLY")  # "a11y": just the accessibility checks (while fixing them)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{wd_port}/status", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        wd = WebDriver(wd_port)
        wd.watch_csp()
        url = f"http://127.0.0.1:{web_port}{BASE}"
        if only == "a11y":
            a11y_checks(wd, url)
            raise SystemExit
        wd.get(url)
        rendered = wd.wait("return document.querySelector(\"[data-kind='service'][data-name='web']\") !== null")
        check(f"release bundle under {BASE} renders the default scene", rendered)
        csp_header = urllib.request.urlopen(url).headers.get("Content-Security-Policy")
        meta = wd.js("return document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content")
        check("served with the strict CSP header, and the same policy as <meta>", csp_header == CSP and meta == CSP, (csp_header, meta))
        check("no CSP violation (app)", wd.violations() == [], wd.violations())
        assets = wd.js("return [...document.querySelectorAll('link[href],script[src]')].map(e => e.getAttribute('href') || e.getAttribute('src'))")
        check("asset URLs are relative, no inline script", all(a.startswith("./") for a in assets)
              and wd.js("return [...document.scripts].every(s => s.src)"), assets)
        counts = wd.js("""
            const q = s => document.querySelectorAll(s).length;
            return [q("[data-kind='node']"), q("[data-kind='pod']"), q("[data-kind='pod'].endpoint"), q("[data-kind='dns']")];""")
        check("3 nodes, 3 pods + client, 3 endpoints, cluster DNS", counts == [3, 4, 3, 1], counts)
        check("the loading line is gone once the app runs", wd.js("return document.getElementById('boot') === null"))
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("no console errors", not errors, errors)
        # exports under the policy: SVG (presentation attributes, no style attribute), PNG (blob: image)
        wd.js("window.__png = 0; const o = HTMLCanvasElement.prototype.toBlob; HTMLCanvasElement.prototype.toBlob = function (cb, ...a) { window.__png++; return o.call(this, cb, ...a); };"
              "document.getElementById('export-svg').click(); document.getElementById('export-png').click();")
        png = wd.wait("return window.__png > 0")
        check("SVG and PNG export run under the CSP without a violation", png and wd.violations() == [], wd.violations())

        # keyboard only: Tab from the top reaches the preset picker, the editor, then the player
        wd.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0);")
        seen = []
        for _ in range(40):
            if seen and seen[-1] == "yaml":
                wd.keys(ESC)  # the editor keeps Tab for indenting; Esc then Tab leaves it
            wd.keys(TAB)
            seen.append(wd.js("const e = document.activeElement; return e ? (e.id || e.getAttribute('data-name') || e.tagName) : ''"))
            if seen[-1] == "step":
                break
        check("Tab reaches preset, editor, and the step button", all(x in seen for x in ["preset", "yaml", "play", "step"]), seen)
        for _ in range(3):
            wd.keys(ENTER)
        outcome = wd.js("return document.querySelector('.caption-outcome.final')?.getAttribute('data-outcome')")
        addr = wd.js("return document.querySelector('.caption-addr')?.textContent || ''")
        check("Enter on Step walks the request to a pod on :8080", outcome == "delivered" and ":8080" in addr, (outcome, addr))
        focus_ring = wd.js("const e = document.activeElement; return getComputedStyle(e).outlineStyle")
        check("the focused control shows a focus ring", focus_ring not in ("none", ""), focus_ring)

        # keyboard only: Tab to a web pod, Enter opens its details, Tab to +, Enter scales 3 → 4;
        # then Ctrl+Z / Ctrl+Shift+Z as real key events (in the panel, then in the editor)
        yaml = "return document.getElementById('yaml').value"
        before = wd.js(yaml)
        active = "const e = document.activeElement; return e ? (e.getAttribute('data-kind') || '') + ':' + (e.getAttribute('data-name') || e.id || '') : ''"
        for _ in range(60):
            wd.keys(TAB)
            if wd.js(active).startswith("pod:web-"):
                break
        wd.keys(ENTER)
        opened = wd.wait("return document.querySelector('#selected .details-title')?.textContent.startsWith('Pod web-')", 5)
        for _ in range(30):
            wd.keys(TAB)
            if wd.js(active) == "scale-up:":
                break
        wd.keys(ENTER)
        scaled = wd.wait("return document.getElementById('yaml').value.includes('replicas: 4') && document.querySelectorAll(\"[data-kind='pod'][data-name^='web-']\").length === 4", 5)
        check("keyboard only: Tab to a pod, Enter, Tab to +, Enter: replicas 4 and 4 pods",
              opened and scaled and wd.js(yaml) == before.replace("replicas: 3", "replicas: 4"), (opened, scaled, wd.js(active)))
        wd.chord(CTRL, "z")
        undone = wd.wait(f"return document.getElementById('yaml').value === {json.dumps(before)}", 5)
        wd.chord(CTRL, SHIFT, "z")
        redone = wd.wait("return document.getElementById('yaml').value.includes('replicas: 4')", 5)
        check("Ctrl+Z in the panel undoes the edit, Ctrl+Shift+Z redoes it (real key events)", undone and redone, wd.js(yaml)[:300])
        wd.js("document.getElementById('yaml').focus()")
        wd.chord(CTRL, "z")
        native = wd.wait(f"return document.getElementById('yaml').value === {json.dumps(before)} && document.querySelectorAll(\"[data-kind='pod'][data-name^='web-']\").length === 3", 5)
        check("Ctrl+Z in the editor undoes the panel's edit too (one history)", native, wd.js(yaml)[:300])

        # a scene opened from the URL
        wd.get(url + "?preset=broken-lb-pending&entry=loadbalancer&step=1&theme=dark")
        ok = wd.wait("return document.querySelector(\"[data-kind='load-balancer'].pending\") !== null")
        theme = wd.js("return document.documentElement.getAttribute('data-theme')")
        check("?preset=… opens a pending LoadBalancer in dark theme", ok and theme == "dark", theme)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("still no console errors", not errors, errors)

        # the embed view, and the same bundle three levels deeper
        wd.get(url + "?embed&preset=web-nodeport&entry=nodeport@node-2&editor=0")
        ok = wd.wait("return document.querySelector(\"[data-kind='service'][data-name='web']\") !== null && !document.querySelector('.topbar')")
        check("embed view renders under the sub-path, no page chrome", ok)
        # keyboard: the first tab stop skips to the diagram (it had ~23 tab stops before its
        # first box with editor=0: trainer8); the next Tab is a box of the diagram
        wd.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0);")
        wd.keys(TAB)
        first = wd.js("const e = document.activeElement; return e ? e.textContent : ''")
        wd.keys(ENTER)
        box = wd.js("const e = document.activeElement; return e && e.closest('svg.diagram') ? e.getAttribute('data-kind') || '' : ''")
        wd.keys(TAB)
        after = wd.js("const e = document.activeElement; return e && e.closest('svg.diagram') ? e.getAttribute('data-kind') || '' : ''")
        check("embed, editor=0: Tab → 'Skip to diagram', Enter → the diagram's first box (the Service), Tab → its next box",
              first == "Skip to diagram" and box == "service" and after not in ("", "service") and wd.js("return location.hash") == "", (first, box, after))
        check("no CSP violation (embed view)", wd.violations() == [], wd.violations())
        wd.get(f"http://127.0.0.1:{web_port}/a/b/c/?preset=web-clusterip")
        ok = wd.wait("return document.querySelectorAll(\"[data-kind='pod']\").length === 4")
        check("the same bundle under /a/b/c/ renders", ok and wd.violations() == [], wd.violations())
        # a big text (issue #12) is analysed in the Web Worker (web/worker.js, loaded from the
        # bundle's own folder under the CSP): the progress line, then the new picture
        wd.js("""
          let t = 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: mid\\nspec:\\n  selector:\\n    app: big\\n  ports:\\n  - port: 80\\n';
          for (let i = 0; i < 3000; i++) t += `---\\napiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: big-${i}\\n  labels:\\n    app: big\\nspec:\\n  containers:\\n  - name: c\\n    image: nginx\\n`;
          const ta = document.getElementById('yaml'); ta.value = t; ta.dispatchEvent(new Event('input', {bubbles: true}));""")
        progress = wd.wait("return document.getElementById('analysis-progress') !== null", 5)
        drawn = wd.wait("return document.querySelector(\".service-card[data-name='mid']\") !== null", 60)
        # worker.js is fetched twice: as the glue's import (a snippet) and as the worker's script
        workers = wd.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('/worker.js'))")
        check("a big text is analysed in the worker under /a/b/c/ with the CSP (progress, then the picture)",
              progress and drawn and workers and all("/a/b/c/snippets/" in w for w in workers) and wd.violations() == [],
              (progress, drawn, workers, wd.violations()))
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("no console errors (worker)", not errors, errors)
        # a text over 1 MiB (issue #12): the window editor, keyboard only. Find (typed, Enter) opens
        # the window at the Service's document with the real line numbers; typed keys change the
        # whole text and the worker's picture; Ctrl+Z undoes; Esc then Tab leaves the editor
        wd.js("""
          let t = 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: mid\\nspec:\\n  selector:\\n    app: big\\n  ports:\\n  - port: 80\\n';
          let p = '';
          for (let i = 0; i < 9000; i++) p += `---\\napiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: big-${i}\\n  labels:\\n    app: big\\nspec:\\n  containers:\\n  - name: c\\n    image: nginx\\n`;
          t = p.slice(4) + '---\\n' + t;
          window.__big = t;
          const ta = document.getElementById('yaml'); ta.value = t; ta.dispatchEvent(new Event('input', {bubbles: true}));""")
        ok = wd.wait("return document.getElementById('bigtext-find') !== null && document.querySelector(\".service-card[data-name='mid']\") !== null", 90)
        wd.js("document.getElementById('bigtext-find').focus()")
        wd.keys(*"name: mid", ENTER)
        first = wd.js("return window.__big.slice(0, window.__big.lastIndexOf('---\\n')).split('\\n').length + 1")
        opened = wd.wait(f"return document.activeElement.id === 'yaml' && document.querySelector('.bigtext-window .ln').dataset.line === '{first}'", 5)
        # one character: one undo step whatever the browser's grouping of typed keys under load
        wd.keys(END, "2")
        drawn2 = wd.wait("return document.querySelector(\".service-card[data-name='mid2']\") !== null", 60)
        # the keystroke's diagram is painted first, the panels below it follow its report after
        # the paint (ui::Scene::panel): once settled they all name the renamed Service
        panels2 = wd.wait("""const t = id => document.getElementById(id).textContent;
            return document.querySelector("#diagram [data-kind='service'][data-name='mid2']") !== null
              && t('iptables').includes('default/mid2') && !t('iptables').includes('default/mid ')
              && t('dns-lookup').includes('mid2.default') && t('summary').includes('1 Service,')""", 60)
        wd.chord(CTRL, "z")
        undone = wd.wait("return document.querySelector(\".service-card[data-name='mid']\") !== null", 60)
        wd.keys(ESC, TAB)
        left = wd.js("return document.activeElement && document.activeElement.id !== 'yaml'")
        check("a text over 1 MiB: Find with the keyboard opens its window at the real line, typing and Ctrl+Z reach the worker's picture, Esc Tab leaves",
              ok and opened and drawn2 and panels2 and undone and left and wd.violations() == [], (ok, first, opened, drawn2, panels2, undone, left, wd.violations()))
        run_axe(wd, axe_source(), "big-text window editor")
        # hostile options: a message, nothing run
        wd.get(url + "?embed&preset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&theme=javascript:alert(1)#s=v9.x")
        ok = wd.wait("return document.querySelectorAll('[data-kind=notice]').length >= 2 && document.getElementById('link-error') !== null")
        texts = wd.js("return [...document.querySelectorAll('[data-kind=notice], #link-error')].map(e => e.textContent)")
        check("hostile embed options and link: messages as text, no element made from them",
              ok and wd.js("return document.querySelectorAll('img, [onerror]').length") == 0 and wd.violations() == [], texts)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("no console errors (embed views)", not errors, errors)

        # the examples page: three iframes and two JS mounts, independent
        wd.get(url + "examples/embed.html")
        wd.wait("return document.body.dataset.mounted === 'yes'")
        check("no CSP violation (examples page and its frames)",
              wd.violations(["#f-clusterip", "#f-nodeport", "#f-typo"]) == [], wd.violations(["#f-clusterip", "#f-nodeport", "#f-typo"]))
        mounted = wd.wait("return document.body.dataset.mounted === 'yes' && document.querySelectorAll('#sb-b [data-kind=service]').length > 0")
        frames = wd.js("""return ['f-clusterip','f-nodeport','f-typo'].map(id => {
            const d = document.getElementById(id).contentDocument;
            return d ? d.querySelectorAll("[data-kind='service']").length : -1; })""")
        wd.wait("""return ['f-clusterip','f-nodeport','f-typo'].every(id => {
            const d = document.getElementById(id).contentDocument; return d && d.querySelector("[data-kind='service']"); })""")
        frames = wd.js("""return ['f-clusterip','f-nodeport','f-typo'].map(id =>
            document.getElementById(id).contentDocument.querySelectorAll("[data-kind='service']").length)""")
        check("examples page: three iframes render their scenes", mounted and frames == [1, 1, 1], (mounted, frames))
        wd.js("window.sbA.step();")
        time.sleep(0.2)
        steps = wd.js("""return [document.querySelector('#sb-a [data-kind=packet]').getAttribute('data-step'),
            document.querySelector('#sb-b [data-kind=packet]').getAttribute('data-step'),
            document.querySelector('#sb-a [data-kind=external]') !== null,
            document.getElementById('sb-b').getAttribute('data-theme')]""")
        check("two JS mounts on one page are independent", steps == ["1", "0", True, "dark"], steps)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("examples page: no console errors", not errors, errors)

        # the docs' snippets, copied as a reader would, with the docs' host replaced by ours:
        # the iframe line on a foreign origin, the JS API block in a page on another path
        a = f"http://127.0.0.1:{web_port}"
        b = f"http://127.0.0.1:{other_port}"
        iframe, api, resize = docs_snippets()
        page = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>docs</title><link rel='icon' href='data:,'></head><body>{}</body></html>"
        with open(os.path.join(fixtures, "iframe.html"), "w") as f:
            f.write(page.format(iframe.replace("https://docs.example/switchboard/", f"{a}{BASE}") + '<script src="sb-resize.js"></script>'))
        with open(os.path.join(fixtures, "sb-resize.js"), "w") as f:
            f.write(resize)
        api_page, api_module = api
        with open(os.path.join(root, "docs", "api.html"), "w") as f:
            f.write(page.format(api_page.replace("https://docs.example/switchboard/", BASE)))
        src = re.search(r'<script type="module" src="([^"]+)"', api_page).group(1)
        with open(os.path.join(root, "docs", src), "w") as f:
            f.write(api_module.replace("https://docs.example/switchboard/", BASE) + "\nwindow.sb = sb;\n")
        wd.get(b + "/iframe.html")
        wd.frame("iframe")
        ok = wd.wait("return document.querySelector(\"[data-kind='service'][data-name='web']\") !== null", 20)
        frame_csp = wd.violations()
        wd.top()
        check("docs/embedding.md's iframe line works from another origin", ok and frame_csp == [], frame_csp)
        # the docs' six-line listener (an external script) sizes the frame to its content: the
        # frame posts switchboard:resize; the 560-px frame grows to the page's height, no scrolling
        declared = int(re.search(r'height="(\d+)"', iframe).group(1))
        grown = wd.wait(f"const f = document.querySelector('iframe'); return Number(f.getAttribute('height')) > {declared}", 15)
        time.sleep(0.5)
        framed_h = wd.js("return Number(document.querySelector('iframe').getAttribute('height'))")
        wd.frame("iframe")
        content = wd.js("return [Math.ceil(document.documentElement.getBoundingClientRect().height), document.documentElement.scrollHeight, innerHeight]")
        wd.top()
        check("the iframe grows to its content's height (switchboard:resize + the docs' listener), no inner scrolling",
              grown and abs(framed_h - content[0]) <= 2 and content[1] <= content[2] + 1, (declared, framed_h, content))
        wd.get(a + "/docs/api.html")
        ok = wd.wait("return window.sb && document.querySelectorAll(\"#sb [data-kind='service']\").length > 0", 20)
        check("docs/embedding.md's JS API block works from a page on another path", ok)
        # main.css on a host page styles the mount only: the host's own html/body, links, code and
        # tables keep the browser's (or the host's) look, and no variable lands on its :root
        leak = wd.js("""const a = document.createElement('a'); a.href = '#x'; a.textContent = 'host link';
            const c = document.createElement('code'); c.textContent = 'x'; document.body.prepend(a, c);
            const cs = e => getComputedStyle(e), r = [cs(document.body).marginTop, cs(document.documentElement).getPropertyValue('--bg'),
              cs(a).color, cs(c).backgroundColor, cs(document.body).backgroundColor, cs(document.getElementById('sb')).getPropertyValue('--bg').trim()];
            a.remove(); c.remove(); return r;""")
        check("main.css does not leak into the host page (body margin, :root variables, a, code, background)",
              leak[:5] == ["8px", "", "rgb(0, 0, 238)", "rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"] and leak[5] != "", leak)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("no console errors (docs snippets)", not errors, errors)

        # postMessage: a host on another origin; only the frame that names it obeys
        wd.get(b + "/host.html")
        wd.js(f"""window.got = [];
            window.addEventListener('message', e => window.got.push([e.origin, e.data && e.data.event]));
            for (const [id, q] of [['deaf', ''], ['named', '&origin=' + encodeURIComponent('{b}')]]) {{
                const f = document.createElement('iframe'); f.id = id; f.width = 900; f.height = 500;
                f.src = '{a}{BASE}index.html?embed&preset=web-clusterip' + q; document.body.appendChild(f); }}""")
        ready = wd.wait("return window.got.some(g => g[1] === 'ready')")
        wd.js(f"""for (const id of ['deaf', 'named'])
            document.getElementById(id).contentWindow.postMessage({{switchboard: 1, cmd: 'step'}}, '{a}');""")
        time.sleep(0.5)
        got = wd.js("return window.got")
        wd.frame("#named")
        named_step = wd.js("return document.querySelector('[data-kind=packet]').getAttribute('data-step')")
        wd.top()
        wd.frame("#deaf")
        deaf_step = wd.js("return document.querySelector('[data-kind=packet]').getAttribute('data-step')")
        wd.top()
        only_named = all(o == a for o, _ in got) and any(e == "step" for _, e in got)
        check("postMessage: the frame naming the host obeys and reports; a foreign origin is ignored",
              ready and named_step == "1" and deaf_step == "0" and only_named, (ready, named_step, deaf_step, got))

        a11y_checks(wd, url)
    except SystemExit:
        pass
    except Exception as e:  # a broken driver or page is a failure, not a crash
        check("e2e run", False, repr(e))
    finally:
        if wd:
            wd.quit()
        drv.terminate()
        httpd.shutdown()
        other.shutdown()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(fixtures, ignore_errors=True)
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
