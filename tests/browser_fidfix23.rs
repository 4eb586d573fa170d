//! Browser test of fidfix23's pods table: a pod's not-Ready reason and its probe notes under its
//! state (ui::tables pod_why), in a native <details> — its summary a button to the keyboard and
//! to a screen reader, the words text in the cell (not a hover title).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn row(prefix: &str) -> web_sys::Element {
    doc().query_selector(&format!("#pods .pod-row[data-name^='{prefix}']")).unwrap().unwrap_or_else(|| panic!("no pod row {prefix}"))
}

#[wasm_bindgen_test]
async fn the_pods_table_says_why_a_pod_is_not_ready_and_its_probe_notes() {
    remount().await;
    // a simulated pod, not Ready: an errored startupProbe (fidfix23 item 1)
    show(include_str!("fixtures/fidfix23/01-startup-and-readiness-port-names.yaml")).await;
    poll(40, || count("#pods .pod-row[data-name^='api-'] details.pod-why") == 1).await;
    let r = row("api-");
    let details = r.query_selector("details.pod-why").unwrap().expect("the reason's details");
    assert!(!details.has_attribute("open"));
    let summary: web_sys::HtmlElement = details.query_selector("summary").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(summary.text_content().unwrap_or_default(), "why not Ready");
    // a <summary>'s activation (Enter, Space, a click) opens the details
    summary.click();
    settle(50).await;
    assert!(details.has_attribute("open"));
    let words = details.query_selector(".pod-reason").unwrap().unwrap().text_content().unwrap_or_default();
    assert!(words.starts_with("the startupProbe of container api uses port \"management\"") && words.contains("never counts as started"), "{words}");

    // a dumped pod, not Ready in its status, its probe on an undeclared name: the note (item 3)
    show(include_str!("fixtures/fidfix23/03-dumped-pod-probe-port-name.yaml")).await;
    poll(40, || count("#pods .pod-row[data-name='web'] details.pod-why") == 1).await;
    let r = row("web");
    let details = r.query_selector("details.pod-why").unwrap().expect("the note's details");
    assert_eq!(details.query_selector("summary").unwrap().unwrap().text_content().unwrap_or_default(), "probe note");
    let notes = details.query_selector_all(".pod-notes li").unwrap();
    assert_eq!(notes.length(), 1);
    let note = notes.item(0).unwrap().text_content().unwrap_or_default();
    assert!(note.starts_with("the readinessProbe of container web uses port \"http\"") && note.ends_with("as its status says"), "{note}");

    // a Ready pod with nothing to say: no details
    show(include_str!("fixtures/fidfix22/01-gateway-no-section-https-first.yaml")).await;
    poll(40, || count("#pods .pod-row[data-name='shop']") == 1).await;
    assert_eq!(count("#pods .pod-row[data-name='shop'] details"), 0);
}
