// Starts Switchboard. An external module instead of trunk's inline loader, so the page runs
// under `script-src 'self' 'wasm-unsafe-eval'` (no inline script, no hash to keep in sync).
// Every URL is relative: the JS glue is next to this file, and wasm-bindgen finds the .wasm
// next to the glue (import.meta.url), so the folder works at any path: /, /switchboard/, /a/b/c/.
import init from "./switchboard-web.js";

try {
  await init();
  document.getElementById("boot")?.remove();
} catch (e) {
  document.getElementById("boot")?.remove();
  // never a blank page: say what is missing (the text below is built as text, not HTML)
  const p = document.createElement("p");
  p.className = "boot-error";
  p.setAttribute("role", "alert");
  p.textContent = "Switchboard could not start in this browser (" + e + "). It needs WebAssembly; if this page is served with a Content-Security-Policy, script-src must include 'wasm-unsafe-eval'.";
  document.body.append(p);
  throw e;
}
