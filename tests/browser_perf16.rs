//! Browser test of perf16 (issue #12, keystroke budget): a keystroke in the selected Service's
//! `name:` leaves its "Pods behind" panel (ui::svcpods) in place — the same `<details>`, the same
//! row elements, the user's open or closed state — and only its summary's text follows the new
//! name. The panel was built again per keystroke when it followed the Service's name
//! (tools/bench.py --keystrokes-ab: `#service-pods childList 72` per keystroke).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

const PANEL: &str = "details[data-kind='service-pods']";

fn all(sel: &str) -> Vec<web_sys::Element> {
    let l = doc().query_selector_all(sel).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().dyn_into().unwrap()).collect()
}

/// Type `c` at the end of the first Service's `name:` line, as an input event.
fn type_after_service_name(c: &str) {
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    let v = ta.value();
    let svc = v.find("kind: Service").expect("a Service");
    let name = svc + v[svc..].find("name: ").unwrap();
    let eol = name + v[name..].find('\n').unwrap();
    ta.set_value(&format!("{}{c}{}", &v[..eol], &v[eol..]));
    fire(&ta, "input");
}

#[wasm_bindgen_test]
async fn typing_in_the_services_name_keeps_its_pods_panel_and_rows() {
    remount().await;
    poll(80, || count(&format!("{PANEL} tr.pod-row")) >= 1).await;
    let summary = text(&format!("{PANEL} > summary"));
    assert!(summary.starts_with("Pods behind web:"), "{summary}");
    let panel = doc().query_selector(PANEL).unwrap().expect("the Pods behind panel");
    let rows = all(&format!("{PANEL} tr.pod-row"));
    assert!(!rows.is_empty());
    let names: Vec<Option<String>> = rows.iter().map(|r| r.get_attribute("data-name")).collect();
    // the user closes it: a keystroke must not open it again
    assert!(panel.has_attribute("open"), "a tutorial's few pods: open at first");
    panel.remove_attribute("open").unwrap();

    for c in ["x", "y"] {
        type_after_service_name(c);
        settle(30).await;
    }
    poll(80, || text(&format!("{PANEL} > summary")).starts_with("Pods behind webxy:")).await;
    assert_eq!(text(&format!("{PANEL} > summary")), summary.replacen("web:", "webxy:", 1));
    let now = doc().query_selector(PANEL).unwrap().expect("the panel is still there");
    assert!(now.is_same_node(Some(&panel)), "the panel was built again for a keystroke in the Service's name");
    assert!(!now.has_attribute("open"), "the user's closed panel stays closed");
    let after = all(&format!("{PANEL} tr.pod-row"));
    assert_eq!(after.len(), rows.len());
    for (a, b) in rows.iter().zip(&after) {
        assert!(a.is_same_node(Some(b)), "row {:?} was built again", a.get_attribute("data-name"));
    }
    assert_eq!(after.iter().map(|r| r.get_attribute("data-name")).collect::<Vec<_>>(), names);
}
