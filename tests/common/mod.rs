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

/// A bubbling DOM event named `name` on `el` (what typing, `input`, or choosing, `change`, fires).
pub fn fire(el: &web_sys::EventTarget, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(name, &init).unwrap()).unwrap();
}

/// A fresh page for the next test in the same crate: the last test's app removed, what it left in
/// localStorage (the autosaved draft, settings) cleared, the app mounted again.
pub async fn remount() {
    use wasm_bindgen::JsCast;
    let old = doc().query_selector_all(".sb-app").unwrap();
    for i in 0..old.length() {
        old.item(i).unwrap().dyn_into::<web_sys::Element>().unwrap().remove();
    }
    if let Some(s) = web_sys::window().unwrap().local_storage().ok().flatten() {
        let _ = s.clear();
    }
    switchboard::ui::mount();
    settle(20).await;
}

/// Poll `cond` every 50 ms (Leptos' effects run between) up to `tries` times; the caller asserts
/// what it waited for afterwards.
pub async fn poll(tries: u32, mut cond: impl FnMut() -> bool) {
    for _ in 0..tries {
        if cond() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
        leptos::task::tick().await;
    }
}
