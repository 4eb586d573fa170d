//! "Why no traffic?": the checklist for the selected Service and entry point, with one-click
//! fixes. A fix edits the YAML through the textarea's own editing (`insertText`), so the
//! browser's undo (Ctrl+Z) and redo (Ctrl+Shift+Z) take it back together with typed edits.
//! The checks and the edits come from `crate::core::checklist`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Scene;
use crate::core::checklist::{apply, checklist, Check, Edit};

/// UTF-16 offset of `line:column` (1-based, column in characters): what textarea selections count.
fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut off = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            return off + l.chars().take(column.saturating_sub(1) as usize).map(|c| c.len_utf16() as u32).sum::<u32>();
        }
        off += l.encode_utf16().count() as u32 + 1;
    }
    off
}

/// Apply `edit` to the editor text as if typed: select the old scalar and insert the new one
/// with `document.execCommand("insertText")`, which keeps the textarea's undo history.
/// Without an editable textarea (an embed with editor=0, read-only), the text is set directly.
pub fn apply_edit(scene: Scene, edit: &Edit) -> bool {
    let text = scene.text.get_untracked();
    let Some(want) = apply(&text, edit) else { return false };
    let doc = web_sys::window().and_then(|w| w.document());
    // this instance's editor (mountfix: `get_element_by_id("yaml")` found the first mount's)
    let area = scene.ids.editor();
    let mut done = false;
    if let (Some(d), Some(a)) = (doc, area.filter(|a| !a.read_only() && a.value() == text)) {
        let start = utf16_offset(&text, edit.line, edit.column);
        let end = start + edit.old.encode_utf16().count() as u32;
        let _ = a.focus();
        let _ = a.set_selection_range(start, end);
        let exec = js_sys::Reflect::get(&d, &"execCommand".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(f) = exec {
            let ok = f.call3(&d, &"insertText".into(), &false.into(), &edit.new.as_str().into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
            done = ok && a.value() == want;
            if ok && !done {
                a.set_value(&text); // the browser edited something else: put the text back
            }
        }
    }
    scene.text.set(want);
    scene.backend.set(0);
    scene.reset_animation();
    done
}

#[component]
pub fn WhyNoTraffic() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let checks = Memo::new(move |_| {
        let (svc, entry) = (scene.service.get(), scene.entry.get());
        // the analysed text (the report's lines are its lines), not each keystroke's; a big
        // text's once its diagram is painted (finding the Service's document in a whole
        // cluster's text takes milliseconds)
        scene.panel(|| scene.source.with(|t| scene.analysis.with(|r| checklist(t, r, &svc, &entry))))
    });
    let failing = Memo::new(move |_| checks.with(|c| c.iter().filter(|c| c.status == "fail").count()));
    let warning = Memo::new(move |_| checks.with(|c| c.iter().filter(|c| c.status == "warn").count()));
    // one row per place in the checklist (and how many fixes it offers), its texts and
    // attributes following the check there: a keystroke that renames the Service sets texts
    // (issue #12)
    let check_view = move |(i, fixes): (usize, usize)| {
        let get = move |f: fn(&Check) -> String| move || checks.with(|c| c.get(i).map(f).unwrap_or_default());
        view! {
            <li data-kind="check" data-check=get(|c| c.key.clone()) data-status=get(|c| c.status.clone()) class=get(|c| format!("check check-{}", c.status))>
                <span class="check-mark" aria-hidden="true">{get(|c| match c.status.as_str() { "ok" => "✓", "fail" => "✗", "warn" => "!", "info" => "→", _ => "–" }.to_string())}</span>
                <span class="check-title">{get(|c| c.title.clone())}</span>
                <span class="sr">{get(|c| format!(" ({})", c.status))}</span>
                <span class="check-why">{get(|c| c.why.clone())}</span>
                // our hint on the Kubernetes error the why quotes, as its own muted line, as the
                // problems list shows it (learnfix15: it was inline, in parentheses)
                {move || checks.with(|c| c.get(i).and_then(|c| c.hint.clone())).map(|h| view! {
                    <span class="diag-hint check-hint"><span class="diag-hint-label">"hint: "</span>{h}</span>
                })}
                // (two when each is right under another assumption: "Set targetPort: 8080 (if the
                // app listens on 8080)", "Declare containerPort 3000 … (if it listens on 3000)")
                {(0..fixes).map(|j| {
                    let fix = move |f: fn(&crate::core::checklist::Fix) -> String| move || checks.with(|c| c.get(i).and_then(|c| c.fixes().nth(j)).map(f).unwrap_or_default());
                    view! {
                        <button type="button" class="btn fix" data-kind="fix" data-check=get(|c| c.key.clone()) data-fix=j
                            title=fix(|f| format!("Edits line {}: {} → {}", f.edit.line, if f.edit.old.is_empty() { "(new line)".to_string() } else { f.edit.old.clone() }, f.edit.new.trim_end()))
                            on:click=move |_| {
                                if let Some(edit) = checks.with_untracked(|c| c.get(i).and_then(|c| c.fixes().nth(j)).map(|f| f.edit.clone())) {
                                    apply_edit(scene, &edit);
                                    // the edit is typed into the editor (its undo history keeps
                                    // it), but a keyboard user stays in this panel: on its
                                    // summary, which then says how many checks fail (learner4:
                                    // focus jumped into the editor)
                                    let summary = scene.ids.find("why-no-traffic", ":scope > summary");
                                    if let Some(el) = summary.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                                        let _ = el.focus();
                                    }
                                }
                            }>
                            {fix(|f| f.label.clone())}
                        </button>
                    }
                }).collect_view()}
            </li>
        }
        .into_any()
    };
    view! {
        <details class="teach whynot" id=ids.id("why-no-traffic") open>
            <summary>{move || match (failing.get(), warning.get()) {
                (0, 0) => "Why no traffic? — every check passes".to_string(),
                (0, w) => format!("Why no traffic? — no check fails, {w} to look at"),
                (1, _) => "Why no traffic? — 1 check fails".to_string(),
                (n, _) => format!("Why no traffic? — {n} checks fail"),
            }}</summary>
            <ol class="checks">
                {super::keyed::keyed_list(move || checks.with(|c| c.iter().enumerate().map(|(i, c)| (super::keyed::key_hash(&(i, c.fixes().count())), (i, c.fixes().count()))).collect()), check_view)}
            </ol>
        </details>
    }
}
