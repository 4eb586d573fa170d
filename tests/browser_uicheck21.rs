//! Browser tests of the uicheck21 fixes (the merged page of session 21 as a user sees it).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn active_in_tour_point() -> bool {
    let Some(a) = doc().active_element() else { return false };
    a.closest("#diagram .tour-point, svg.diagram .tour-point").ok().flatten().is_some()
}

/// "Show me ↓" (learn17) scrolled the pointed box into view but left the focus on the button:
/// from the keyboard the next Tab went back up to the card's "◀ Previous". The focus now moves
/// to the pointed box: the DNS box (no Tab stop: it takes tabindex -1, and stays out of the Tab
/// order), the load balancer and the Service (Tab stops: their tabindex 0 is kept; the load
/// balancer is one since uifix19, the way in first in the Tab order).
#[wasm_bindgen_test]
async fn tour_show_me_moves_the_focus_to_the_pointed_box() {
    for (step, kind, tabindex) in [("2", "dns", "-1"), ("4", "load-balancer", "0"), ("1", "service", "0")] {
        remount().await;
        let a: web_sys::HtmlElement = doc().query_selector(&format!("[data-kind='tour-step'][data-step='{step}']")).unwrap().expect("tour step").dyn_into().unwrap();
        a.click();
        poll(40, || count(&format!("#diagram [data-kind='{kind}'].tour-point")) == 1).await;
        let show: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-card'] [data-kind='tour-show']").unwrap().expect("Show me").dyn_into().unwrap();
        show.focus().unwrap();
        assert!(!active_in_tour_point(), "step {step}: the focus starts on the button");
        show.click();
        settle(50).await;
        assert!(active_in_tour_point(), "step {step}: the focus is on the pointed {kind}, not {:?}", doc().active_element().map(|e| e.outer_html().chars().take(120).collect::<String>()));
        let point = doc().query_selector(&format!("#diagram [data-kind='{kind}'].tour-point")).unwrap().unwrap();
        assert_eq!(point.get_attribute("tabindex").as_deref(), Some(tabindex), "step {step}");
    }
}
