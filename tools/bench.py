#!/usr/bin/env python3
"""`./dev bench`: Switchboard's full analysis (release WASM) against the JavaScript YAML parsers,
side by side in ONE headless Chromium page, on the synthetic dumps of tools/bench_dump.py.

    python3 tools/bench.py DIST DUMPS NODE_MODULES CLI
    python3 tools/bench.py --keystrokes-only DIST [N [ROUNDS]]   (the tutorial keystroke measure only)
    python3 tools/bench.py --keystrokes-ab DIST_A DIST_B [CYCLES]   (two bundles' keystrokes, interleaved)
    SWITCHBOARD_BENCH_KEYSTROKES_ONLY=1 SWITCHBOARD_BENCH_BIG_ONLY=1 python3 tools/bench.py DIST DUMPS - -
        (only the biggest dump's keystrokes and the worker path's spans; DUMPS may hold pods-10000.yaml alone;
        SWITCHBOARD_BENCH_PROFILE=FILE adds a round of them under the page's CPU profiler)

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
# how a keystroke is typed: "insert" (default) as a key press does, the editing command inserting
# one character at the caret (document.execCommand('insertText'): an input event of inputType
# insertText, the textarea's text node edited in place); "value" replaces the whole value and
# dispatches an input event (what sessions 4 and 5 measured: Blink then rebuilds the textarea's
# whole inner text, ~100 layout objects on the tutorial scene, which no key press does)
TYPING = os.environ.get("SWITCHBOARD_BENCH_TYPING", "insert")
KEYS_ONLY = os.environ.get("SWITCHBOARD_BENCH_KEYSTROKES_ONLY") == "1"

# Types into the app's editor, one character at a time at the end of the first Service's name
# (so that each keystroke changes the picture), and waits for the page's `sb-keystroke` measure
# (src/ui/perf.rs: input event -> the diagram of that text painted; for a text analysed in the
# worker, once the worker has answered for exactly that text) before the next one. A dump over
# 1 MiB is pasted first and edited as a user would in its window editor (ui::bigtext): Find
# the first Service's name, Find next (the window opens at that Service's document), then type.
# Also returns the medians of the worker path's spans (perf.rs) for the keystrokes.
TYPE_SCRIPT = r"""
const [dump, n, how, done] = arguments;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const measures = () => performance.getEntriesByName('sb-keystroke');
const SPANS = ['sb-post', 'sb-worker-splice', 'sb-worker-analyze', 'sb-worker-encode', 'sb-decode', 'sb-report-drawn'];
// the pause between keystrokes: 30 ms plus a jitter of up to one 60 Hz frame (a deterministic
// sequence), so that keystrokes fall at every phase of the display's frames as a user's do; a
// fixed pause locks each keystroke to the same phase (after a keystroke's measure ends right
// after a frame, 30 ms later is always the same point of the next frames' cycle), and the
// measure then says more about that phase than about the page
let seed = 12345;
const pause = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return sleep(30 + 16.7 * seed / 2147483648); };
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
  if (how !== 'value') ta().focus({preventScroll: true});
  await sleep(300);
  // the floor: an update that changes nothing, measured the same way (to after the next frame
  // is painted): the wait for the display's next frame, which any page pays
  const floor = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r)));
    floor.push(performance.now() - t0);
    await pause();
  }
  performance.clearMeasures('sb-keystroke');
  for (const s of SPANS) performance.clearMeasures(s);
  // where a keystroke's time goes: script (the input handler and the effects it queues, up to
  // the first task after it), style + layout (forced right then), the rest (waiting for the
  // frame, paint); and how many DOM nodes it added or removed (a MutationObserver)
  let nodes = 0;
  const size = n => 1 + (n.querySelectorAll ? n.querySelectorAll('*').length : 0);
  // where the changes are: the nearest element with an id, and the attribute or kind of change
  const where = {};
  const place = r => { const t = r.target.nodeType === 1 ? r.target : r.target.parentElement; const e = t && t.closest('[id]'); return (e ? '#' + e.id : '?') + ' ' + (r.attributeName || r.type); };
  const count = rs => { for (const r of rs) { const before = nodes; if (r.type !== 'childList') nodes++; r.addedNodes.forEach(a => nodes += size(a)); r.removedNodes.forEach(a => nodes += size(a)); const k = place(r); where[k] = (where[k] || 0) + nodes - before; } };
  const mo = new MutationObserver(count);
  mo.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
  const task = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const ms = [], script = [], layout = [], dom = [], typing = performance.now();
  for (let i = 0; i < n; i++) {
    const before = measures().length;
    let t0;
    if (how === 'value') {
      // the whole value replaced, then an input event (what earlier sessions measured: Blink
      // rebuilds the textarea's whole inner text, line by line, which a key press does not)
      const v = ta().value;
      ta().value = v.slice(0, pos) + 'x' + v.slice(pos);
      t0 = performance.now();
      ta().dispatchEvent(new Event('input', {bubbles: true}));
    } else {
      // as a key press types: the editing command inserts one character at the caret of the
      // focused textarea and fires the input event (inputType insertText)
      const el = ta();
      if (document.activeElement !== el) el.focus({preventScroll: true});
      el.setSelectionRange(pos, pos);
      t0 = performance.now();
      if (!document.execCommand('insertText', false, 'x')) throw new Error('insertText refused');
    }
    pos++;
    await task();
    const t1 = performance.now();
    document.body.getBoundingClientRect();
    script.push(t1 - t0); layout.push(performance.now() - t1);
    await until(() => measures().length > before, 120000);
    ms.push(measures()[measures().length - 1].duration);
    count(mo.takeRecords());
    dom.push(nodes); nodes = 0;
    await pause();
  }
  mo.disconnect();
  const spans = {};
  for (const s of SPANS) {
    const e = performance.getEntriesByName(s);
    if (e.length) spans[s] = { n: e.length, median: median(e.map(x => x.duration)), detail: median(e.map(x => x.detail || 0)) };
  }
  const domWhere = Object.entries(where).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, Math.round(v / n)]);
  return { typing_ms: performance.now() - typing, floor, ms, script, layout, dom, spans, domWhere,
           bytes: dumpLength === null ? ta().value.length : dumpLength + n,
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


def start_driver():
    wd_port = free_port()
    drv = subprocess.Popen([os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver"), f"--port={wd_port}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{wd_port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/status", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    return drv, base


# frames as fast as the page can make them, not at the display's 60 Hz: the keystroke measure
# is then the page's own work, without the 0-16.7 ms wait for the next frame
UNTHROTTLED = ["--disable-frame-rate-limit", "--disable-gpu-vsync"]


def new_session(base, extra=(), trace=False):
    opts = {"binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", *extra] + os.environ.get("SWITCHBOARD_BENCH_CHROME_ARGS", "").split()}
    caps = {"browserName": "chrome", "goog:chromeOptions": opts}
    if trace:
        # chromedriver's performance log carries the page's trace events (devtools.timeline)
        caps["goog:loggingPrefs"] = {"performance": "ALL"}
        opts["perfLoggingPrefs"] = {"enableNetwork": False, "enablePage": False, "traceCategories": "devtools.timeline,blink.user_timing"}
    return call(base, "POST", "/session", {"capabilities": {"alwaysMatch": caps}})["sessionId"]


SCRIPT_EVENTS = ("TimerFire", "FunctionCall", "EventDispatch", "RunMicrotasks", "FireAnimationFrame")
RENDER_EVENTS = ("UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "UpdateLayerTree")


def cpu_per_keystroke(log):
    """From trace events: per keystroke (the page's `sb-input` mark to the end of its
    `sb-keystroke` measure), the main thread's CPU time (thread clock, `tdur`) in script and in
    style/layout/paint. CPU time, unlike wall time, hardly moves with the machine's load."""
    evs = [m["params"] for m in (json.loads(e["message"])["message"] for e in log) if m["method"] == "Tracing.dataCollected"]
    marks = sorted(e["ts"] for e in evs if e.get("name") == "sb-input")
    ends = sorted(e["ts"] for e in evs if e.get("name") == "sb-keystroke" and e.get("ph") == "e")
    main = next(e["tid"] for e in evs if e.get("name") == "sb-input")
    top = sorted((e for e in evs if e.get("ph") == "X" and e.get("tid") == main and "tdur" in e), key=lambda e: (e["ts"], -e["dur"]))
    script, render = [], []
    for a in marks:
        b = next((t for t in ends if t > a), None)
        if b is None:
            continue
        sums, end = {"s": 0, "r": 0}, -1
        for e in top:
            if a - 1000 <= e["ts"] < b and e["ts"] >= end:  # top-level events only
                end = e["ts"] + e["dur"]
                if e["name"] in SCRIPT_EVENTS:
                    sums["s"] += e["tdur"] / 1000
                elif e["name"] in RENDER_EVENTS:
                    sums["r"] += e["tdur"] / 1000
        script.append(sums["s"])
        render.append(sums["r"])
    return script, render


def type_keys(base, s, port, label, dump, n, loaded=lambda: None):
    """Open the app fresh (no saved draft) and type `n` characters (TYPE_SCRIPT); `loaded` runs
    once the page is loaded."""
    call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/app/index.html"})
    call(base, "POST", s + "/execute/sync", {"script": "localStorage.clear(); sessionStorage.clear()", "args": []})
    call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/app/index.html"})
    loaded()
    r = call(base, "POST", s + "/execute/async", {"script": TYPE_SCRIPT, "args": [dump, n, TYPING]})
    if "error" in r:
        raise SystemExit(f"keystrokes on {label}: {r['error']}")
    return r


def print_keystrokes(keystrokes):
    med = lambda xs: sorted(xs)[len(xs) // 2]
    print("| scene | bytes | Services | median | p95 | max | script (median) | style+layout (median) | DOM changes (median) | empty frame (median / p95) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, r in keystrokes:
        ms = sorted(r["ms"])
        print(f"| {label} | {human(r['bytes'])} | {r['services']:,} | {ms[len(ms) // 2]:.1f} ms | {p95(ms):.1f} ms | {ms[-1]:.1f} ms | "
              f"{med(r['script']):.1f} ms | {med(r['layout']):.1f} ms | {med(r['dom'])} | {med(r['floor']):.1f} / {p95(r['floor']):.1f} ms |")
    print("(script: the input event and the effects it runs; DOM changes: attributes and texts set plus nodes added or removed, "
          "each subtree counted whole; empty frame: the same measure of an update that changes nothing, i.e. the wait for the next frame)")


def top_self_times(profile, last_ms, k=30):
    """Print the functions with the most self time, and the app's (switchboard::) functions with
    the most total time, in the last `last_ms` of a CPU profile (ms)."""
    nodes = {nd["id"]: nd for nd in profile["nodes"]}
    parent = {c: nd["id"] for nd in profile["nodes"] for c in nd.get("children", [])}
    name = lambda i: f"{nodes[i]['callFrame']['functionName'] or '(anonymous)'} {nodes[i]['callFrame']['url'].rsplit('/', 1)[-1]}"
    t, times = profile["startTime"], []
    for dt in profile.get("timeDeltas", []):
        t += dt
        times.append(t)
    self_ms, total_ms = {}, {}
    for i, (sample, at) in enumerate(zip(profile.get("samples", []), times)):
        if at < profile["endTime"] - last_ms * 1000 or i + 1 >= len(times):
            continue
        dt = (times[i + 1] - at) / 1000
        self_ms[name(sample)] = self_ms.get(name(sample), 0) + dt
        seen, n = set(), sample
        while n is not None:
            key = name(n)
            if key not in seen:
                seen.add(key)
                total_ms[key] = total_ms.get(key, 0) + dt
            n = parent.get(n)
    print(f"CPU profile, last {last_ms:.0f} ms: top self times", file=sys.stderr)
    for key, ms in sorted(self_ms.items(), key=lambda x: -x[1])[:k]:
        print(f"  {ms:8.1f} ms  {key}", file=sys.stderr)
    print("top total times of the app's functions", file=sys.stderr)
    app = {key: ms for key, ms in total_ms.items() if "switchboard::" in key}
    for key, ms in sorted(app.items(), key=lambda x: -x[1])[:k]:
        print(f"  {ms:8.1f} ms  {key[:200]}", file=sys.stderr)


def profiled_round(base, s, port, label, dump, n, path):
    """One more round of keystrokes under the page's CPU profiler (DevTools protocol through
    chromedriver): the profile (.cpuprofile, opens in DevTools) is written to `path` and its top
    self times printed."""
    cdp = lambda cmd, params={}: call(base, "POST", s + "/goog/cdp/execute", {"cmd": cmd, "params": params})
    cdp("Profiler.enable")
    cdp("Profiler.setSamplingInterval", {"interval": 100})
    r = type_keys(base, s, port, label, dump, n, loaded=lambda: cdp("Profiler.start"))
    profile = cdp("Profiler.stop")["profile"]
    json.dump(profile, open(path, "w"))
    top_self_times(profile, r["typing_ms"])


def keystrokes_only(dist, n, rounds):
    """`tools/bench.py --keystrokes-only DIST [N [ROUNDS]]`: only the tutorial scene's keystroke ->
    diagram measure, N keystrokes (default 30) in each of ROUNDS fresh page loads (default 2),
    at the display's 60 Hz (as `./dev bench` measures) and with frames unthrottled.
    SWITCHBOARD_BENCH_PROFILE=FILE adds a round under the CPU profiler (60 Hz)."""
    root = tempfile.mkdtemp(prefix="switchboard-keys-")
    shutil.copytree(dist, os.path.join(root, "app"))
    port = serve(root)
    drv, base = start_driver()
    rows = []
    try:
        for label, extra in (("tutorial scene, 60 Hz frames", ()), ("tutorial scene, frames unthrottled", UNTHROTTLED)):
            sid = new_session(base, extra)
            s = f"/session/{sid}"
            try:
                call(base, "POST", s + "/timeouts", {"script": 600_000})
                runs = [type_keys(base, s, port, label, None, n) for _ in range(rounds)]
                prof = os.environ.get("SWITCHBOARD_BENCH_PROFILE")
                if prof and not extra:
                    # one more round under the CPU profiler
                    profiled_round(base, s, port, label, None, n, prof)
            finally:
                call(base, "DELETE", s)
            r = {k: [x for run in runs for x in run[k]] for k in ("ms", "script", "layout", "dom", "floor")}
            r.update(bytes=runs[-1]["bytes"], services=runs[-1]["services"])
            rows.append((label, r))
        # the main thread's CPU time per keystroke, from a trace (frames unthrottled)
        sid = new_session(base, UNTHROTTLED, trace=True)
        s = f"/session/{sid}"
        try:
            call(base, "POST", s + "/timeouts", {"script": 600_000})
            for _ in range(rounds):
                type_keys(base, s, port, "traced", None, n)
            # one read at the end (reading the log ends chromedriver's tracing)
            cpu_s, cpu_r = cpu_per_keystroke(call(base, "POST", s + "/se/log", {"type": "performance"}))
        finally:
            call(base, "DELETE", s)
    finally:
        drv.terminate()
        drv.wait()
        shutil.rmtree(root, ignore_errors=True)
    print(f"Keystroke -> diagram painted ({n * rounds} keystrokes per row; load average {os.getloadavg()[0]:.2f})")
    print_keystrokes(rows)
    med = lambda xs: sorted(xs)[len(xs) // 2]
    cpu = [a + b for a, b in zip(cpu_s, cpu_r)]
    print(f"Main-thread CPU time per keystroke (trace, {len(cpu)} keystrokes): median {med(cpu):.1f} ms, p95 {p95(cpu):.1f} ms "
          f"(script {med(cpu_s):.1f} ms, style/layout/paint {med(cpu_r):.1f} ms)")


def keystrokes_ab(dists, cycles):
    """`tools/bench.py --keystrokes-ab DIST_A DIST_B [CYCLES]`: the tutorial keystroke measure of two
    bundles (or more) interleaved in one browser: one page load of each in turn (the order
    alternating), 30 keystrokes each, CYCLES times (default 6), so that the machine's load falls
    on both alike; at 60 Hz, and with frames unthrottled when SWITCHBOARD_BENCH_UNTHROTTLED=1."""
    import statistics
    extra = UNTHROTTLED if os.environ.get("SWITCHBOARD_BENCH_UNTHROTTLED") == "1" else ()
    root = tempfile.mkdtemp(prefix="switchboard-keys-ab-")
    for i, d in enumerate(dists):
        shutil.copytree(d, os.path.join(root, f"app{i}"))
    port = serve(root)
    drv, base = start_driver()
    res = [{"ms": [], "script": [], "layout": [], "dom": [], "floor": []} for _ in dists]
    loads = []
    try:
        sid = new_session(base, extra)
        s = f"/session/{sid}"
        call(base, "POST", s + "/timeouts", {"script": 600_000})
        for c in range(cycles):
            for i in (range(len(dists)) if c % 2 == 0 else reversed(range(len(dists)))):
                url = f"http://127.0.0.1:{port}/app{i}/index.html"
                call(base, "POST", s + "/url", {"url": url})
                call(base, "POST", s + "/execute/sync", {"script": "localStorage.clear(); sessionStorage.clear()", "args": []})
                call(base, "POST", s + "/url", {"url": url})
                r = call(base, "POST", s + "/execute/async", {"script": TYPE_SCRIPT, "args": [None, KEYSTROKES, TYPING]})
                if "error" in r:
                    raise SystemExit(f"keystrokes on {dists[i]}: {r['error']}")
                for k in res[i]:
                    res[i][k] += r[k]
            loads.append(os.getloadavg()[0])
        call(base, "DELETE", s)
    finally:
        drv.terminate()
        drv.wait()
        shutil.rmtree(root, ignore_errors=True)
    med = statistics.median
    print(f"Keystroke -> diagram painted, interleaved ({'frames unthrottled' if extra else '60 Hz frames'}, typing: {TYPING}; "
          f"{KEYSTROKES * cycles} keystrokes per bundle; load average {min(loads):.1f}-{max(loads):.1f})")
    print("| bundle | median | p95 | max | script (median) | style+layout (median) | DOM changes (median) | empty frame (median / p95) |")
    print("|---|---|---|---|---|---|---|---|")
    for d, r in zip(dists, res):
        print(f"| {d} | {med(r['ms']):.1f} ms | {p95(r['ms']):.1f} ms | {max(r['ms']):.1f} ms | {med(r['script']):.1f} ms | "
              f"{med(r['layout']):.1f} ms | {med(r['dom']):.0f} | {med(r['floor']):.1f} / {p95(r['floor']):.1f} ms |")


def main():
    if sys.argv[1:2] == ["--keystrokes-ab"]:
        rest = sys.argv[2:]
        cycles = int(rest[-1]) if rest and rest[-1].isdigit() else 6
        return keystrokes_ab([d for d in rest if not d.isdigit()], cycles)
    if sys.argv[1:2] == ["--keystrokes-only"]:
        rest = sys.argv[2:]
        return keystrokes_only(rest[0], int(rest[1]) if len(rest) > 1 else KEYSTROKES, int(rest[2]) if len(rest) > 2 else 2)
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
    drv, base = start_driver()
    sid = None
    try:
        sid = new_session(base)
        s = f"/session/{sid}"
        call(base, "POST", s + "/timeouts", {"script": 600_000})
        browser = "?"
        # the npm parsers' page only for the analysis table (KEYSTROKES_ONLY needs no NODE_MODULES)
        if not KEYS_ONLY:
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
        # SWITCHBOARD_BENCH_BIG_ONLY=1 (with KEYSTROKES_ONLY): only the biggest dump's keystrokes
        keys = [] if os.environ.get("SWITCHBOARD_BENCH_BIG_ONLY") == "1" else [("tutorial scene", None)]
        big = [n for n in names if "list" not in n]
        if big:
            keys.append((big[-1], big[-1]))
        for label, dump in keys:
            r = type_keys(base, s, port, label, dump, KEYSTROKES)
            keystrokes.append((label, r))
            prof = os.environ.get("SWITCHBOARD_BENCH_PROFILE")
            if prof and dump:
                # one more round of the big dump under the page's CPU profiler (the main thread:
                # decode and redraw; the worker's analysis is not in it: `cargo bench --bench keystroke`)
                profiled_round(base, s, port, label, dump, KEYSTROKES, prof)
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
    print_keystrokes(keystrokes)
    for label, r in keystrokes:
        if r.get("spans"):
            parts = ", ".join(f"{k.removeprefix('sb-')} {v['median']:.1f} ms" + (f" ({human(v['detail'])}B)" if v["detail"] else "")
                              for k, v in r["spans"].items())
            print(f"  {label}, medians per job of the worker's path (performance measures): {parts}")
        if r.get("domWhere"):
            print(f"  {label}, DOM changes per keystroke by place (nearest id, attribute or change): "
                  + ", ".join(f"{k} {v}" for k, v in r["domWhere"]))
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
