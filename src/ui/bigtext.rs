//! Whole-cluster texts (issue #12): "Open file…" and drag-and-drop next to paste, and an editor
//! that stays responsive on a 50 MB dump. Above `BIG_TEXT_BYTES` the highlighted editor (a
//! `<div>` per text line plus a gutter line each) is replaced by a read-only summary
//! (core::textsummary) and the first lines; "Edit as plain text" gives a bare textarea (no
//! colouring, no gutter), which the browser keeps fast at any size. The user's text is never
//! lost: a loaded file keeps the previous text as the draft (Scene ▸ "Your own text").

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{editor, Scene};
use crate::core::presets;
use crate::core::textsummary;

/// Above this the editor shows the summary instead of the highlighted textarea. The highlighter
/// draws two elements per line: 1 MiB of `kubectl get -o yaml` is ~40,000 lines, where a
/// keystroke already re-renders for hundreds of ms (measured by `./dev bench`, keystroke marks).
pub const BIG_TEXT_BYTES: usize = 1024 * 1024;

/// Lines of the big text shown under its summary.
const PREVIEW_LINES: usize = 200;

/// `12.3 MB`, `45.6 KB`, `789 bytes`.
pub fn human_bytes(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else if n >= 1_000 {
        format!("{:.1} KB", n as f64 / 1e3)
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
            <button type="button" class="btn" id="open-file" title="Open a YAML or JSON file (or drop one on the editor)"
                on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>"Open file…"</button>
            <input type="file" id="open-file-input" class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=".yaml,.yml,.json,.txt,text/*,application/json,application/yaml" node_ref=input on:change=on_change />
            <span class="filebar-hint">"or drop a file on the editor, or paste"</span>
            <span class="filebar-status" id="file-status" role="status">
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
/// (or, on request, a plain textarea). Files dropped anywhere on it are opened.
#[component]
pub fn TextArea(#[prop(optional)] read_only: bool) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let status = RwSignal::new(FileStatus::Idle);
    let big = Memo::new(move |_| scene.text.with(|t| t.len() > BIG_TEXT_BYTES));
    let plain = RwSignal::new(false);
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
            {move || match (big.get(), plain.get()) {
                (false, _) => view! { <editor::Editor read_only=read_only /> }.into_any(),
                (true, false) => view! { <Summary plain=plain /> }.into_any(),
                (true, true) => view! { <PlainEditor read_only=read_only plain=plain /> }.into_any(),
            }}
        </div>
    }
}

/// The read-only description of a big text, its first lines, and the ways out.
#[component]
fn Summary(plain: RwSignal<bool>) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let summary = Memo::new(move |_| scene.text.with(|t| textsummary::summarize(t)));
    let preview = Memo::new(move |_| scene.text.with(|t| textsummary::first_lines(t, PREVIEW_LINES).to_string()));
    view! {
        <div class="bigtext" id="bigtext" role="region" aria-label="Big text summary">
            {move || {
                let s = summary.get();
                let kinds = s.kinds.iter().map(|(k, n)| format!("{} {k}", thousands(*n))).collect::<Vec<_>>().join(", ");
                view! {
                    <p class="bigtext-head"><strong>{format!("{} of YAML", human_bytes(s.bytes))}</strong>
                        {format!(": {} lines, {} documents.", thousands(s.lines), thousands(s.documents))}</p>
                    <p class="bigtext-kinds" id="bigtext-kinds">{if kinds.is_empty() { "No kind: lines found.".to_string() } else { format!("Objects: {kinds}.") }}</p>
                }
            }}
            <p class="bigtext-why">{format!("Texts over {} are summarised here, not coloured line by line, so the page stays quick. The analysis and the diagram use the whole text.", human_bytes(BIG_TEXT_BYTES))}</p>
            <div class="bigtext-actions">
                <button type="button" class="btn" id="bigtext-edit" on:click=move |_| plain.set(true)>"Edit as plain text"</button>
                <button type="button" class="btn" id="bigtext-download"
                    on:click=move |_| super::sharebar::download("manifests.yaml", "application/yaml", &scene.text.get_untracked())>"Download"</button>
            </div>
            <p class="bigtext-preview-title">{format!("The first {PREVIEW_LINES} lines:")}</p>
            <pre class="bigtext-preview" id="bigtext-preview" tabindex="0" aria-label="The first lines of the text">{move || preview.get()}</pre>
        </div>
    }
}

/// A bare textarea for a big text: no colouring, no gutter (the browser edits megabytes fast).
#[component]
fn PlainEditor(read_only: bool, plain: RwSignal<bool>) -> impl IntoView {
    let scene = expect_context::<Scene>();
    let area = NodeRef::<html::Textarea>::new();
    // a keystroke here needs no copy back (megabytes each way, per keystroke: issue #12)
    let typed = StoredValue::new(false);
    Effect::new(move |_| {
        scene.text.track();
        if typed.get_value() {
            typed.set_value(false);
            return;
        }
        if let Some(a) = area.get() {
            scene.text.with_untracked(|t| {
                if a.value() != *t {
                    a.set_value(t);
                }
            });
        }
    });
    view! {
        <div class="bigtext-plain">
            <p class="bigtext-head">"Plain text (no colouring above " {human_bytes(BIG_TEXT_BYTES)} "). "
                <button type="button" class="btn" id="bigtext-summary" on:click=move |_| plain.set(false)>"Show the summary"</button></p>
            <textarea id="yaml" class="plain-yaml" node_ref=area readonly=read_only spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                aria-label="Kubernetes manifests (YAML)"
                prop:value=scene.text.get_untracked()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    if scene.text.with_untracked(|t| *t != v) {
                        typed.set_value(true);
                        scene.text.set(v);
                    }
                }></textarea>
        </div>
    }
}
