//! Whole-cluster texts in the page (issue #12): "Open file…" and drag-and-drop, the read-only
//! summary of a big text, the analysis in a Web Worker (same report as the main thread), and
//! Cancel (the text and the last picture stay).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use switchboard::core::config::Config;
use switchboard::ui::worker::{Analyst, Phase, WORKER_ABOVE_BYTES};

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
async fn a_big_text_shows_a_summary_not_a_highlighted_textarea() {
    fresh_page().await;
    let big = cluster_text(4_000, "whole"); // ~1.3 MB: over BIG_TEXT_BYTES
    assert!(big.len() > 1024 * 1024);
    type_into_editor(&big).await;
    assert_eq!(count("#bigtext"), 1);
    assert_eq!(count(".editor .gutter"), 0, "no gutter line per text line");
    assert_eq!(count("pre.hl"), 0, "no highlighted line per text line");
    assert!(text_of("#bigtext-kinds").contains("4,000 Pod"), "{}", text_of("#bigtext-kinds"));
    assert!(text_of("#bigtext-kinds").contains("1 Service"));
    assert!(text_of("#bigtext").contains("4,001 documents"));
    assert_eq!(text_of("#bigtext-preview").lines().count(), 200);
    // edit anyway: a plain textarea with the whole text, still no highlighter
    doc().get_element_by_id("bigtext-edit").unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    assert_eq!(editor().value().len(), big.len());
    assert_eq!(count("pre.hl"), 0);
    // back to a small text: the highlighted editor again
    type_into_editor(SMALL).await;
    assert_eq!(count("#bigtext"), 0);
    assert_eq!(count("pre.hl"), 1);
}

/// What the worker runs (`analyzeWire`: analyse, encode) decodes in the page to the main
/// thread's report. (The Worker round trip itself runs in tests/e2e.py on the release bundle:
/// in wasm-bindgen-test's runner a module worker started on the test's glue never answers.)
#[wasm_bindgen_test]
async fn the_workers_bytes_decode_to_the_main_threads_report() {
    let text = cluster_text(1_000, "mid");
    assert!(text.len() > WORKER_ABOVE_BYTES && text.len() < 1024 * 1024);
    let cfg = Config { cloud: true, flip_ready: vec!["default/big-3".into()], ..Config::default() };
    let bytes = switchboard::ui::worker::analyze_wire(&text, cfg.nodes as u32, true, "default/big-3", "", "", "");
    let got = switchboard::core::wire::decode(&bytes).expect("decodes");
    let want = switchboard::core::analyze(&text, &cfg);
    assert_eq!(got.to_json(), want.to_json());
    assert_eq!(got.pods.len(), 1_000);
    assert!(got.pods.iter().any(|p| p.name == "big-3" && p.ready_flipped));
    // a browser with Worker sends big texts to it
    fresh_page().await; // also starts the reactive executor
    let owner = Owner::new();
    let (a, source) = owner.with(|| {
        let a = Analyst::new();
        let source = RwSignal::new(String::new());
        a.follow(source, Config::default);
        (a, source)
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
