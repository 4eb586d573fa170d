//! The YAML editor (a textarea with a line gutter that marks diagnostics) and the list of
//! diagnostics that jumps to a line.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Scene;
use crate::core::diag::{Diagnostic, Severity};
use crate::core::highlight;

/// Lines beyond this are shown uncoloured (keeps typing fast in huge pastes).
const MAX_COLOURED_LINES: usize = 3000;

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// UTF-16 offset of the start of `line` (1-based): what textarea selection APIs count.
fn line_offset_utf16(text: &str, line: u32) -> u32 {
    let mut off = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 >= line as usize {
            break;
        }
        off += l.encode_utf16().count() as u32 + 1;
    }
    off
}

#[component]
pub fn Editor(#[prop(optional)] read_only: bool) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let area = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Div>::new();
    // a big text is shown by ui::bigtext instead: draw nothing for it while this unmounts
    let lines = Memo::new(move |_| scene.text.with(|t| if t.len() > super::bigtext::BIG_TEXT_BYTES { 0 } else { t.split('\n').count().max(1) }));
    // worst severity per line
    let marks = Memo::new(move |_| {
        scene.analysis.with(|r| {
            let mut m: Vec<(u32, Severity, String)> = Vec::new();
            for d in r.diagnostics.iter() {
                match m.iter_mut().find(|(l, _, _)| *l == d.line) {
                    Some(e) => {
                        if d.severity < e.1 {
                            e.1 = d.severity;
                        }
                        e.2.push('\n');
                        e.2.push_str(&d.message);
                        push_hint(&mut e.2, d);
                    }
                    None => {
                        let mut t = d.message.clone();
                        push_hint(&mut t, d);
                        m.push((d.line, d.severity, t));
                    }
                }
            }
            m
        })
    });
    // Outside changes of the text (a preset, a shared link) are written into the textarea;
    // the user's own typing is never written back (that would move the caret).
    Effect::new(move |_| {
        let t = scene.text.get();
        if let Some(a) = area.get() {
            if a.value() != t {
                a.set_value(&t);
            }
        }
    });
    // Jump to a line: select it, focus, scroll it into view.
    Effect::new(move |_| {
        if let (Some(line), Some(a)) = (scene.jump.get(), area.get()) {
            let text = a.value();
            let start = line_offset_utf16(&text, line);
            let end = line_offset_utf16(&text, line + 1).saturating_sub(1).max(start);
            let _ = a.focus();
            let _ = a.set_selection_range(start, end);
            let lh = 20.0; // matches --editor-line-height in style/main.css
            a.set_scroll_top((((line as f64) - 4.0) * lh).max(0.0) as i32);
        }
    });
    let overlay = NodeRef::<html::Pre>::new();
    let escaped = StoredValue::new(false);
    // Tabs pressed in a row inside the editor (each one indents): from the second, the help
    // under the editor lights up and says how to leave (learn16: a keyboard user pressed Tab 42
    // times, every one indenting the YAML, before reading "Esc then Tab")
    let tabs = RwSignal::new(0u32);
    let sync_scroll = move |_| {
        if let (Some(a), Some(g)) = (area.get(), gutter.get()) {
            g.set_scroll_top(a.scroll_top());
            if let Some(o) = overlay.get() {
                o.set_scroll_top(a.scroll_top());
                o.set_scroll_left(a.scroll_left());
            }
        }
    };
    // colouring: the same text, tokenised per line, drawn under a transparent textarea; one
    // keyed row per line, so a keystroke rebuilds only the line it changed (ui::keyed)
    let coloured_lines = move || {
        marks.with(|marks| {
            scene.text.with(|t| {
                let n = if t.len() > super::bigtext::BIG_TEXT_BYTES { 0 } else { usize::MAX };
                let lines: Vec<(String, String, bool)> = t
                    .split('\n')
                    .take(n)
                    .enumerate()
                    .map(|(i, line)| {
                        let n = i as u32 + 1;
                        let cls = match marks.iter().find(|(l, _, _)| *l == n) {
                            Some((_, s, _)) => format!("hl-line line-{}", sev_class(*s)),
                            None => "hl-line".to_string(),
                        };
                        (line.to_string(), cls, i < MAX_COLOURED_LINES)
                    })
                    .collect();
                super::keyed::keyed(lines, |l| l.clone())
            })
        })
    };
    let coloured_line = |(line, cls, coloured): (String, String, bool)| {
        let runs = if coloured {
            highlight::tokens(&line).into_iter().map(|(c, s)| view! { <span class=format!("tok-{c}")>{s.to_string()}</span> }).collect_view().into_any()
        } else {
            line.into_any()
        };
        view! { <div class=cls>{runs}"\u{200b}"</div> }.into_any()
    };
    view! {
        <div class="editor" class:stale=move || scene.stale.get()>
            <div class="gutter" aria-hidden="true" node_ref=gutter>
                {move || {
                    let marks = marks.get();
                    (1..=lines.get() as u32)
                        .map(|n| {
                            let mark = marks.iter().find(|(l, _, _)| *l == n);
                            let class = match mark {
                                Some((_, s, _)) => format!("ln mark-{}", sev_class(*s)),
                                None => "ln".to_string(),
                            };
                            let title = mark.map(|(_, _, m)| m.clone()).unwrap_or_default();
                            view! { <div class=class title=title data-line=n>{n}</div> }
                        })
                        .collect_view()
                }}
            </div>
            <div class="code">
            <pre class="hl" aria-hidden="true" node_ref=overlay>{super::keyed::keyed_list(coloured_lines, coloured_line)}</pre>
            <textarea
                id=ids.id("yaml")
                class="yaml-input"
                node_ref=area
                readonly=read_only
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                wrap="off"
                aria-label="Kubernetes manifests (YAML)"
                prop:value=scene.text.get_untracked()
                on:input=move |ev| {
                    let new = event_target_value(&ev);
                    // a text pasted over the old one is a new scene: it opens on its own first
                    // Service with a problem (Report::default_service), not on a Service the
                    // old one named — uifix11: learner11's q/48 dump, pasted over the preset
                    // web-clusterip, opened on its healthy default/web ("every check passes")
                    // while shop/orders was broken
                    if scene.service.with_untracked(|k| !k.is_empty()) && scene.text.with_untracked(|old| replaced_wholesale(old, &new)) {
                        scene.service.set(String::new());
                    }
                    scene.text.set(new)
                }
                on:scroll=sync_scroll
                aria-describedby=ids.id("editor-help")
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if let Some(a) = tab_key(&ev, escaped) {
                        scene.text.set(a.value());
                        tabs.update(|n| *n += 1);
                    } else if ev.key() != "Shift" && tabs.get_untracked() != 0 {
                        tabs.set(0);
                    }
                }
                on:blur=move |_| tabs.set(0)
            ></textarea>
            </div>
        </div>
        <p id=ids.id("editor-help") class=move || { if tabs.get() >= 2 { "editor-help editor-help-lit" } else { "editor-help" } }>
            "Edit the manifests; the picture follows every keystroke. Tab indents; Esc then Tab leaves the editor."
            // (a live region that is always there, so its new words are announced)
            <span class="editor-tab-note" data-kind="editor-tab-note" role="status">
                {move || { if tabs.get() >= 2 { " Tab indents the YAML here: press Esc, then Tab, to leave the editor." } else { "" } }}
            </span>
        </p>
    }
}

