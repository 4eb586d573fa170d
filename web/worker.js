// The analysis worker (issue #12): big texts are analysed here so the page never freezes.
// This one file is both a module the page's wasm imports (a wasm-bindgen snippet: it tells the
// page where it is and where the JS glue is) and, started with `new Worker(url, {type:
// "module"})`, the worker itself. The worker loads the SAME JS glue and wasm as the page (no
// second binary), runs the core's analysis and posts the report back as compact bytes
// (core::wire), transferred, not copied. Same-origin module, no blob: or inline code, so it
// runs under the page's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').

// where this file is: the page starts it as a worker from here
export function workerScriptUrl() {
  return import.meta.url;
}

// The JS glue next to the wasm: wasm-bindgen names them X.js and X_bg.wasm, and the page has
// fetched the wasm, so its resource entry says where both are (any sub-path, any file name).
export function glueUrl() {
  for (const e of performance.getEntriesByType("resource")) {
    const m = /^(.*)_bg\.wasm(\?.*)?$/.exec(e.name);
    if (m) return m[1] + ".js";
  }
  return null;
}

const inWorker = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
if (inWorker && !self.__switchboardWorker) {
  self.__switchboardWorker = true;
  let glue = null;
  self.onmessage = async (e) => {
    const m = e.data;
    try {
      if (!glue) {
        self.postMessage({ id: m.id, phase: "loading" });
        // X.js next to X_bg.wasm (trunk's bundle); a test runner may serve it without ".js"
        const g = await import(m.glue).catch(() => import(m.glue.replace(/\.js$/, "")));
        await g.default();
        glue = g;
      }
      self.postMessage({ id: m.id, phase: "analysing" });
      const t0 = performance.now();
      const bytes = glue.analyzeWire(m.text, m.nodes, m.cloud, m.flipped, m.deleted || "", m.cordoned || "", m.drained || "");
      self.postMessage({ id: m.id, phase: "done", bytes, ms: performance.now() - t0 }, [bytes.buffer]);
    } catch (err) {
      self.postMessage({ id: m.id, phase: "error", error: String(err) });
    }
  };
}
