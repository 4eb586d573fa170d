//! Whole-cluster texts (issue #12): "Open file…" and drag-and-drop next to paste, and an editor
//! that stays responsive on a 50 MB dump. Above `BIG_TEXT_BYTES` the highlighted editor (a
//! `<div>` per text line plus a gutter line each) is replaced by a summary (core::textsummary)
//! and a *window*: one piece of the text (the YAML document or `kind: List` item around a line,
//! at most `WINDOW_LINES` lines; core::textsummary::window_at) in a small textarea with the
//! real line numbers in its gutter. The whole text stays in `Scene::text`; each input splices
//! the window's change back into it (one replacement, core::textsummary::changed_range), and the
//! analysis runs on the whole text as before. The window opens at a line (Go to line, a clicked
//! diagnostic), at a search match (Find), at the selected Service, or steps to the previous /
//! next piece. No textarea ever holds megabytes (laying one out took ~4 s per keystroke on a
//! 7 MB dump). The user's text is never lost: a loaded file keeps the previous text as the
//! draft (Scene ▸ "Your own text"), and the window textarea is marked `data-window` so the
//! crash rescue (ui::crash) saves the whole text, not the window.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{editor, Scene};
use crate::core::presets;
use crate::core::diag::Severity;
use crate::core::textsummary::{self, Window};

/// Above this the editor shows the summary instead of the highlighted textarea. The highlighter
/// draws two elements per line: 1 MiB of `kubectl get -o yaml` is ~40,000 lines, where a
/// keystroke already re-renders for hundreds of ms (measured by `./dev bench`, keystroke marks).
pub const BIG_TEXT_BYTES: usize = 1024 * 1024;

/// The most lines a window shows (a document or List item longer than this gets a window of
/// this many lines around the line asked for). A textarea of 600 lines lays out in ~1 ms.
pub const WINDOW_LINES: u32 = 600;

/// `12.3 MB`, `45.6 KB`, `789 bytes`.
pub fn human_bytes(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{} MB", crate::core::decimal::fixed(n as f64 / 1e6, 1))
    } else if n >= 1_000 {
        format!("{} KB", crate::core::decimal::fixed(n as f64 / 1e3, 1))
    } else {
        format!("{n} bytes")
    }
}

/// `12,345`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Replace the text with a file's (or a drop's) content; the text it replaces becomes the draft
/// unless it is a preset's.
pub fn load_text(scene: Scene, text: String) {
    let current = scene.text.get_untracked();
    if current == text {
        return;
    }
    if !current.trim().is_empty() && !presets::ALL.iter().any(|p| p.yaml == current) {
        scene.draft.set(Some(current));
    }
    scene.text.set(text);
    // a file is a new scene: it opens on its first Service with a problem
    // (Report::default_service), not on one the replaced text named (uifix11)
    scene.service.set(String::new());
    scene.port.set(None);
    scene.backend.set(0);
    scene.hits.set(Vec::new());
    scene.flipped.set(Vec::new());
    scene.tour.set(None);
    scene.reset_animation();
}

/// What the file bar says: reading, opened, or why not.
#[derive(Clone, PartialEq)]
enum FileStatus {
    Idle,
    Reading(String),
    Opened(String),
    Failed(String),
}

/// Read `file` as UTF-8 text (the browser's decoder: invalid bytes become U+FFFD) into the scene.
fn read_file(scene: Scene, status: RwSignal<FileStatus>, file: web_sys::File) {
    let label = format!("{} ({})", file.name(), human_bytes(file.size() as usize));
    status.set(FileStatus::Reading(label.clone()));
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(v) => match v.as_string() {
                Some(t) => {
                    load_text(scene, t);
                    status.set(FileStatus::Opened(label));
                }
                None => status.set(FileStatus::Failed(format!("{label} is not text"))),
            },
            Err(e) => status.set(FileStatus::Failed(format!("{label} could not be read: {}", e.as_string().unwrap_or_else(|| "the browser refused".into())))),
        }
    });
}

