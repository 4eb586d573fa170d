//! Nothing the user typed is lost (issue 9, part 4), in headless Chromium:
//! - a crash's rescued text comes back on the next load;
//! - two tabs: another tab (a same-origin frame, so real `storage` events) saving the draft is
//!   told here, this tab keeps its own text and does not save over the other's until the user
//!   chooses;
//! - storage refused (`setItem` throws QuotaExceededError): a visible notice with a "Download my
//!   YAML" button, the text stays;
//! - a forced panic (test-only trigger: a panicking timer callback in this test) shows the crash
//!   panel with the text intact, copyable, and saved for the reload.
//!
//! One page for the whole story (the page app mounts once per page; the panic comes last).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

const DRAFT: &str = "switchboard.v1.draft";

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}
fn session() -> web_sys::Storage {
    web_sys::window().unwrap().session_storage().unwrap().unwrap()
}
fn editor() -> web_sys::HtmlTextAreaElement {
    doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap()
}
fn exists(sel: &str) -> bool {
    doc().query_selector(sel).unwrap().is_some()
}
fn click(sel: &str) {
    doc().query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel} missing")).dyn_into::<web_sys::HtmlElement>().unwrap().click();
}
async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
async fn type_text(text: &str) {
    let ta = editor();
    ta.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}
fn svc(name: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  ports:\n  - port: 80\n")
}

/// The test-only panic trigger (the product has none).
fn forced_panic() {
    panic!("forced by browser_nothing_lost");
}

#[wasm_bindgen_test]
async fn nothing_is_lost() {
    local().clear().unwrap();
    session().clear().unwrap();

    // 1. a crash in this tab saved the text: the next load puts it back, and says so
    let rescued = svc("rescued");
    session().set_item(switchboard::ui::crash::RESCUE_KEY, &rescued).unwrap();
    switchboard::ui::mount();
    leptos::task::tick().await;
    assert_eq!(editor().value(), rescued);
    assert!(doc().body().unwrap().text_content().unwrap().contains("your text was kept"));
    assert_eq!(session().get_item(switchboard::ui::crash::RESCUE_KEY).unwrap(), None, "restored once");

    // 2. two tabs. This tab saves its text...
    let mine = svc("mine");
    type_text(&mine).await;
    sleep(800).await;
    assert_eq!(local().get_item(DRAFT).unwrap().as_deref(), Some(mine.as_str()));
    // ...then the other tab (same origin, another document) saves its own
    let frame: web_sys::HtmlIFrameElement = doc().create_element("iframe").unwrap().dyn_into().unwrap();
    doc().body().unwrap().append_child(&frame).unwrap();
    let other_window = frame.content_window().unwrap();
    let other: web_sys::Storage = other_window.local_storage().unwrap().unwrap();
    let theirs = svc("theirs");
    other.set_item(DRAFT, &theirs).unwrap();
    sleep(200).await;
    assert!(exists("#tab-conflict"), "this tab is told");
    assert_eq!(editor().value(), mine, "this tab's text is not replaced");
    // typing on here does not overwrite the other tab's text until the user chooses
    let mine2 = format!("{mine}# more\n");
    type_text(&mine2).await;
    sleep(800).await;
    assert_eq!(local().get_item(DRAFT).unwrap().as_deref(), Some(theirs.as_str()), "no silent overwrite");
    // choosing the other tab's text keeps this one in the Scene menu
    click("#conflict-theirs");
    leptos::task::tick().await;
    assert_eq!(editor().value(), theirs);
    assert!(!exists("#tab-conflict"));
    assert!(exists("#preset option[value='draft']"), "this tab's text stays one click away");
    // and the other way round: "keep mine" saves this tab's text (the other tab is then told)
    other.set_item(DRAFT, &svc("theirs-again")).unwrap();
    sleep(200).await;
    assert!(exists("#tab-conflict"));
    click("#conflict-mine");
    leptos::task::tick().await;
    assert_eq!(local().get_item(DRAFT).unwrap().as_deref(), Some(theirs.as_str()));
    frame.remove();

    // 3. storage refused: setItem throws QuotaExceededError
    let proto = js_sys::Reflect::get(&js_sys::global(), &"Storage".into()).unwrap();
    let proto = js_sys::Reflect::get(&proto, &"prototype".into()).unwrap();
    let original = js_sys::Reflect::get(&proto, &"setItem".into()).unwrap();
    let refuse = Closure::<dyn Fn() -> Result<(), JsValue>>::new(|| Err(web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap().into()));
    js_sys::Reflect::set(&proto, &"setItem".into(), refuse.as_ref()).unwrap();
    let big = svc("refused");
    type_text(&big).await;
    sleep(800).await;
    js_sys::Reflect::set(&proto, &"setItem".into(), &original).unwrap();
    assert!(exists("#save-failed"), "a visible notice");
    assert!(exists("#save-failed #download-yaml"), "with a Download my YAML button");
    assert_eq!(editor().value(), big, "the text stays");

    // 4. a panic (the test-only trigger: a timer callback that panics, after the app's hook is
    // installed as main() does)
    switchboard::ui::crash::install();
    let boom = Closure::once_into_js(forced_panic);
    web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0).unwrap();
    sleep(200).await;
    assert!(exists("#sb-crash"), "the crash panel is shown");
    let shown: web_sys::HtmlTextAreaElement = doc().get_element_by_id("sb-crash-text").unwrap().dyn_into().unwrap();
    assert_eq!(shown.value(), big, "the text is intact in the panel");
    assert!(doc().get_element_by_id("sb-crash-message").unwrap().text_content().unwrap().contains("forced by browser_nothing_lost"));
    assert_eq!(session().get_item(switchboard::ui::crash::RESCUE_KEY).unwrap().as_deref(), Some(big.as_str()), "saved for Reload");
    assert!(exists("#sb-crash-download") && exists("#sb-crash-reload"));
    // Copy: the text is selected and copied (or, where the clipboard is refused, selected with a hint)
    click("#sb-crash-copy");
    sleep(200).await;
    let panel = doc().get_element_by_id("sb-crash").unwrap();
    assert!(panel.get_attribute("data-copied").is_some(), "copy ran");
    assert_eq!((shown.selection_start().unwrap(), shown.selection_end().unwrap()), (Some(0), Some(big.encode_utf16().count() as u32)));
    assert!(!doc().get_element_by_id("sb-crash-status").unwrap().text_content().unwrap().is_empty());
}
