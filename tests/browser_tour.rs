//! Browser test of the guided tour (issue #11 part 6): `#tour=N` opens step N, every step's
//! link loads its scene and points at its thing.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use switchboard::core::tour::STEPS;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;


#[wasm_bindgen_test]
async fn tour_links_open_their_steps() {
    // a link to step 4 (LoadBalancer) opens it
    web_sys::window().unwrap().location().set_hash("tour=4").unwrap();
    switchboard::ui::mount();
    settle(30).await;
    assert_eq!(attr("[data-kind='tour-card']", "data-step").as_deref(), Some("4"));
    assert_eq!(count("[data-kind='load-balancer'][data-name='web'].tour-point"), 1);
    assert_eq!(count("[data-kind='tour-step']") as usize, STEPS.len());
    // every step's link loads its scene, Service and entry, and points at its thing
    for (i, st) in STEPS.iter().enumerate() {
        let n = i + 1;
        let a: web_sys::HtmlElement = doc().query_selector(&format!("[data-kind='tour-step'][data-step='{n}']")).unwrap().unwrap().dyn_into().unwrap();
        assert_eq!(a.get_attribute("href").as_deref(), Some(format!("#tour={n}").as_str()));
        a.click();
        settle(30).await;
        assert_eq!(attr("[data-kind='tour-card']", "data-step"), Some(n.to_string()), "step {n}");
        let svc: web_sys::HtmlSelectElement = doc().get_element_by_id("service").unwrap().dyn_into().unwrap();
        assert_eq!(svc.value(), st.service, "step {n}");
        let entry: web_sys::HtmlSelectElement = doc().get_element_by_id("entry").unwrap().dyn_into().unwrap();
        assert_eq!(entry.value(), st.entry, "step {n}");
        let (k, name) = st.point.split_once(':').unwrap();
        assert_eq!(count(&format!("#diagram [data-kind='{k}'][data-name='{name}'].tour-point")), 1, "step {n} points at {}", st.point);
    }
    // the selector-typo step: its checklist fails on the selector, with a fix
    let a: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-step'][data-step='8']").unwrap().unwrap().dyn_into().unwrap();
    a.click();
    settle(30).await;
    assert_eq!(attr("[data-kind='check'][data-check='selector']", "data-status").as_deref(), Some("fail"));
    assert_eq!(count("[data-kind='fix']"), 1);
    // Next goes on
    let next: web_sys::HtmlElement = doc().get_element_by_id("tour-next").unwrap().dyn_into().unwrap();
    next.click();
    settle(30).await;
    assert_eq!(attr("[data-kind='tour-card']", "data-step").as_deref(), Some("9"));
}
