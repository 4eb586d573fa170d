// The panel shown when the wasm panics. Built here, in plain JS and DOM, because after a panic
// the wasm (and Leptos with it) may be dead: nothing below calls back into wasm. No inline
// style or script, so it works under the page's strict Content-Security-Policy (the look is in
// style/main.css, `.crash-panel`). See src/ui/crash.rs.
const RESCUE_KEY = "switchboard.v1.rescue";
const DRAFT_KEY = "switchboard.v1.draft";

function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  e.append(...kids);
  return e;
}

export function showCrash(message, text, keepDraft) {
  // keep the text first: a reload restores it from here (sessionStorage is per tab)
  try { sessionStorage.setItem(RESCUE_KEY, text); } catch (_) { /* blocked: the panel still has it */ }
  if (keepDraft) {
    try { localStorage.setItem(DRAFT_KEY, text); } catch (_) { /* full or blocked */ }
  }
  if (!document.body || document.getElementById("sb-crash")) return;
  const area = el("textarea", { id: "sb-crash-text", readOnly: true, spellcheck: false, value: text });
  area.setAttribute("aria-label", "Your text");
  const status = el("p", { className: "crash-status", id: "sb-crash-status" });
  status.setAttribute("role", "status");
  const button = (id, label, onClick) => {
    const b = el("button", { type: "button", id, className: "btn", textContent: label });
    b.addEventListener("click", onClick);
    return b;
  };
  const panel = el("div", { id: "sb-crash", className: "crash-panel" },
    el("h2", { id: "sb-crash-title", textContent: "Switchboard stopped working" }),
    el("p", { textContent: "Your text is safe: it is below, and Reload brings it back into the editor." }),
    area,
    el("div", { className: "crash-actions" },
      button("sb-crash-copy", "Copy", async () => {
        area.focus();
        area.select();
        let ok = false;
        try { await navigator.clipboard.writeText(area.value); ok = true; } catch (_) {
          try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
        }
        panel.dataset.copied = ok ? "yes" : "no";
        status.textContent = ok ? "Copied to the clipboard." : "The text is selected: press Ctrl+C (⌘C) to copy it.";
      }),
      button("sb-crash-download", "Download", () => {
        const url = URL.createObjectURL(new Blob([area.value], { type: "application/yaml" }));
        const a = el("a", { href: url, download: "manifests.yaml" });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        panel.dataset.downloaded = "yes";
      }),
      button("sb-crash-reload", "Reload", () => location.reload())),
    status,
    el("details", {}, el("summary", { textContent: "What happened (for a bug report)" }),
      el("pre", { id: "sb-crash-message", textContent: message })));
  panel.setAttribute("role", "alertdialog");
  panel.setAttribute("aria-labelledby", "sb-crash-title");
  document.body.append(panel);
  document.documentElement.classList.add("sb-crashed");
  panel.querySelector("#sb-crash-copy").focus();
}
