//! Browser tests (wasm-bindgen-test in headless Chromium): the page mounts, analyses the
//! tutorial's example, and re-analyses as the user types.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn text_of(sel: &str) -> String {
    doc().query_selector(sel).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}
async fn type_into_editor(text: &str) {
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn default_scene_then_live_edits() {
    switchboard::ui::mount();
    leptos::task::tick().await;

    // the tutorial's web Service: ClusterIP, 3 ready endpoints on port 8080, its DNS name
    let card = ".service-card[data-name='web']";
    assert_eq!(count(card), 1);
    assert_eq!(doc().query_selector(card).unwrap().unwrap().get_attribute("data-type").as_deref(), Some("ClusterIP"));
    assert_eq!(count("tr.endpoint"), 3);
    assert!(text_of(".endpoints").contains(":8080"));
    assert!(text_of("ul.dns").contains("web.default.svc.cluster.local"));
    assert_eq!(count(".path[data-entry='pod'][data-outcome='delivered']"), 1);
    assert_eq!(count(".path[data-entry='outside'][data-outcome='dropped']"), 1);
    assert!(text_of("#diagnostics").contains("No problems found"));

    // a selector typo: no endpoints, a warning at the selector's line, the path is rejected
    let original = doc().get_element_by_id("yaml").unwrap().dyn_into::<web_sys::HtmlTextAreaElement>().unwrap().value();
    type_into_editor(&original.replacen("app: web\n  ports", "app: wbe\n  ports", 1)).await;
    assert_eq!(count("tr.endpoint"), 0);
    assert_eq!(count(".path[data-entry='pod'][data-outcome='rejected']"), 1);
    assert_eq!(count(".diag[data-code='NoPodsSelected']"), 1);
    assert!(text_of(".path[data-entry='pod'] .path-reason").contains("selector app=wbe matches 0 pods"));

    // invalid YAML: the errors show, the last good picture stays (marked stale), text is kept
    type_into_editor("kind: Service\nspec: [\n").await;
    assert_eq!(count(".diag[data-code='YAMLSyntax']"), 1);
    assert_eq!(count(".analysis.stale"), 1);
    assert_eq!(count(".service-card[data-name='web']"), 1);
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert_eq!(ta.value(), "kind: Service\nspec: [\n");

    // an API-server error with its line: port 0
    type_into_editor("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n").await;
    assert_eq!(count(".analysis.stale"), 0);
    let diag = doc().query_selector(".diag.error[data-line='7']").unwrap().expect("error on line 7");
    assert!(diag.text_content().unwrap().contains("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"));
    assert_eq!(count(".gutter .mark-error[data-line='7']"), 1);
    // the list jumps to the line: the editor gets focus with line 7 selected
    let jump: web_sys::HtmlElement = doc().query_selector(".diag.error[data-line='7'] .diag-jump").unwrap().unwrap().dyn_into().unwrap();
    jump.click();
    leptos::task::tick().await;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert_eq!(doc().active_element().map(|e| e.id()), Some("yaml".to_string()));
    let text = ta.value();
    let start = text.split('\n').take(6).map(|l| l.len() + 1).sum::<usize>() as u32;
    assert_eq!(ta.selection_start().unwrap(), Some(start));
    assert_eq!(ta.selection_end().unwrap(), Some(start + "  - port: 0".len() as u32));
    assert_eq!(count(".service-card.rejected"), 1);
}

/// size4 (issue #12): in the page `core::case` converts non-ASCII text by the browser's
/// `toLowerCase` / `toUpperCase` (std's case tables left the wasm); it answers as std does.
#[wasm_bindgen_test]
fn case_conversion_by_the_browser_answers_as_std() {
    let texts = [
        "", "web", "Web-Frontend", "ΟΔΟΣ", "Σ", "ΑΣ ΣΑ", "ΑΣ.", "İstanbul", "straße", "ﬁle", "\u{212a}ube", "ǅ", "ǈǋ", "Ꭰ", "ᲀ", "ŉ", "é", "ÉA", "日本",
        "\u{1e9e}", "\u{0345}", "ΌΣΟΣ σ", "Ⓐⓑ", "𐐀𐐨",
    ];
    for t in texts {
        assert_eq!(switchboard::core::case::lower(t), t.to_lowercase(), "{t:?}");
        assert_eq!(switchboard::core::case::upper(t), t.to_uppercase(), "{t:?}");
    }
}
