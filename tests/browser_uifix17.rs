//! Browser test of uifix17: the busy scene (tests/fixtures/uifix14) with shop/busy-frontend
//! selected drew ten Service boxes above the nodes, nine of them unrelated (/work/uifix16/shots
//! after-busy-360.png). Now busy-frontend's box and one keyboard-reachable box "+10 other
//! Services" that takes the focus to the Service menu; and the Scene select's chosen title is
//! written whole under it (shown on a phone only, by CSS).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

#[wasm_bindgen_test]
async fn the_other_services_fold_into_one_box_that_leads_to_the_service_menu() {
    remount().await;
    show(include_str!("fixtures/uifix14/busy-frontend-36-pods.yaml")).await;
    poll(80, || count("#service option") >= 11).await;
    let value = option_value("service", |t| t.contains("busy-frontend")).expect("busy-frontend in the Service menu");
    choose("service", &value).await;
    poll(80, || count("svg.diagram [data-kind='service'][data-name='busy-frontend']") == 1).await;
    assert_eq!(count("svg.diagram [data-kind='service']"), 1, "only busy-frontend drawn in full");
    let fold = "svg.diagram [data-kind='service-group'][data-name='services-more']";
    assert_eq!(count(fold), 1);
    assert_eq!(attr(fold, "tabindex").as_deref(), Some("0"));
    assert_eq!(attr(fold, "role").as_deref(), Some("button"));
    let label = attr(fold, "aria-label").unwrap_or_default();
    assert!(label.starts_with("+10 other Services; not on this request's path;"), "{label}");
    // Enter on it: the focus goes to the Service menu (its filter when it has one)
    let g: web_sys::HtmlElement = doc().query_selector(fold).unwrap().unwrap().dyn_into().unwrap_or_else(|e: web_sys::Element| e.unchecked_into());
    g.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    g.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle(20).await;
    let active = doc().active_element().map(|e| e.id()).unwrap_or_default();
    assert!(active == "service" || active == "service-filter", "focus on {active:?}");
}

#[wasm_bindgen_test]
async fn the_chosen_presets_title_is_written_whole_under_the_scene_select() {
    remount().await;
    choose("preset", "taint-control-plane").await;
    poll(40, || text(".preset-title").starts_with("Scheduling")).await;
    assert_eq!(text(".preset-title"), "Scheduling: a tainted control plane, a NotReady node, a Pending pod");
    assert_eq!(attr(".preset-title", "aria-hidden").as_deref(), Some("true"));
}
