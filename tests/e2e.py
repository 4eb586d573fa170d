#!/usr/bin/env python3
"""End to end: the release bundle in dist/, served on 127.0.0.1, driven in headless Chromium
through chromedriver (plain WebDriver over HTTP; no packages needed).

Checks: the default scene renders (the tutorial's web Service, 3 nodes, 3 pods + the client),
the console has no errors, a user with only a keyboard can reach the controls and step a
request to its pod, and a preset opened from the URL renders.
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import http.server
import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_dist(port, directory=DIST):
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=directory, **k)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    httpd = socketserver.TCPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


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

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            v = json.loads(r.read() or b"{}")
        return v["value"] if isinstance(v, dict) and "value" in v else v

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def get(self, url):
        self.s("POST", "/url", {"url": url})

    def keys(self, *ks):
        actions = []
        for k in ks:
            actions += [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "kbd", "actions": actions}]})

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


TAB, ENTER, ESC = "\ue004", "\ue007", "\ue00c"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


def main():
    if not os.path.exists(os.path.join(DIST, "index.html")):
        print("dist/index.html missing: run `trunk build --release` first", file=sys.stderr)
        return 2
    web_port, wd_port, other_port = free_port(), free_port(), free_port()
    httpd = serve_dist(web_port)
    other = serve_dist(other_port, os.path.join(ROOT, "tests", "fixtures"))  # a second origin: a foreign host page
    driver_bin = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    drv = subprocess.Popen([driver_bin, f"--port={wd_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{wd_port}/status", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        wd = WebDriver(wd_port)
        url = f"http://127.0.0.1:{web_port}/"
        wd.get(url)
        rendered = wd.wait("return document.querySelector(\"[data-kind='service'][data-name='web']\") !== null")
        check("release bundle renders the default scene", rendered)
        counts = wd.js("""
            const q = s => document.querySelectorAll(s).length;
            return [q("[data-kind='node']"), q("[data-kind='pod']"), q("[data-kind='pod'].endpoint"), q("[data-kind='dns']")];""")
        check("3 nodes, 3 pods + client, 3 endpoints, cluster DNS", counts == [3, 4, 3, 1], counts)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("no console errors", not errors, errors)

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

        # a scene opened from the URL
        wd.get(url + "?preset=broken-lb-pending&entry=loadbalancer&step=1&theme=dark")
        ok = wd.wait("return document.querySelector(\"[data-kind='load-balancer'].pending\") !== null")
        theme = wd.js("return document.documentElement.getAttribute('data-theme')")
        check("?preset=… opens a pending LoadBalancer in dark theme", ok and theme == "dark", theme)
        errors = [l for l in wd.logs() if l.get("level") == "SEVERE"]
        check("still no console errors", not errors, errors)

        # the examples page: three iframes and two JS mounts, independent
        wd.get(url + "examples/embed.html")
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

        # postMessage: a host on another origin; only the frame that names it obeys
        a = f"http://127.0.0.1:{web_port}"
        b = f"http://127.0.0.1:{other_port}"
        wd.get(b + "/host.html")
        wd.js(f"""window.got = [];
            window.addEventListener('message', e => window.got.push([e.origin, e.data && e.data.event]));
            for (const [id, q] of [['deaf', ''], ['named', '&origin=' + encodeURIComponent('{b}')]]) {{
                const f = document.createElement('iframe'); f.id = id; f.width = 900; f.height = 500;
                f.src = '{a}/index.html?embed&preset=web-clusterip' + q; document.body.appendChild(f); }}""")
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
    except Exception as e:  # a broken driver or page is a failure, not a crash
        check("e2e run", False, repr(e))
    finally:
        if wd:
            wd.quit()
        drv.terminate()
        httpd.shutdown()
        other.shutdown()
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
