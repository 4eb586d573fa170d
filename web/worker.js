// The analysis worker (issue #12): big texts are analysed here so the page never freezes.
// This one file is both a module the page's wasm imports (a wasm-bindgen snippet: it tells the
// page where it is and where the JS glue is) and, started with `new Worker(url, {type:
// "module"})`, the worker itself. The worker loads the SAME JS glue and wasm as the page (no
// second binary), keeps its own copy of the text (the page sends it whole once, then only what
// changed), runs the core's analysis and posts the report back as compact bytes (core::wire:
// whole the first time, then what changed since the last one), transferred, not copied (no
// bytes: the report did not change). Same-origin module, no blob: or inline code, so it
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
  let doc = null; // the worker's copy of the text (TextDoc in src/ui/worker.rs)
  self.onmessage = async (e) => {
    const m = e.data;
    try {
      if (!glue) {
        self.postMessage({ id: m.id, phase: "loading" });
        // X.js next to X_bg.wasm (trunk's bundle); a test runner may serve it without ".js"
        const g = await import(m.glue).catch(() => import(m.glue.replace(/\.js$/, "")));
        await g.default();
        glue = g;
        doc = new glue.TextDoc();
      }
      self.postMessage({ id: m.id, phase: "analysing" });
      // the text: whole (after a start), or one replacement of our copy (UTF-8 byte offsets)
      const t0 = performance.now();
      const ok = m.full ? doc.set(m.text) : doc.splice(m.start, m.end, m.text);
      if (!ok) {
        self.postMessage({ id: m.id, phase: "resync" });
        return;
      }
      const t1 = performance.now();
      doc.analyze(m.nodes, m.cloud, m.flipped, m.deleted || "", m.cordoned || "", m.drained || "", m.client || "", m.cidrs || "", m.down || "", m.rollout || "");
      const t2 = performance.now();
      const bytes = doc.encode(); // empty: the report is the one sent last
      const t3 = performance.now();
      self.postMessage({ id: m.id, phase: "done", bytes, seq: doc.seq(), spliceMs: t1 - t0, analyzeMs: t2 - t1, encodeMs: t3 - t2 }, [bytes.buffer]);
      doc.release(); // the report before is freed while the page decodes and draws this one
    } catch (err) {
      self.postMessage({ id: m.id, phase: "error", error: String(err) });
    }
  };
}
