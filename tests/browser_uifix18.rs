//! Browser test of uifix18: the pods behind the selected Service, each with its state and a
//! keyboard-reachable "why not Ready", in a panel of their own under "Why no traffic?" (they sat
//! only in the closed "Everything as text" section: uicheck20 kbd4-pods-details.png, Tab 33 to
//! open it first); the pods table's node column breaks no name.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

const PANEL: &str = "details[data-kind='service-pods']";

#[wasm_bindgen_test]
async fn the_selected_services_pods_and_why_one_is_not_ready_are_in_a_panel_of_their_own() {
    remount().await;
    choose("preset", "taint-control-plane").await;
    poll(80, || count(PANEL) == 1 && count(&format!("{PANEL} tr.pod-row")) >= 5).await;
    let panel = doc().query_selector(PANEL).unwrap().unwrap();
    // not inside the "Everything as text" section, and open (five pods)
    assert!(panel.closest("details.details-tables").unwrap().is_none());
    assert!(panel.has_attribute("open"));
    let summary = text(&format!("{PANEL} > summary"));
    assert!(summary.starts_with("Pods behind web: 5,") && summary.contains("not Ready"), "{summary}");
    // the not-Ready ones first: web-old (Running, not Ready) and the Pending canary
    let rows = doc().query_selector_all(&format!("{PANEL} tr.pod-row")).unwrap();
    let names: Vec<String> = (0..rows.length()).filter_map(|i| rows.item(i)).filter_map(|r| r.dyn_into::<web_sys::Element>().ok()).map(|r| r.get_attribute("data-name").unwrap_or_default()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    let old = names.iter().position(|n| n == "web-old").unwrap_or_else(|| panic!("{names:?}"));
    assert!(old < 2, "{names:?}");
    // its "why not Ready" is a <details> whose summary takes the focus and opens with Enter
    // (a native summary: Enter / Space toggle it)
    let why = doc().query_selector(&format!("{PANEL} tr.pod-row[data-name='web-old'] details.pod-why > summary")).unwrap().expect("web-old's why not Ready");
    let why: web_sys::HtmlElement = why.dyn_into().unwrap();
    why.focus().unwrap();
    assert!(doc().active_element().is_some_and(|a| a == *why.unchecked_ref::<web_sys::Element>()), "the summary takes the focus");
    why.click();
    settle(10).await;
    let reason = text(&format!("{PANEL} tr.pod-row[data-name='web-old'] .pod-reason"));
    assert!(!reason.is_empty(), "web-old's reason shown");
    // the rows are the pods table's own: the same cells as in "Everything as text"
    let cells = |sel: &str| text(sel).split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        cells(&format!("{PANEL} tr.pod-row[data-name='web-old'] td:nth-child(2)")),
        cells("#pods tr.pod-row[data-name='web-old'] td:nth-child(2)")
    );
}

#[wasm_bindgen_test]
async fn a_busy_services_panel_starts_closed_and_its_summary_counts_the_not_ready() {
    remount().await;
    show(include_str!("fixtures/uifix14/busy-frontend-36-pods.yaml")).await;
    poll(80, || count("#service option") >= 11).await;
    let value = option_value("service", |t| t.contains("busy-frontend")).expect("busy-frontend in the Service menu");
    choose("service", &value).await;
    poll(80, || text(&format!("{PANEL} > summary")).starts_with("Pods behind busy-frontend")).await;
    assert_eq!(text(&format!("{PANEL} > summary")), "Pods behind busy-frontend: 36, 4 not Ready");
    assert_eq!(count(&format!("{PANEL} tr.pod-row")), 36);
}

/// The node column keeps a name whole ("unsched|uled", "worker-|1" at 1280 px: uicheck20):
/// each cell is one line.
#[wasm_bindgen_test]
async fn the_pods_tables_node_column_breaks_no_name() {
    // the page's stylesheet (the test page has none)
    if doc().get_element_by_id("uifix18-css").is_none() {
        let style = doc().create_element("style").unwrap();
        style.set_id("uifix18-css");
        style.set_text_content(Some(include_str!("../style/main.css")));
        doc().head().unwrap().append_child(&style).unwrap();
    }
    remount().await;
    choose("preset", "taint-control-plane").await;
    poll(80, || count(&format!("{PANEL} tr.pod-row td.pod-node")) >= 5).await;
    let cells = doc().query_selector_all(&format!("{PANEL} tr.pod-row td.pod-node")).unwrap();
    for i in 0..cells.length() {
        let td: web_sys::HtmlElement = cells.item(i).unwrap().dyn_into().unwrap();
        let line = web_sys::window().unwrap().get_computed_style(&td).unwrap().unwrap().get_property_value("white-space").unwrap();
        assert_eq!(line, "nowrap", "{}", td.text_content().unwrap_or_default());
    }
}