/// A whole cluster can have thousands of diagnostics: this many are listed at first, a button
/// lists the rest (issue #12).
const FIRST_DIAGNOSTICS: usize = 200;

#[component]
pub fn Diagnostics() -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let all = RwSignal::new(false);
    let count = Memo::new(move |_| scene.analysis.with(|r| r.diagnostics.len()));
    view! {
        <div class="diagnostics" id=ids.id("diagnostics") role="region" aria-label="Diagnostics" aria-live="polite">
            <Show when=move || scene.stale.get()>
                <p class="stale-note">"The YAML does not parse; the picture shows the last version that did."</p>
            </Show>
            {move || {
                let every = all.get();
                // only the count here: the rows follow the report by themselves (keyed)
                let total = count.get();
                if total == 0 {
                    view! { <p class="all-clear">"No problems found."</p> }.into_any()
                } else {
                    let more = if every { 0 } else { total.saturating_sub(FIRST_DIAGNOSTICS) };
                    // keyed by content: a keystroke that changes one diagnostic (or none)
                    // rebuilds that row only, not every row listed (issue #12)
                    let listed = total - more;
                    let rows = move || scene.analysis.with(|r| {
                        let shown: Vec<Diagnostic> = r.diagnostics.iter().take(listed).cloned().collect();
                        super::keyed::keyed(shown, |d| super::keyed::key_hash(&(d.line, d.column, sev_class(d.severity), &d.code, &d.message, &d.object, &d.hint)))
                    });
                    view! {
                        <ul class="diag-list">
                            {super::keyed::keyed_list(rows, move |d: Diagnostic| {
                                let line = d.line;
                                let sev = sev_class(d.severity);
                                view! {
                                    <li class=format!("diag {sev}") data-code=d.code.clone() data-line=line>
                                        <button type="button" class="diag-jump" title="Show this line in the editor"
                                            on:click=move |_| scene.jump.set(Some(line))>
                                            <span class="diag-pos">{format!("{}:{}", d.line, d.column)}</span>
                                            <span class="diag-sev">{sev}</span>
                                        </button>
                                        <span class="diag-msg">
                                            {d.object.map(|o| view! { <span class="diag-obj">{o}": "</span> })}
                                            {d.message}
                                            // our hint under Kubernetes' words, styled as ours
                                            {d.hint.map(|h| view! { <span class="diag-hint"><span class="diag-hint-label">"hint: "</span>{h}</span> })}
                                        </span>
                                    </li>
                                }.into_any()
                            })}
                        </ul>
                        {(more > 0).then(|| view! {
                            <button type="button" class="btn show-all" id=ids.id("show-all-diagnostics") on:click=move |_| all.set(true)>
                                {format!("Show all {total} diagnostics ({more} more)")}
                            </button>
                        })}
                    }.into_any()
                }
            }}
        </div>
    }
}

