//! Whole-cluster texts in the page (issue #12): "Open file…" and drag-and-drop, the summary and
//! the window editor of a big text (edits spliced into the whole text, real line numbers, Find,
//! Go to line, a clicked diagnostic opens its window, undo), the analysis in a Web Worker (same
//! report as the main thread; the worker's copy of the text follows one replacement per job),
//! and Cancel (the text and the last picture stay).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use switchboard::core::config::Config;
use switchboard::ui::worker::{Analyst, Phase, TextDoc, WORKER_ABOVE_BYTES};
use switchboard::ui::{App, Options, Scene};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn text_of(sel: &str) -> String {
    doc().query_selector(sel).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}
fn editor() -> web_sys::HtmlTextAreaElement {
    doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap()
}
fn bubbling() -> web_sys::EventInit {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init
}
async fn fresh_page() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    // the previous test's app (not the whole body: the test runner reports through it)
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        if let Some(n) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            n.remove();
        }
    }
    switchboard::ui::mount();
    leptos::task::tick().await;
}
async fn type_into_editor(text: &str) {
    let ta = editor();
    ta.set_value(text);
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &bubbling()).unwrap()).unwrap();
    leptos::task::tick().await;
}
async fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..2400 {
        if cond() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    panic!("timed out waiting for {what}");
}
fn file(name: &str, text: &str) -> web_sys::File {
    web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(text)), name).unwrap()
}
/// `n` pods labelled app=big and one Service selecting them (~320 bytes per pod: a comment
/// pads each, so that a text over the worker's threshold analyses quickly in a debug build).
fn cluster_text(n: usize, svc: &str) -> String {
    let mut t = format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {svc}\nspec:\n  selector:\n    app: big\n  ports:\n  - port: 80\n    targetPort: 8080\n");
    for i in 0..n {
        t.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: big-{i}\n  # {}\n  labels:\n    app: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n", "padding ".repeat(25)));
    }
    t
}
const SMALL: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: opened\nspec:\n  selector:\n    app: x\n  ports:\n  - port: 81\n";

#[wasm_bindgen_test]
async fn open_file_loads_the_text_and_keeps_the_previous_one_as_draft() {
    fresh_page().await;
    type_into_editor("apiVersion: v1\nkind: Service\nmetadata:\n  name: mine\nspec:\n  ports:\n  - port: 1\n").await;
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file("opened.yaml", SMALL)).unwrap();
    let input: web_sys::HtmlInputElement = doc().get_element_by_id("open-file-input").unwrap().dyn_into().unwrap();
    input.set_files(dt.files().as_ref());
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &bubbling()).unwrap()).unwrap();
    wait_for("the opened file", || editor().value() == SMALL).await;
    leptos::task::tick().await;
    assert_eq!(count(".service-card[data-name='opened']"), 1);
    assert!(text_of("#file-status").contains("Opened opened.yaml"));
    // the replaced text is one click away (Scene ▸ Your own text)
    assert_eq!(count("#preset option[value='draft']"), 1);
    // the button is a real, focusable button that opens the same input
    let b: web_sys::HtmlElement = doc().get_element_by_id("open-file").unwrap().dyn_into().unwrap();
    b.focus().unwrap();
    assert_eq!(doc().active_element().map(|e| e.id()).as_deref(), Some("open-file"));
}

#[wasm_bindgen_test]
async fn a_dropped_file_is_opened() {
    fresh_page().await;
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file("dropped.yaml", &SMALL.replace("opened", "dropped"))).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&dt));
    let target = doc().query_selector(".droptarget").unwrap().unwrap();
    let over = web_sys::DragEvent::new_with_event_init_dict("dragover", &init).unwrap();
    target.dispatch_event(&over).unwrap();
    assert!(over.default_prevented(), "dragover must be accepted for the drop to happen");
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    editor().dispatch_event(&drop).unwrap();
    assert!(drop.default_prevented(), "the browser must not navigate to the dropped file");
    wait_for("the dropped file", || editor().value().contains("name: dropped")).await;
    leptos::task::tick().await;
    assert_eq!(count(".service-card[data-name='dropped']"), 1);
}

