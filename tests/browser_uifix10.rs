//! uifix10 browser tests: the iptables rules break between words only (not after the `--` of
//! `--mode`) and copy as the real line; a big text's bad `?service=` gets its notice once the
//! worker's report with the Services arrives, as one line and a "show choices" disclosure; an
//! embed in one column opens on the diagram.
#![cfg(target_arch = "wasm32")]

use switchboard::ui::api::mount_with;
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn el(sel: &str) -> web_sys::HtmlElement {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("no {sel}")).dyn_into().unwrap()
}

/// Run `src` as a function of `a` (web-sys is built without the Range and Selection features).
fn js(src: &str, a: &wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    js_sys::Function::new_with_args("a", src).call1(&wasm_bindgen::JsValue::NULL, a).unwrap()
}

/// The page's stylesheet, once (the test page has none: the breaks, the column order and the
/// notice's height are CSS).
fn styled() {
    if doc().get_element_by_id("uifix10-css").is_none() {
        let style = doc().create_element("style").unwrap();
        style.set_id("uifix10-css");
        style.set_text_content(Some(include_str!("../style/main.css")));
        doc().head().unwrap().append_child(&style).unwrap();
    }
}

fn sized(id: &str, width: u32) -> web_sys::HtmlElement {
    styled();
    let h = host(id);
    h.style().set_property("width", &format!("{width}px")).unwrap();
    h
}

/// uifix10 (learner9: "--dpor|t 80", "-- mode"): in a 360 px wide instance every rule's words
/// that hold a hyphen lie on one line each, and the cell's text — what a copy takes — is the
/// iptables line itself (no non-breaking hyphen, no joiner).
#[wasm_bindgen_test]
async fn rules_break_between_words_and_copy_as_the_real_line() {
    let h = sized("r360", 360);
    let _m = mount_with(h, Options::parse("?preset=web-nodeport&entry=nodeport@node-2&step=2", ""));
    settle(60).await;
    let codes = doc().query_selector_all("#r360 tr[data-kind='iptables-rule'] code").unwrap();
    assert!(codes.length() > 5, "{} rules", codes.length());
    let (mut toks, mut probability) = (0, false);
    for i in 0..codes.length() {
        let code: web_sys::Element = codes.item(i).unwrap().dyn_into().unwrap();
        let line = code.text_content().unwrap();
        assert!(!line.contains('\u{2011}') && !line.contains('\u{2060}') && !line.contains('\u{a0}'), "{line:?}");
        assert!(line.starts_with("-A ") || line.starts_with(':') || line.starts_with('*') || line.starts_with("-I "), "{line:?}");
        probability |= line.contains("--mode random");
        let spans = code.query_selector_all(":scope > span").unwrap();
        for k in 0..spans.length() {
            let s: web_sys::Element = spans.item(k).unwrap().dyn_into().unwrap();
            let t = s.text_content().unwrap();
            toks += 1;
            if s.get_bounding_client_rect().width() < code.get_bounding_client_rect().width() {
                assert_eq!(js("return a.getClientRects().length", &s).as_f64(), Some(1.0), "{t:?} broken across lines in {line:?}");
            }
        }
        // the copy: a selection of the whole cell's code
        let copied = js("const r = document.createRange(); r.selectNodeContents(a); const s = getSelection(); s.removeAllRanges(); s.addRange(r); const t = s.toString(); s.removeAllRanges(); return t", &code);
        assert_eq!(copied.as_string().as_deref(), Some(line.as_str()));
    }
    assert!(toks > 20, "{toks} hyphenated words");
    assert!(probability, "a --mode random rule (three endpoints)");
}

/// uifix10 (embed9 leftover): a text big enough for the Web Worker path opened with
/// `service=nope` got no notice (it was checked against the first report, which has no
/// Services yet); it is checked when the worker's report with the Services arrives. At 360 px
/// it is one line and a closed "show choices" disclosure, not 7 lines of choices.
#[wasm_bindgen_test]
async fn a_big_texts_bad_service_gets_its_notice_when_the_workers_report_arrives() {
    let mut y = String::from(switchboard::core::presets::find("web-nodeport").unwrap().yaml);
    let mut i = 0;
    while y.len() < switchboard::ui::worker::WORKER_ABOVE_BYTES + 4096 {
        y.push_str(&format!("\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-{i}\ndata:\n  k: \"{}\"\n", "x".repeat(400)));
        i += 1;
    }
    let mut o = Options::parse("?embed&service=nope", "");
    o.yaml = Some(y);
    let _m = mount_with(sized("big", 360), o);
    poll(200, || within("big", "[data-kind='notice']") > 0).await;
    assert_eq!(within("big", "[data-kind='notice']"), 1, "a notice once the worker answered");
    let n = el("#big [data-kind='notice']");
    let line = el("#big [data-kind='notice'] .notice-text").text_content().unwrap();
    assert_eq!(line, "Not found: service \"nope\" (showing web).");
    let d: web_sys::HtmlDetailsElement = doc().query_selector("#big .notice-choices").unwrap().unwrap().dyn_into().unwrap();
    assert!(!d.open(), "the choices folded");
    assert!(d.text_content().unwrap().contains("Services: web."));
    // its line (two at most at 360 px) and the disclosure's summary: well under the 7 lines of
    // the sentence that listed every choice (15 px × 1.45 a line, 18 px of padding and border)
    let lh = 15.0 * 1.45;
    assert!(n.get_bounding_client_rect().height() < 18.0 + 4.0 * lh, "{} px tall", n.get_bounding_client_rect().height());
    // the fallback itself stays: web is drawn
    assert_eq!(within("big", "[data-kind='service'][data-name='web']"), 1);
}

/// uifix10 (learner9 m360-itp-embed.png): an embed in one column opened on the editor; it opens
/// on the diagram, the editor after it. A full-page instance keeps the editor first.
#[wasm_bindgen_test]
async fn an_embed_in_one_column_opens_on_the_diagram() {
    let _m = mount_with(sized("e360", 360), Options::parse("?embed&preset=web-clusterip", ""));
    settle(60).await;
    poll(40, || within("e360", "svg.diagram") > 0 && within("e360", ".editor-pane") > 0).await;
    let top = |sel: &str| doc().query_selector(sel).unwrap().unwrap().get_bounding_client_rect().top();
    let diagram = top("#e360 svg.diagram");
    let editor = el("#e360 .editor-pane").get_bounding_client_rect().top();
    assert!(diagram < editor, "diagram at {diagram}, editor at {editor}");
    let _p = mount_with(sized("p360", 360), Options::parse("?preset=web-clusterip", ""));
    poll(40, || within("p360", "svg.diagram") > 0 && within("p360", ".editor-pane") > 0).await;
    assert!(top("#p360 .editor-pane") < top("#p360 svg.diagram"));
}
