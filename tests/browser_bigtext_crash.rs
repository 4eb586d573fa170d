//! Nothing typed into a big text's window is lost in a crash (issue #12): the window's textarea
//! holds one piece of the text, so the crash panel and the rescue for the reload must take the
//! whole text (ui::crash skips `textarea#yaml[data-window]`). Its own page: the panic is the end
//! of it (as in browser_nothing_lost.rs).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The test-only panic trigger (the product has none).
fn forced_panic() {
    panic!("forced by browser_bigtext_crash");
}

#[wasm_bindgen_test]
async fn a_crash_keeps_the_whole_big_text_not_the_window() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    switchboard::ui::mount();
    leptos::task::tick().await;
    let mut big = String::from("apiVersion: v1\nkind: Service\nmetadata:\n  name: whole\nspec:\n  ports:\n  - port: 80\n");
    for i in 0..12_000 {
        big.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: big-{i}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"));
    }
    assert!(big.len() > 1024 * 1024);
    let area = || doc().get_element_by_id("yaml").unwrap().dyn_into::<web_sys::HtmlTextAreaElement>().unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    area().set_value(&big);
    area().dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    // typed into the window (the first document): "whole" → "whole-1"
    let a = area();
    assert!(a.has_attribute("data-window"));
    let v = a.value();
    let at = v.find("whole").unwrap() + 5;
    a.set_value(&format!("{}-1{}", &v[..at], &v[at..]));
    a.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    let want = big.replacen("name: whole", "name: whole-1", 1);
    switchboard::ui::crash::install();
    let boom = Closure::once_into_js(forced_panic);
    web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0).unwrap();
    gloo_timers::future::TimeoutFuture::new(300).await;
    let shown: web_sys::HtmlTextAreaElement = doc().get_element_by_id("sb-crash-text").expect("the crash panel").dyn_into().unwrap();
    assert_eq!(shown.value().len(), want.len());
    assert!(shown.value() == want, "the panel holds the whole text with the typed change");
    let rescued = web_sys::window().unwrap().session_storage().unwrap().unwrap().get_item(switchboard::ui::crash::RESCUE_KEY).unwrap();
    assert!(rescued.as_deref() == Some(want.as_str()), "the whole text is saved for the reload");
}
