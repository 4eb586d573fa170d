#!/usr/bin/env python3
"""Screenshots of the release bundle (dist/) in headless Chromium, for looking at the UI and for
the README's images. Usage: tools/screenshots.py OUT_DIR [--readme]
Takes: the default scene light/dark at 1280 and 360 px, the embed view, a 50-node 500-pod
scene during load mode at 1280 and 360 px; --readme also rewrites assets/screenshot.png
(LoadBalancer at step 2, light, 1400×940) and assets/screenshot-dark.png (selector typo, dark)."""
import base64
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import e2e  # noqa: E402  (its static server and WebDriver client)


def big_scene(nodes=50, pods=500):
    y = "".join(f"---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-{i}}}\n" for i in range(1, nodes + 1))
    return y + (f"---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{selector: {{app: web}}, ports: [{{port: 80, targetPort: 8080}}]}}\n"
                f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: {pods}\n"
                "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
                "    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}\n")


def size(wd, w, h):
    """The viewport as a device of w × h CSS px (a window cannot be narrower than ~500 px)."""
    wd.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride",
                                       "params": {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": False}})


def shot(wd, path, w, h, full=True):
    time.sleep(0.6)
    params = {"format": "png", "captureBeyondViewport": full}
    if full:
        # panels below the fold skip rendering (content-visibility: auto, style/main.css) until
        # scrolled to; a full-page capture shows them as they look once there (CSSOM, so the
        # page's CSP allows it)
        wd.js("document.querySelectorAll('.teach, .summary-table, .details-tables').forEach(e => e.style.contentVisibility = 'visible')")
        time.sleep(0.3)
        dims = wd.js("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        params["clip"] = {"x": 0, "y": 0, "width": dims[0], "height": min(dims[1], 4000), "scale": 1}
    data = wd.s("POST", "/goog/cdp/execute", {"cmd": "Page.captureScreenshot", "params": params})["data"]
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))
    print(path, flush=True)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    port, wdp = e2e.free_port(), e2e.free_port()
    root = e2e.site_root()
    httpd = e2e.serve_dir(port, root)
    drv = subprocess.Popen([os.environ.get("CHROMEDRIVER") or "chromedriver", f"--port={wdp}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    wd = e2e.WebDriver(wdp)
    url = f"http://127.0.0.1:{port}{e2e.BASE}"
    ready = "return document.querySelector(\"svg.diagram [data-kind='service']\") !== null"
    try:
        for theme in ("light", "dark"):
            for w in (1280, 360):
                size(wd, w, 900)
                wd.get(url + f"?theme={theme}&step=2")
                wd.wait(ready)
                shot(wd, os.path.join(out, f"default-{theme}-{w}.png"), w, 900)
        size(wd, 900, 700)
        wd.get(url + "?embed&preset=web-nodeport&entry=nodeport@node-2&editor=0&step=3")
        wd.wait(ready)
        shot(wd, os.path.join(out, "embed-900.png"), 900, 700)
        for w in (1280, 360):
            size(wd, w, 900)
            wd.get(url + "?theme=light")
            wd.wait(ready)
            wd.js("const t = document.getElementById('yaml'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));", big_scene())
            wd.wait("return document.querySelector(\"[data-kind='node-group']\") !== null", 30)
            wd.js("document.getElementById('load').click()")
            time.sleep(4)
            shot(wd, os.path.join(out, f"big-50-nodes-load-{w}.png"), w, 900)
            wd.js("document.getElementById('load').click()")
        if "--readme" in sys.argv:
            assets = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")
            size(wd, 1400, 940)
            wd.get(url + "?preset=web-loadbalancer&entry=loadbalancer&step=2&theme=light")
            wd.wait(ready)
            shot(wd, os.path.join(assets, "screenshot.png"), 1400, 940, full=False)
            wd.get(url + "?preset=broken-selector-typo&theme=dark")
            wd.wait(ready)
            shot(wd, os.path.join(assets, "screenshot-dark.png"), 1400, 940, full=False)
    finally:
        wd.quit()
        drv.terminate()
        httpd.shutdown()


if __name__ == "__main__":
    main()