/// The first file of a drop, if any.
fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

/// "Open file…" (a real file input behind a button: keyboard reachable) and what happened.
#[component]
fn FileBar(status: RwSignal<FileStatus>) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    let input = NodeRef::<html::Input>::new();
    let on_change = move |ev: web_sys::Event| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(f) = el.files().and_then(|l| l.get(0)) {
            read_file(scene, status, f);
        }
        el.set_value(""); // the same file can be opened again
    };
    view! {
        <div class="filebar">
            <button type="button" class="btn" id=ids.id("open-file") title="Open a YAML or JSON file (or drop one on the editor)"
                on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>"Open file…"</button>
            <input type="file" id=ids.id("open-file-input") class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=".yaml,.yml,.json,.txt,text/*,application/json,application/yaml" node_ref=input on:change=on_change />
            <span class="filebar-hint">"or drop a file on the editor, or paste"</span>
            <span class="filebar-status" id=ids.id("file-status") role="status">
                {move || match status.get() {
                    FileStatus::Idle => String::new(),
                    FileStatus::Reading(l) => format!("Reading {l}…"),
                    FileStatus::Opened(l) => format!("Opened {l}."),
                    FileStatus::Failed(m) => m,
                }}
            </span>
        </div>
    }
}

/// The editor pane's text area: the highlighted editor, or above `BIG_TEXT_BYTES` the summary
/// and the window editor. Files dropped anywhere on it are opened.
#[component]
pub fn TextArea(#[prop(optional)] read_only: bool) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let status = RwSignal::new(FileStatus::Idle);
    let big = Memo::new(move |_| scene.text.with(|t| t.len() > BIG_TEXT_BYTES));
    let over = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if read_only {
            return;
        }
        if let Some(f) = dropped_file(&ev) {
            read_file(scene, status, f);
        }
    };
    view! {
        {(!read_only).then(|| view! { <FileBar status=status /> })}
        <div class="droptarget" class:dragover=move || over.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop>
            {move || if big.get() {
                view! { <BigEditor read_only=read_only /> }.into_any()
            } else {
                view! { <editor::Editor read_only=read_only /> }.into_any()
            }}
        </div>
    }
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// UTF-16 length (what textarea offsets count).
fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// The summary of a big text and its window editor.
#[component]
fn BigEditor(read_only: bool) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let ids = scene.ids;
    // the summary (one pass over the whole text, ~tens of ms on 7 MB) follows the text after a
    // pause in typing, not on each keystroke; the size is live
    let tick = RwSignal::new(0u32);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |prev: Option<()>| {
        scene.text.track();
        if prev.is_none() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(set_timeout_with_handle(move || tick.update(|n| *n += 1), std::time::Duration::from_millis(1000)).ok());
    });
    on_cleanup(move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
    });
    let summary = Memo::new(move |_| {
        tick.track();
        scene.text.with_untracked(|t| textsummary::summarize(t))
    });
    let bytes = Memo::new(move |_| scene.text.with(String::len));

    // the window: which bytes of the text the textarea shows, and how many lines it has now
    let win = RwSignal::new(None::<Window>);
    let win_lines = RwSignal::new(0u32);
    let area = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Div>::new();
    let note = RwSignal::new(String::new());
    // show the window around `line`; select `select` (a line, or a byte range of the text) in it
    let open = move |line: u32, select: Option<Select>, focus: bool| {
        let Some(a) = area.get_untracked() else { return };
        let (w, value) = scene.text.with_untracked(|t| {
            let w = textsummary::window_at(t, line, WINDOW_LINES);
            (w, t[w.start..w.end].to_string())
        });
        if win.get_untracked() != Some(w) || a.value() != value {
            a.set_value(&value);
            a.set_scroll_top(0);
        }
        win_lines.set(value.matches('\n').count() as u32 + 1);
        win.set(Some(w));
        if focus {
            let _ = a.focus();
        }
        if let Some(sel) = select {
            let (from, to) = match sel {
                Select::Line(l) => {
                    let rel = l.saturating_sub(w.first_line) + 1;
                    let s = textsummary::line_start(&value, rel);
                    let e = value[s..].find('\n').map_or(value.len(), |i| s + i);
                    (s, e)
                }
                Select::Bytes(s, e) => (s.saturating_sub(w.start), e.saturating_sub(w.start)),
            };
            // (a match running past the window ends at its end; never inside a character)
            let floor = |mut x: usize| {
                x = x.min(value.len());
                while !value.is_char_boundary(x) {
                    x -= 1;
                }
                x
            };
            let (from, to) = (floor(from), floor(to));
            let rel_line = value[..from].matches('\n').count() as f64;
            let _ = a.set_selection_range(utf16_len(&value[..from]), utf16_len(&value[..to]));
            a.set_scroll_top(((rel_line - 4.0) * 20.0).max(0.0) as i32); // 20 px: --editor-line-height
        }
        sync_gutter(area, gutter);
    };
    // the window's text changed: splice that change into the whole text
    let splice = move |a: &web_sys::HtmlTextAreaElement| {
        let Some(w) = win.get_untracked() else { return };
        let v = a.value();
        let edit = scene.text.with_untracked(|t| t.get(w.start..w.end).map(|old| textsummary::changed_range(old, &v)));
        let changed = match edit {
            Some((p, old_end, new_end)) if !(p == old_end && p == new_end) => {
                scene.analyst.edited(w.start + p, w.start + old_end, w.start + new_end);
                scene.text.update(|t| t.replace_range(w.start + p..w.start + old_end, &v[p..new_end]));
                true
            }
            _ => false,
        };
        if changed {
            win.set(Some(Window { end: w.start + v.len(), ..w }));
            let n = v.matches('\n').count() as u32 + 1;
            if win_lines.get_untracked() != n {
                win_lines.set(n);
            }
        }
    };
    // the first window, and a new one whenever the text changes from elsewhere (a preset, a
    // fix, another file): typing in the window keeps it
    Effect::new(move |_| {
        scene.text.track();
        let Some(a) = area.get() else { return };
        let same = win.get_untracked().is_some_and(|w| scene.text.with_untracked(|t| t.get(w.start..w.end).is_some_and(|s| s == a.value())));
        if !same {
            let line = win.get_untracked().map_or(1, |w| w.first_line);
            open(line, None, false);
        }
    });
    // a clicked diagnostic: the window at its line, the line selected (not a click made before
    // this editor was shown)
    Effect::new(move |prev: Option<()>| {
        let jump = scene.jump.get();
        if let (Some(line), Some(_), Some(())) = (jump, area.get(), prev) {
            open(line, Some(Select::Line(line)), true);
        }
    });
    let go_line = RwSignal::new(String::new());
    let find = RwSignal::new(String::new());
    let find_from = StoredValue::new(0usize);
    let do_goto = move || match go_line.get_untracked().trim().replace(',', "").parse::<u32>() {
        Ok(l) if l >= 1 => {
            open(l, Some(Select::Line(l)), true);
            note.set(format!("Line {}.", thousands(l as usize)));
        }
        _ => note.set("Type a line number (1 or more).".into()),
    };
    let do_find = move || {
        let needle = find.get_untracked();
        if needle.is_empty() {
            note.set("Type what to find (a name, a label, any text).".into());
            return;
        }
        let hit = scene.text.with_untracked(|t| {
            let from = find_from.get_value().min(t.len());
            let from = (0..=from).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
            t[from..].find(&needle).map(|i| (from + i, false)).or_else(|| t.find(&needle).map(|i| (i, true))).map(|(i, wrapped)| (i, textsummary::line_of(t, i), wrapped))
        });
        match hit {
            Some((at, line, wrapped)) => {
                find_from.set_value(at + needle.len());
                open(line, Some(Select::Bytes(at, at + needle.len())), true);
                note.set(format!("“{needle}” on line {}{}.", thousands(line as usize), if wrapped { " (from the top again)" } else { "" }));
            }
            None => note.set(format!("No “{needle}” in the text.")),
        }
    };
    let do_selected = move || {
        let idx = untrack(|| scene.service_index());
        let hit = scene.shown.with_untracked(|r| idx.and_then(|i| r.services.get(i)).map(|s| (s.name.clone(), s.namespace.clone(), s.line)));
        match hit {
            Some((name, ns, line)) if line > 0 => {
                open(line, Some(Select::Line(line)), true);
                note.set(format!("The Service {name} ({ns}) starts on line {}.", thousands(line as usize)));
            }
            _ => note.set("No Service is selected.".into()),
        }
    };
    let step = move |forward: bool| {
        let Some(w) = win.get_untracked() else { return };
        let next = scene.text.with_untracked(|t| if forward { textsummary::window_after(t, &w, WINDOW_LINES) } else { textsummary::window_before(t, &w, WINDOW_LINES) });
        match next {
            Some(n) => open(n.first_line, None, false),
            None => note.set(if forward { "This is the end of the text." } else { "This is the start of the text." }.into()),
        }
    };
    // worst severity per line of the window (diagnostics count lines of the whole text)
    let marks = Memo::new(move |_| {
        let Some(w) = win.get() else { return Vec::new() };
        let last = w.first_line + win_lines.get().saturating_sub(1);
        scene.analysis.with(|r| {
            let mut m: Vec<(u32, Severity, String)> = Vec::new();
            for d in r.diagnostics.iter().filter(|d| d.line >= w.first_line && d.line <= last) {
                match m.iter_mut().find(|(l, _, _)| *l == d.line) {
                    Some(e) => {
                        e.1 = e.1.min(d.severity);
                        e.2.push('\n');
                        e.2.push_str(&d.message);
                        super::editor::push_hint(&mut e.2, d);
                    }
                    None => {
                        let mut t = d.message.clone();
                        super::editor::push_hint(&mut t, d);
                        m.push((d.line, d.severity, t));
                    }
                }
            }
            m
        })
    });
    let first_line = Memo::new(move |_| win.with(|w| w.map_or(1, |w| w.first_line)));
    let range = move || {
        let first = first_line.get();
        let last = first + win_lines.get().saturating_sub(1);
        format!("Lines {}–{} of {}", thousands(first as usize), thousands(last as usize), thousands(summary.with(|s| s.lines)))
    };
    let escaped = StoredValue::new(false);
    view! {
        <div class="bigtext" id=ids.id("bigtext") role="region" aria-label="Big text">
            {move || {
                let s = summary.get();
                let kinds = s.kinds.iter().map(|(k, n)| format!("{} {k}", thousands(*n))).collect::<Vec<_>>().join(", ");
                view! {
                    <p class="bigtext-head"><strong>{move || format!("{} of YAML", human_bytes(bytes.get()))}</strong>
                        {format!(": {} lines, {} documents.", thousands(s.lines), thousands(s.documents))}</p>
                    <p class="bigtext-kinds" id=ids.id("bigtext-kinds")>{if kinds.is_empty() { "No kind: lines found.".to_string() } else { format!("Objects: {kinds}.") }}</p>
                }
            }}
            <p class="bigtext-why">{format!("Texts over {} are edited one piece at a time (a document, or one item of a List), so typing stays quick. The analysis and the diagram use the whole text.", human_bytes(BIG_TEXT_BYTES))}</p>
            <div class="bigtext-nav" role="group" aria-label="Open a piece of the text">
                <span class="bigtext-field">
                    <label for=ids.id("bigtext-line")>"Line"</label>
                    <input type="text" id=ids.id("bigtext-line") inputmode="numeric" size="8" autocomplete="off"
                        prop:value=move || go_line.get()
                        on:input=move |ev| go_line.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); do_goto(); } />
                    <button type="button" class="btn" id=ids.id("bigtext-goto") on:click=move |_| do_goto()>"Go"</button>
                </span>
                <span class="bigtext-field">
                    <label for=ids.id("bigtext-find")>"Find"</label>
                    <input type="search" id=ids.id("bigtext-find") size="18" autocomplete="off" spellcheck="false" placeholder="a name, e.g. app-7"
                        prop:value=move || find.get()
                        on:input=move |ev| { find.set(event_target_value(&ev)); find_from.set_value(0); }
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); do_find(); } />
                    <button type="button" class="btn" id=ids.id("bigtext-find-next") on:click=move |_| do_find()>"Find next"</button>
                </span>
                <button type="button" class="btn" id=ids.id("bigtext-selected") on:click=move |_| do_selected()>"Edit the selected Service"</button>
                <button type="button" class="btn" id=ids.id("bigtext-download")
                    on:click=move |_| super::sharebar::download("manifests.yaml", "application/yaml", &scene.text.get_untracked())>"Download"</button>
            </div>
            <div class="bigtext-window-head">
                <span class="bigtext-range" id=ids.id("bigtext-range")>{range}</span>
                <button type="button" class="btn" id=ids.id("bigtext-prev") on:click=move |_| step(false)>"Previous piece"</button>
                <button type="button" class="btn" id=ids.id("bigtext-next") on:click=move |_| step(true)>"Next piece"</button>
                <span class="bigtext-note" id=ids.id("bigtext-note") role="status">{move || note.get()}</span>
            </div>
            <div class="editor bigtext-window" class:stale=move || scene.stale.get()>
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    {move || {
                        let first = first_line.get();
                        let n = win_lines.get();
                        let marks = marks.get();
                        (first..first + n)
                            .map(|l| {
                                let mark = marks.iter().find(|(m, _, _)| *m == l);
                                let class = mark.map_or("ln".to_string(), |(_, s, _)| format!("ln mark-{}", sev_class(*s)));
                                let title = mark.map(|(_, _, m)| m.clone()).unwrap_or_default();
                                view! { <div class=class title=title data-line=l>{l}</div> }
                            })
                            .collect_view()
                    }}
                </div>
                <div class="code">
                    <textarea id=ids.id("yaml") class="window-yaml yaml-input" data-window="" node_ref=area readonly=read_only spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                        aria-label=move || format!("Kubernetes manifests (YAML), {}", range())
                        aria-describedby=ids.id("bigtext-help")
                        on:input=move |ev| {
                            if let Some(a) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                                splice(&a);
                            }
                        }
                        on:scroll=move |_| sync_gutter(area, gutter)
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            // as the highlighted editor: Tab indents, Esc then Tab leaves (WCAG 2.1.2)
                            if let Some(a) = super::editor::tab_key(&ev, escaped) {
                                splice(&a);
                            }
                        }></textarea>
                </div>
            </div>
            <p id=ids.id("bigtext-help") class="editor-help">"This piece of the text is edited in place: Ctrl+Z undoes. Tab indents; Esc then Tab leaves the editor. Line numbers are the whole text's."</p>
        </div>
    }
}

/// What to select when a window opens.
#[derive(Clone, Copy)]
enum Select {
    /// a line of the whole text (1-based)
    Line(u32),
    /// bytes of the whole text
    Bytes(usize, usize),
}

fn sync_gutter(area: NodeRef<html::Textarea>, gutter: NodeRef<html::Div>) {
    if let (Some(a), Some(g)) = (area.get_untracked(), gutter.get_untracked()) {
        g.set_scroll_top(a.scroll_top());
    }
}
