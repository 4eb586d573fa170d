#!/usr/bin/env python3
"""`./dev bench`: Switchboard's full analysis (release WASM) against the JavaScript YAML parsers,
side by side in ONE headless Chromium page, on the synthetic dumps of tools/bench_dump.py.

    python3 tools/bench.py DIST DUMPS NODE_MODULES CLI

DIST: the release bundle (trunk build --release); DUMPS: folder of pods-N.yaml; NODE_MODULES:
holds `yaml` (2.x) and `js-yaml`; CLI: the native release binary. Drives chromedriver over plain
HTTP (standard library only, like tests/e2e.py). Prints one table (medians, ratios), the native
CLI's wall time and peak memory (/usr/bin/time -v), and the bundle size (gzip -9).
"""
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PAGE = """<!DOCTYPE html><meta charset="utf-8"><title>bench</title><script type="module" src="bench.js"></script>"""

# The page: loads the app's JS glue (no mount: no data-switchboard-app), `yaml` and js-yaml as
# ES modules, then window.bench(name, reps) times each on the same text in the same page.
SCRIPT = """
import init from "./app/switchboard-web.js";
import * as YAML from "./node_modules/yaml/browser/index.js";
import { loadAll } from "./node_modules/js-yaml/dist/browser/js-yaml.esm.min.mjs";
await init();
function median(a) { a = [...a].sort((x, y) => x - y); return a[a.length >> 1]; }
window.bench = async (name, reps) => {
  const text = await (await fetch("dumps/" + name)).text();
  let summary = null;
  const runs = {
    sb: () => { summary = window.Switchboard.analyze(text); },
    yaml: () => { for (const d of YAML.parseAllDocuments(text)) d.toJS(); },
    jsy: () => { loadAll(text); },
  };
  // interleaved (one run of each per round), so that a burst of load on the shared machine
  // falls on all three alike; a warm-up round first (JIT, wasm tier-up)
  const t = { sb: [], yaml: [], jsy: [] };
  for (const f of Object.values(runs)) f();
  for (let i = 0; i < reps; i++) {
    for (const [k, f] of Object.entries(runs)) { const s = performance.now(); f(); t[k].push(performance.now() - s); }
  }
  return { bytes: text.length, sb: median(t.sb), yaml: median(t.yaml), jsy: median(t.jsy), services: summary.services, pods: summary.pods };
};
window.benchReady = true;
"""

KEYSTROKES = 30
KEYS_ONLY = os.environ.get("SWITCHBOARD_BENCH_KEYSTROKES_ONLY") == "1"

# Types into the app's editor, one character at a time at the end of the first Service's name
# (so that each keystroke changes the picture), and waits for the page's `sb-keystroke` measure
# (src/ui/perf.rs: input event -> the diagram of that text painted; for a text analysed in the
# worker, once the worker has answered for exactly that text) before the next one. A dump over
# 1 MiB is pasted first and edited as a user would in its window editor (ui::bigtext): Find
# the first Service's name, Find next (the window opens at that Service's document), then type.
# Also returns the medians of the worker path's spans (perf.rs) for the keystrokes.
TYPE_SCRIPT = r"""
const [dump, n, done] = arguments;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const measures = () => performance.getEntriesByName('sb-keystroke');
const SPANS = ['sb-post', 'sb-worker-splice', 'sb-worker-analyze', 'sb-worker-encode', 'sb-decode', 'sb-report-drawn'];
async function until(f, ms) { const t0 = performance.now(); while (!f()) { if (performance.now() - t0 > ms) throw new Error('timed out'); await sleep(5); } }
function median(a) { a = [...a].sort((x, y) => x - y); return a.length ? a[a.length >> 1] : null; }
(async () => {
  await until(() => document.getElementById('yaml'), 30000);
  let dumpLength = null;
  if (dump) {
    const text = await (await fetch('../dumps/' + dump)).text();
    dumpLength = text.length;
    const ta = document.getElementById('yaml');
    ta.value = text; ta.dispatchEvent(new Event('input', {bubbles: true}));
    await until(() => document.getElementById('bigtext-find'), 30000);
    await sleep(500);
    await until(() => !document.getElementById('analysis-progress') && document.querySelector('[data-kind=service]'), 180000);
    const name = /\nkind: Service\nmetadata:\n(?:  .*\n)*?  name: (\S+)/.exec('\n' + text)[1];
    const find = document.getElementById('bigtext-find');
    find.focus(); find.value = 'name: ' + name; find.dispatchEvent(new Event('input', {bubbles: true}));
    document.getElementById('bigtext-find-next').click();
    await sleep(300);
    if (!document.getElementById('yaml').value.includes('kind: Service')) throw new Error('the window did not open at ' + name);
  }
  const ta = () => document.getElementById('yaml');
  const t = ta().value;
  const m = /\n\s+name: [^\n]*/g; m.lastIndex = t.indexOf('kind: Service'); m.exec(t);
  let pos = m.lastIndex;
  await sleep(300);
  performance.clearMeasures('sb-keystroke');
  for (const s of SPANS) performance.clearMeasures(s);
  const ms = [];
  for (let i = 0; i < n; i++) {
    const before = measures().length;
    const v = ta().value;
    ta().value = v.slice(0, pos) + 'x' + v.slice(pos); pos++;
    ta().dispatchEvent(new Event('input', {bubbles: true}));
    await until(() => measures().length > before, 120000);
    ms.push(measures()[measures().length - 1].duration);
    await sleep(30);
  }
  const spans = {};
  for (const s of SPANS) {
    const e = performance.getEntriesByName(s);
    if (e.length) spans[s] = { n: e.length, median: median(e.map(x => x.duration)), detail: median(e.map(x => x.detail || 0)) };
  }
  return { ms, bytes: dumpLength === null ? ta().value.length : dumpLength + n, spans,
           services: document.querySelectorAll('#service option').length };
})().then(done, e => done({error: String(e)}));
"""


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(directory):
    class H(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=directory, **k)

        def log_message(self, *a):
            pass

    H.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                        ".js": "text/javascript", ".mjs": "text/javascript"}
    port = free_port()
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", port), H)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return port


