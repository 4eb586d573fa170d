// The two JS-API scenes of the examples page (an external module: the page runs under
// script-src 'self'). Relative URLs: the page works wherever the bundle is served.
import init from "../switchboard-web.js";

await init(); // the .wasm is found next to switchboard-web.js
window.sbA = Switchboard.mount(document.getElementById("sb-a"), { preset: "web-externalname", hideEditor: true });
window.sbB = Switchboard.mount(document.getElementById("sb-b"), { preset: "headless-statefulset", theme: "dark", readOnly: true });
document.body.dataset.mounted = "yes";