#[wasm_bindgen_test]
async fn a_big_text_shows_a_summary_and_a_window_not_a_megabyte_textarea() {
    fresh_page().await;
    let big = cluster_text(4_000, "whole"); // ~1.3 MB: over BIG_TEXT_BYTES
    assert!(big.len() > 1024 * 1024);
    type_into_editor(&big).await;
    assert_eq!(count("#bigtext"), 1);
    assert_eq!(count("pre.hl"), 0, "no highlighted line per text line");
    assert!(text_of("#bigtext-kinds").contains("4,000 Pod"), "{}", text_of("#bigtext-kinds"));
    assert!(text_of("#bigtext-kinds").contains("1 Service"));
    assert!(text_of("#bigtext").contains("4,001 documents"));
    // the editor holds the first document only, its gutter that document's lines
    let first_doc = &big[..big.find("\n---\n").unwrap()];
    assert_eq!(editor().value(), first_doc);
    assert_eq!(editor().get_attribute("data-window").as_deref(), Some(""));
    assert_eq!(count(".bigtext-window .gutter .ln"), 10);
    assert_eq!(text_of("#bigtext-range"), format!("Lines 1–10 of {}", thousands(big.matches('\n').count() as u32 + 1)));
    // the next piece: the first Pod (line 11 is its `---`)
    click("bigtext-next");
    leptos::task::tick().await;
    assert!(editor().value().starts_with("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big-0\n"), "{}", editor().value());
    assert_eq!(attr(".bigtext-window .gutter .ln", "data-line").as_deref(), Some("12"));
    // typing in the window edits the window: the text stays big
    type_into_editor(SMALL).await;
    assert_eq!(count("#bigtext"), 1);
    // back to a small text (a file): the highlighted editor again
    open_file("small.yaml", SMALL);
    wait_for("the small file", || count("pre.hl") == 1).await;
    assert_eq!(count("#bigtext"), 0);
    assert_eq!(editor().value(), SMALL);
}

fn open_file(name: &str, text: &str) {
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file(name, text)).unwrap();
    let input: web_sys::HtmlInputElement = doc().get_element_by_id("open-file-input").unwrap().dyn_into().unwrap();
    input.set_files(dt.files().as_ref());
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &bubbling()).unwrap()).unwrap();
}

fn click(id: &str) {
    doc().get_element_by_id(id).unwrap_or_else(|| panic!("#{id}")).dyn_into::<web_sys::HtmlElement>().unwrap().click();
}
fn set_input(id: &str, v: &str) {
    let i: web_sys::HtmlInputElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    i.set_value(v);
    i.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &bubbling()).unwrap()).unwrap();
}
/// Type as the browser does (an undoable edit, then its input event).
fn exec(cmd: &str, arg: &str) -> bool {
    let d = doc();
    let f: js_sys::Function = js_sys::Reflect::get(&d, &"execCommand".into()).unwrap().dyn_into().unwrap();
    f.call3(&d, &cmd.into(), &false.into(), &arg.into()).unwrap().as_bool().unwrap_or(false)
}
/// The selected text of the editor.
fn selected() -> String {
    let a = editor();
    let v: Vec<u16> = a.value().encode_utf16().collect();
    let (s, e) = (a.selection_start().unwrap().unwrap() as usize, a.selection_end().unwrap().unwrap() as usize);
    String::from_utf16(&v[s..e]).unwrap()
}
/// The 1-based line `n` of `t`.
fn line(t: &str, n: u32) -> &str {
    t.split('\n').nth(n as usize - 1).unwrap()
}
/// The text's 1-based line at byte `at`.
fn line_at(t: &str, at: usize) -> u32 {
    1 + t[..at].matches('\n').count() as u32
}