def call(base, method, path, body=None, timeout=600):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            v = json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"webdriver {path}: {e.read().decode(errors='replace')[:500]}")
    return v["value"] if isinstance(v, dict) and "value" in v else v


def reps_for(pods):
    return 21 if pods <= 100 else 9 if pods <= 1000 else 5 if pods <= 4000 else 3


def native(cli, path):
    out = subprocess.run(["/usr/bin/time", "-v", cli, "analyze", "--format", "json", path],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    secs = float(wall.group(3)) + 60 * float(wall.group(2)) + 3600 * float(wall.group(1) or 0)
    return secs, int(rss.group(1)) * 1024


def human(n):
    return f"{n / 1e6:.1f} M" if n >= 1e6 else f"{n / 1e3:.0f} K" if n >= 1e4 else f"{n / 1e3:.1f} K"


def main():
    dist, dumps, node_modules, cli = sys.argv[1:5]
    names = sorted((f for f in os.listdir(dumps) if re.fullmatch(r"pods-\d+(-list)?\.yaml", f)),
                   key=lambda f: (int(re.search(r"\d+", f).group()), f))
    root = tempfile.mkdtemp(prefix="switchboard-bench-")
    shutil.copytree(dist, os.path.join(root, "app"))
    os.symlink(os.path.abspath(dumps), os.path.join(root, "dumps"))
    os.symlink(os.path.abspath(node_modules), os.path.join(root, "node_modules"))
    open(os.path.join(root, "index.html"), "w").write(PAGE)
    open(os.path.join(root, "bench.js"), "w").write(SCRIPT)
    port = serve(root)
    wd_port = free_port()
    drv = subprocess.Popen([os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver"), f"--port={wd_port}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{wd_port}"
    sid = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/status", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking"]}}}}
        sid = call(base, "POST", "/session", caps)["sessionId"]
        s = f"/session/{sid}"
        call(base, "POST", s + "/timeouts", {"script": 600_000})
        call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/index.html"})
        for _ in range(300):
            if call(base, "POST", s + "/execute/sync", {"script": "return !!window.benchReady", "args": []}):
                break
            time.sleep(0.1)
        else:
            raise SystemExit("bench page did not start (see the browser console)")
        ua = call(base, "POST", s + "/execute/sync", {"script": "return navigator.userAgent", "args": []})
        browser = (re.search(r"(?:Headless)?Chrome/(\d+)", ua) or [None, "?"])[1]
        rows = []
        keystrokes = []
        # SWITCHBOARD_BENCH_KEYSTROKES_ONLY=1: only the keystroke -> diagram part (and no CLI run)
        for name in ([] if KEYS_ONLY else names):
            pods = int(re.search(r"\d+", name).group())
            r = call(base, "POST", s + "/execute/async", {
                "script": "const done = arguments[arguments.length - 1]; window.bench(arguments[0], arguments[1]).then(done, e => done({error: String(e)}))",
                "args": [name, reps_for(pods)]})
            if "error" in r:
                raise SystemExit(f"{name}: {r['error']}")
            rows.append((name, pods, r))
            print(f"  {name}: switchboard {r['sb']:.1f} ms, yaml {r['yaml']:.1f} ms, js-yaml {r['jsy']:.1f} ms", file=sys.stderr, flush=True)
        # keystroke -> diagram (issue #12 budgets): the app's own marks (src/ui/perf.rs)
        keys = [("tutorial scene", None)]
        big = [n for n in names if "list" not in n]
        if big:
            keys.append((big[-1], big[-1]))
        for label, dump in keys:
            call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/app/index.html"})
            call(base, "POST", s + "/execute/sync", {"script": "localStorage.clear(); sessionStorage.clear()", "args": []})
            call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/app/index.html"})
            r = call(base, "POST", s + "/execute/async", {"script": TYPE_SCRIPT, "args": [dump, KEYSTROKES]})
            if "error" in r:
                raise SystemExit(f"keystrokes on {label}: {r['error']}")
            keystrokes.append((label, r))
            print(f"  keystrokes on {label}: p95 {p95(r['ms']):.1f} ms", file=sys.stderr, flush=True)
    finally:
        if sid:
            try:
                call(base, "DELETE", f"/session/{sid}")
            except Exception:
                pass
        drv.terminate()
        drv.wait()
        shutil.rmtree(root, ignore_errors=True)
    if rows:
        print(f"\nFull analysis in the release WASM vs the npm parsers, one headless Chromium {browser} page, median of N runs")
        print("| dump | pods | Services seen | bytes | `yaml` parseAllDocuments+toJS | js-yaml loadAll | Switchboard analyze | vs `yaml` | vs js-yaml |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, pods, r in rows:
            # no Service read from a dump that has them: the input was refused (a budget), no ratio
            refused = r["services"] == 0
            vs = ("refused", "refused") if refused else (f"{r['yaml'] / r['sb']:.1f}×", f"{r['jsy'] / r['sb']:.2f}×")
            print(f"| {'List' if 'list' in name else 'stream'} | {pods:,} | {r['services']:,} | {human(r['bytes'])} | {r['yaml']:.1f} ms | {r['jsy']:.1f} ms | "
                  f"{r['sb']:.1f} ms | {vs[0]} | {vs[1]} |")
    print(f"\nKeystroke -> diagram painted (performance marks in the page, {KEYSTROKES} keystrokes each; "
          "budgets: p95 <= 16 ms tutorial, <= 100 ms 1,000-Service scene)")
    print("| scene | bytes | Services | median | p95 | max |")
    print("|---|---|---|---|---|---|")
    for label, r in keystrokes:
        ms = sorted(r["ms"])
        print(f"| {label} | {human(r['bytes'])} | {r['services']:,} | {ms[len(ms) // 2]:.1f} ms | {p95(ms):.1f} ms | {ms[-1]:.1f} ms |")
    for label, r in keystrokes:
        if r.get("spans"):
            parts = ", ".join(f"{k.removeprefix('sb-')} {v['median']:.1f} ms" + (f" ({human(v['detail'])}B)" if v["detail"] else "")
                              for k, v in r["spans"].items())
            print(f"  {label}, medians per job of the worker's path (performance measures): {parts}")
    if KEYS_ONLY:
        return
    big = [n for n in names if "list" not in n][-1]
    secs, rss = native(cli, os.path.join(dumps, big))
    size = os.path.getsize(os.path.join(dumps, big))
    print(f"\nNative CLI (`switchboard analyze --format json`, release) on {big} ({human(size)}B): "
          f"{secs:.2f} s wall, peak RSS {rss / 1e6:.1f} MB ({rss / size:.1f}× the input)")
    total = 0
    parts = []
    for f, label in (("switchboard-web_bg.wasm", "wasm"), ("switchboard-web.js", "js"), ("main.css", "css")):
        p = os.path.join(dist, f)
        if not os.path.exists(p):
            cands = [c for c in os.listdir(dist) if c.endswith(os.path.splitext(f)[1])]
            p = os.path.join(dist, cands[0]) if cands else None
        if p:
            z = len(gzip.compress(open(p, "rb").read(), 9))
            total += z
            parts.append(f"{z / 1000:.1f} KB {label}")
    print(f"Bundle (gzip -9): {' + '.join(parts)} = {total / 1000:.1f} KB")


if __name__ == "__main__":
    main()
