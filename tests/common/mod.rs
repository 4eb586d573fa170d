//! Helpers every browser test (`tests/browser_*.rs`) uses to read the page: `mod common;` then
//! `use common::*;`. Each test crate uses a different subset, hence the allow.
#![allow(dead_code)]

/// The page's document.
pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// How many elements match a CSS selector.
pub fn count(sel: &str) -> u32 {
    doc().query_selector_all(sel).unwrap().length()
}

/// The text of the first element matching `sel` ("" when none).
pub fn text(sel: &str) -> String {
    doc().query_selector(sel).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

/// An attribute of the first element matching `sel`.
pub fn attr(sel: &str, a: &str) -> Option<String> {
    doc().query_selector(sel).unwrap().and_then(|e| e.get_attribute(a))
}

/// Let the page react: Leptos' queued effects, `ms` of timers (debounces, animation frames), then
/// the effects those queued.
pub async fn settle(ms: u32) {
    leptos::task::tick().await;
    gloo_timers::future::TimeoutFuture::new(ms).await;
    leptos::task::tick().await;
}

/// Wait until every packet in flight has landed (counters follow arrivals).
pub async fn landed() {
    for _ in 0..200 {
        if doc().query_selector_all(".flight [data-kind='packet']").unwrap().length() == 0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    leptos::task::tick().await;
}
