//! The user's text survives a reload: the page keeps it in localStorage, restores it, and a
//! link or preset in the URL never overwrites it silently (it stays one click away).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn draft_is_saved_restored_and_never_silently_replaced() {
    let mine = "apiVersion: v1\nkind: Service\nmetadata:\n  name: mine\nspec:\n  ports:\n  - port: 81\n";
    storage().set_item("switchboard.v1.draft", mine).unwrap();
    // a preset in the URL wins, but the draft is offered in the Scene menu
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?preset=web-nodeport"))).unwrap();
    switchboard::ui::mount();
    leptos::task::tick().await;
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    assert!(ta.value().contains("type: NodePort"));
    assert_eq!(doc().query_selector_all("#preset option[value='draft']").unwrap().length(), 1);
    // choosing it brings the text back
    let sel: web_sys::HtmlSelectElement = doc().get_element_by_id("preset").unwrap().dyn_into().unwrap();
    sel.set_value("draft");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    sel.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(ta.value(), mine);
    assert_eq!(doc().query_selector_all("[data-kind='service'][data-name='mine']").unwrap().length(), 1);
    // typing is saved after a pause
    ta.set_value(&format!("{mine}# edited\n"));
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    gloo_timers::future::TimeoutFuture::new(800).await;
    assert_eq!(storage().get_item("switchboard.v1.draft").unwrap().as_deref(), Some(format!("{mine}# edited\n").as_str()));
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
}