/// Edit a 1.3 MB text through its window: the whole text and the analysis change as typed, the
/// gutter shows the whole text's line numbers, undo works, and a clicked diagnostic opens the
/// window at its line. (The page analyses on the main thread here: in wasm-bindgen-test's
/// runner a module worker never answers; tests/e2e.py runs the worker.)
#[wasm_bindgen_test]
async fn the_window_edits_the_whole_text_and_the_analysis_follows() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        if let Some(n) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            n.remove();
        }
    }
    let out = std::rc::Rc::new(std::cell::Cell::new(None::<Scene>));
    let out2 = out.clone();
    let opts = Options { autosave: true, ..Options::default() };
    leptos::mount::mount_to_body(move || view! { <App opts=opts.clone() scene_out=out2.clone() /> });
    leptos::task::tick().await;
    let scene = out.take().expect("the scene");
    scene.analyst.main_thread.set(true);
    let mut big = cluster_text(4_000, "whole");
    big.push_str("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: tail\nspec:\n  selector:\n    app: big\n  ports:\n  - port: 80\n");
    type_into_editor(&big).await;
    wait_for("the analysis of the big text", || count(".service-card[data-name='tail']") == 1).await;

    // Find opens the window at the match and selects it; the gutter counts the whole text
    set_input("bigtext-find", "name: tail");
    click("bigtext-find-next");
    leptos::task::tick().await;
    let doc_start = big.rfind("---\n").unwrap() + 4;
    let first = line_at(&big, doc_start);
    assert_eq!(editor().value(), &big[doc_start..]);
    assert_eq!(selected(), "name: tail");
    assert_eq!(attr(".bigtext-window .gutter .ln", "data-line"), Some(first.to_string()));
    assert_eq!(text(".bigtext-window .gutter .ln"), first.to_string());
    assert!(text_of("#bigtext-note").contains(&format!("line {}", thousands(first + 3))), "{}", text_of("#bigtext-note"));

    // typing: the caret after the name, two characters, undoable
    let a = editor();
    let caret = a.selection_end().unwrap().unwrap();
    a.set_selection_range(caret, caret).unwrap();
    assert!(exec("insertText", "2"));
    assert!(exec("insertText", "b"));
    let name_at = doc_start + big[doc_start..].find("name: tail").unwrap();
    let want = format!("{}name: tail2b{}", &big[..name_at], &big[name_at + 10..]);
    assert_eq!(scene.text.get_untracked().len(), want.len());
    assert!(scene.text.get_untracked() == want, "the whole text has exactly the typed change");
    wait_for("the analysis of the edit", || count(".service-card[data-name='tail2b']") == 1).await;
    assert_eq!(count(".service-card[data-name='tail']"), 0);
    assert!(exec("undo", ""));
    leptos::task::tick().await;
    assert!(scene.text.get_untracked() != want, "undo takes the typing back");
    if scene.text.get_untracked() != big {
        assert!(exec("undo", "")); // the browser kept the two characters as two steps
        leptos::task::tick().await;
    }
    assert!(scene.text.get_untracked() == big, "undo restores the text");

    // an error typed in the window is reported at its line of the whole text
    let port_line = first + 8;
    assert_eq!(line(&big, port_line), "  - port: 80");
    let v = editor().value();
    let at = v.find("port: 80").unwrap() as u32 + 6;
    editor().set_selection_range(at, at + 2).unwrap();
    assert!(exec("insertText", "99999"));
    let diag = format!(".diag[data-line='{port_line}'] .diag-jump");
    // (two: the port, and the targetPort defaulted from it)
    wait_for("the diagnostic of the typed error", || count(&diag) >= 1).await;
    assert!(text(&format!(".diag[data-line='{port_line}']")).contains("99999"));
    assert_eq!(attr(&format!(".bigtext-window .gutter .ln[data-line='{port_line}']"), "class").as_deref(), Some("ln mark-error"));
    // elsewhere (Go to line 1), then the diagnostic's button: the window at its line, selected
    set_input("bigtext-line", "1");
    click("bigtext-goto");
    leptos::task::tick().await;
    assert_eq!(attr(".bigtext-window .gutter .ln", "data-line").as_deref(), Some("1"));
    doc().query_selector(&diag).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    assert_eq!(attr(".bigtext-window .gutter .ln", "data-line"), Some(first.to_string()));
    assert_eq!(selected(), "  - port: 99999");
    assert_eq!(line(&scene.text.get_untracked(), port_line), "  - port: 99999");
    assert_eq!(doc().active_element().map(|e| e.id()).as_deref(), Some("yaml"));
}

