//! Browser tests of what learner7 found the page leaving standing (its inputs are in
//! tests/fixtures/learner7): the headless port mismatch failing a Why check, ✓ chips for the
//! selector keys a near-miss pod carries, the Connections panel starting long-lived for an
//! HTTP/2 appProtocol, and the readiness note in a not-Ready pod's details.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// W 10b: headless port 80 → targetPort 8080: the Why panel fails a check (it said "every check
/// passes") with the two fixes; the outcome offers no SRV record for the unnamed port
/// (kubernetes/dns docs/specification.md 2.4.2).
#[wasm_bindgen_test]
async fn headless_port_mismatch_fails_in_why_with_two_fixes() {
    remount().await;
    show(include_str!("fixtures/learner7/10-headless.yaml")).await;
    poll(40, || count("#why-no-traffic [data-check='headlessPort']") == 1).await;
    assert_eq!(attr("#why-no-traffic [data-check='headlessPort']", "data-status").as_deref(), Some("fail"));
    assert!(text("#why-no-traffic > summary").contains("check fails") || text("#why-no-traffic > summary").contains("checks fail"), "{}", text("#why-no-traffic > summary"));
    assert_eq!(count("#why-no-traffic [data-kind='fix'][data-check='headlessPort']"), 2);
    assert!(!text("#caption").contains("must use the SRV record"), "{}", text("#caption"));
}

/// 1b: a near-miss pod shows ✓ app=web beside ✗ tier=backend ≠ frontend.
#[wasm_bindgen_test]
async fn near_miss_pods_show_the_keys_they_match() {
    remount().await;
    show(include_str!("fixtures/learner7/01-two-key-selector.yaml")).await;
    poll(40, || count("[data-kind='pod'].near-miss") == 2).await;
    let miss = text("[data-kind='pod'].near-miss .t-miss");
    assert!(miss.contains("✓ app=web") && miss.contains("✗ tier=backend ≠ frontend"), "{miss}");
    assert!(text("#why-no-traffic [data-check='selector'] .check-title").contains("1 of the 3 app=web pods"));
}

/// 6a/6b: appProtocol kubernetes.io/h2c starts the Connections panel long-lived, says why, and
/// gives one remedy line; another Service without it goes back to a connection per request.
#[wasm_bindgen_test]
async fn h2c_app_protocol_starts_the_long_lived_mode() {
    remount().await;
    let mode = || doc().get_element_by_id("client-mode").unwrap().dyn_into::<web_sys::HtmlSelectElement>().unwrap().value();
    assert_eq!(mode(), "new");
    show(include_str!("fixtures/learner7/06-grpc.yaml")).await;
    poll(40, || mode() == "grpc").await;
    assert_eq!(mode(), "grpc");
    assert!(text("#connections [data-kind='mode-why']").contains("appProtocol kubernetes.io/h2c: one long-lived connection"));
    assert!(text("#connections [data-kind='long-lived-remedy']").contains("headless Service"));
    // with reduced motion, Send 12 shows where the requests landed (the packet was left at
    // cluster DNS, "…? · conn #1": a reused connection makes no lookup)
    let rm: web_sys::HtmlInputElement = doc().get_element_by_id("reduce-motion").unwrap().dyn_into().unwrap();
    rm.set_checked(true);
    fire(&rm, "change");
    settle(50).await;
    click("send-burst");
    settle(100).await;
    assert_eq!(count("#caption .caption-outcome.final"), 1, "{}", text("#caption"));
    rm.set_checked(false);
    fire(&rm, "change");
    settle(50).await;
    show(include_str!("fixtures/learner7/05-readiness.yaml")).await;
    poll(40, || mode() == "new").await;
    assert_eq!(mode(), "new");
    assert_eq!(count("#connections [data-kind='long-lived-remedy']"), 0);
}