/// A gutter mark's title: the diagnostic's message, then our hint on the next line.
pub(super) fn push_hint(t: &mut String, d: &Diagnostic) {
    if let Some(h) = &d.hint {
        t.push_str("\nhint: ");
        t.push_str(h);
    }
}

/// An editor's keys: Tab inserts two spaces (YAML has no tabs); Esc then Tab leaves the editor,
/// so keyboard users are never trapped (WCAG 2.1.2). Returns the textarea when Tab inserted the
/// spaces (the caller takes its new text).
pub(super) fn tab_key(ev: &web_sys::KeyboardEvent, escaped: StoredValue<bool>) -> Option<web_sys::HtmlTextAreaElement> {
    let key = ev.key();
    if key == "Escape" {
        escaped.set_value(true);
        return None;
    }
    let leave = escaped.get_value();
    escaped.set_value(false);
    if key != "Tab" || leave || ev.shift_key() || ev.ctrl_key() || ev.alt_key() {
        return None;
    }
    let a = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())?;
    ev.prevent_default();
    let _ = a.set_range_text_with_start_and_end_and_mode("  ", a.selection_start().ok().flatten().unwrap_or(0), a.selection_end().ok().flatten().unwrap_or(0), "end");
    Some(a)
}

/// Whether `new` replaced `old` rather than edited it: the common start and end of the two
/// keep less than half of `old` (a keystroke, a pasted snippet or a deleted line keep nearly all).
pub(crate) fn replaced_wholesale(old: &str, new: &str) -> bool {
    // a keystroke (a character, a Tab's two spaces) changes the length by a few bytes: no scan
    // of a whole dump's text per keystroke
    if old.len().abs_diff(new.len()) <= 4 {
        return false;
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head.min(b.len())..].iter().rev()).take_while(|(x, y)| x == y).count();
    (head + tail) * 2 < a.len()
}
