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

/// Replace the editor's text with `yaml` as typing would (an `input` event), and let the page
/// analyse it (browser_learner7 and browser_learner8 each had a copy; teachfix9).
pub async fn show(yaml: &str) {
    use wasm_bindgen::JsCast;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(yaml);
    fire(&ta, "input");
    settle(400).await;
}

/// Click the element with id `id`.
pub fn click(id: &str) {
    use wasm_bindgen::JsCast;
    doc().get_element_by_id(id).unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
}

/// Choose `value` in the `<select>` with id `id` (a `change` event), asserting it is an option.
pub async fn choose(id: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id(id).unwrap().dyn_into().unwrap();
    s.set_value(value);
    assert_eq!(s.value(), value, "#{id} has no option {value}");
    fire(&s, "change");
    settle(200).await;
}

/// The value of the first option of the `<select>` with id `id` whose text satisfies `wanted`
/// (the Service and From menus' values are not their names).
pub fn option_value(id: &str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let opts = doc().query_selector_all(&format!("#{id} option")).unwrap();
    (0..opts.length())
        .filter_map(|i| opts.item(i))
        .find(|o| wanted(&o.text_content().unwrap_or_default()))
        .and_then(|o| js_sys::Reflect::get(&o, &"value".into()).ok())
        .and_then(|v| v.as_string())
}

/// A `<div id=…>` appended to the body: a host element for a mount.
pub fn host(id: &str) -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
    let el: web_sys::HtmlElement = doc().create_element("div").unwrap().dyn_into().unwrap();
    el.set_id(id);
    doc().body().unwrap().append_child(&el).unwrap();
    el
}

/// The selector of the element the page calls `base` (`port`, `caption`, …) in the instance
/// mounted in the element with id `host`: a mount made while another instance is on the page
/// (an earlier test's page app) carries `base-N` ids (ui::ids, mountfix).
pub fn sel_in(host: &str, base: &str) -> String {
    let n = attr(&format!("#{host} .sb-app"), "data-sb-instance").and_then(|n| n.parse::<u32>().ok()).unwrap_or(1);
    if n <= 1 {
        format!("#{host} #{base}")
    } else {
        format!("#{host} #{base}-{n}")
    }
}

/// How many elements match `sel` inside the element with id `id`.
pub fn within(id: &str, sel: &str) -> u32 {
    doc().query_selector_all(&format!("#{id} {sel}")).unwrap().length()
}

/// A click that bubbles, as a user's does (the diagram's and panels' listeners sit on ancestors).
pub fn bubbling_click() -> web_sys::MouseEvent {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap()
}

/// Click the drawn Service `name` and wait until the details panel shows it.
pub async fn select_service(name: &str) {
    let svc = doc().query_selector(&format!("[data-kind='service'][data-name='{name}']")).unwrap().expect("Service drawn");
    svc.dispatch_event(&bubbling_click()).unwrap();
    poll(40, || text("#selected .details-title").contains(&format!("Service {name}"))).await;
}

/// The text of every element matching `sel`, in document order.
pub fn items(sel: &str) -> Vec<String> {
    let l = doc().query_selector_all(sel).unwrap();
    (0..l.length()).map(|i| l.item(i).unwrap().text_content().unwrap_or_default()).collect()
}