fn thousands(n: u32) -> String {
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

/// The worker's copy of the text: whole once, then one replacement per job; a replacement that
/// does not fit its copy is refused (the page sends the whole text again); an unchanged report
/// is not sent again; a changed one goes as what changed since the last (numbered).
#[wasm_bindgen_test]
fn the_workers_copy_follows_one_replacement_per_job() {
    let text = cluster_text(20, "svc");
    let mut doc = TextDoc::new();
    assert!(doc.set(text.clone().into_bytes()));
    doc.analyze(3, false, "", "", "", "", "", "", "", "");
    let first = doc.encode();
    assert_eq!(switchboard::core::wire::decode(&first).unwrap().to_json(), switchboard::core::analyze(&text, &Config::default()).to_json());
    // the same text again: no bytes
    doc.analyze(3, false, "", "", "", "", "", "", "", "");
    assert!(doc.encode().is_empty());
    // rename the Service: what changed since the first report, applied to the page's copy of it
    let held = switchboard::core::wire::decode(&first).unwrap();
    let at = text.find("name: svc").unwrap() as u32 + 6;
    assert!(doc.splice(at, at + 3, b"front".to_vec()));
    doc.analyze(3, false, "", "", "", "", "", "", "", "");
    let bytes = doc.encode();
    assert_eq!(switchboard::core::wire::kind(&bytes), Some(switchboard::core::wire::Kind::Since { base: 1, seq: 2 }));
    assert_eq!(doc.seq(), 2);
    assert!(bytes.len() < first.len(), "{} bytes of {}: only what changed", bytes.len(), first.len());
    let r = switchboard::core::wire::decode_since(&bytes, Some(&held)).unwrap();
    assert_eq!(r.services[0].name, "front");
    let renamed = format!("{}front{}", &text[..at as usize], &text[at as usize + 3..]);
    assert_eq!(r.to_json(), switchboard::core::analyze(&renamed, &Config::default()).to_json());
    // not at a char boundary, out of range, not UTF-8: refused, the copy unchanged
    let mut d2 = TextDoc::new();
    assert!(d2.set("é".as_bytes().to_vec()));
    assert!(!d2.splice(1, 2, Vec::new()));
    assert!(!d2.splice(0, 9, Vec::new()));
    assert!(!d2.splice(0, 0, vec![0xff]));
    assert!(!d2.set(vec![0xc3]));
}

/// What the worker runs (`analyzeWire`: analyse, encode) decodes in the page to the main
/// thread's report. (The Worker round trip itself runs in tests/e2e.py on the release bundle:
/// in wasm-bindgen-test's runner a module worker started on the test's glue never answers.)
#[wasm_bindgen_test]
async fn the_workers_bytes_decode_to_the_main_threads_report() {
    let text = cluster_text(1_000, "mid");
    assert!(text.len() > WORKER_ABOVE_BYTES && text.len() < 1024 * 1024);
    let cfg = Config { cloud: true, flip_ready: vec!["default/big-3".into()], ..Config::default() };
    let bytes = switchboard::ui::worker::analyze_wire(&text, cfg.nodes as u32, true, "default/big-3", "", "", "", "", "");
    let got = switchboard::core::wire::decode(&bytes).expect("decodes");
    let want = switchboard::core::analyze(&text, &cfg);
    assert_eq!(got.to_json(), want.to_json());
    assert_eq!(got.pods.len(), 1_000);
    assert!(got.pods.iter().any(|p| p.name == "big-3" && p.ready_flipped));
    // the page's IP families travel to the worker as the ranges (worker::service_cidrs)
    let small = cluster_text(20, "mid");
    for f in switchboard::core::config::Families::ALL {
        let cfg = f.apply(Config::default());
        let cidrs = switchboard::ui::worker::service_cidrs(&cfg);
        let bytes = switchboard::ui::worker::analyze_wire(&small, cfg.nodes as u32, false, "", "", "", "", "", &cidrs);
        let got = switchboard::core::wire::decode(&bytes).expect("decodes");
        assert_eq!(got.to_json(), switchboard::core::analyze(&small, &cfg).to_json(), "{}", f.label());
    }
    // a browser with Worker sends big texts to it
    fresh_page().await; // also starts the reactive executor
    let owner = Owner::new();
    let (a, source) = owner.with(|| {
        let a = Analyst::new();
        let (text, source) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
        a.follow(text, source, Config::default);
        (a, text)
    });
    leptos::task::tick().await;
    assert!(!a.main_thread.get_untracked());
    source.set(text);
    leptos::task::tick().await;
    assert!(a.phase.get_untracked().running(), "{:?}", a.phase.get_untracked());
    source.set(SMALL.to_string());
    leptos::task::tick().await;
    assert_eq!(a.phase.get_untracked(), Phase::Idle, "a small text stops the job");
    drop(owner);
}

#[wasm_bindgen_test]
async fn cancel_keeps_the_text_and_the_last_picture() {
    fresh_page().await;
    assert_eq!(count(".service-card[data-name='web']"), 1);
    let text = cluster_text(1_000, "mid");
    type_into_editor(&text).await;
    // analysed after a pause in typing, in the worker: the progress line, then Cancel
    wait_for("the progress line", || count("#analysis-progress") == 1).await;
    assert!(text_of("#analysis-progress").contains("in the background"));
    assert_eq!(count("progress.analysis-bar"), 1);
    doc().get_element_by_id("analysis-cancel").unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    assert_eq!(count("#analysis-progress"), 0);
    assert_eq!(count("#analysis-cancelled"), 1);
    assert_eq!(editor().value(), text, "the text stays");
    assert_eq!(count(".service-card[data-name='web']"), 1, "the last picture stays");
    assert_eq!(count(".service-card[data-name='mid']"), 0);
    // the way back: "Analyse again" starts it again
    doc().get_element_by_id("analysis-retry").unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    assert_eq!(count("#analysis-progress"), 1);
}

/// Two edits of the window editor made before a job are one replacement of the text the worker
/// holds (`merge_edits`, what `Analyst::edited` keeps): applied to it, it gives the text after
/// both, wherever the second edit falls (before, inside, across or after the first).
#[wasm_bindgen_test]
fn two_edits_merge_into_the_replacement_of_both() {
    use switchboard::ui::worker::merge_edits;
    let apply = |t: &str, (p, o, n): (usize, usize, usize), after: &str| format!("{}{}{}", &t[..p], &after[p..n], &t[o..]);
    let a = "0123456789abcdefghij";
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut below = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..2000 {
        // A -> B: bytes p0..o0 of A replaced by 0..3 letters; B -> C likewise
        let (p0, o0) = { let x = below(a.len() + 1); (x, x + below(a.len() + 1 - x)) };
        let b = format!("{}{}{}", &a[..p0], &"XYZ"[..below(4)], &a[o0..]);
        let n0 = b.len() - (a.len() - o0);
        let (p, o) = { let x = below(b.len() + 1); (x, x + below(b.len() + 1 - x)) };
        let c = format!("{}{}{}", &b[..p], &"uvw"[..below(4)], &b[o..]);
        let n = c.len() - (b.len() - o);
        let m = merge_edits((p0, o0, n0), (p, o, n));
        assert_eq!(apply(a, m, &c), c, "A {a:?} B {b:?} C {c:?} merged {m:?}");
    }
}
