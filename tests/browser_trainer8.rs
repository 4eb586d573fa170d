//! Browser tests of what trainer8 found hosting and embedding the page: "Copy link" said
//! "Copied" when the browser refused the clipboard; a box whose Service is gone (a ConfigMap-only
//! text after a scene) was given empty SVG attributes (`x=""`, a console error per attribute).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// What the browser does with a clipboard write from this page now: true when it is written.
async fn clipboard_writes() -> bool {
    let nav = web_sys::window().unwrap().navigator();
    if !js_sys::Reflect::get(&nav, &"clipboard".into()).is_ok_and(|c| c.is_object()) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(nav.clipboard().write_text("probe")).await.is_ok()
}

#[wasm_bindgen_test]
async fn copy_link_says_copied_only_when_the_clipboard_took_it() {
    remount().await;
    let writes = clipboard_writes().await;
    for id in ["copy-link", "embed-snippet"] {
        doc().get_element_by_id(id).unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
        // the write's promise settles after the click
        let want = if writes { "Copied" } else { "Not copied" };
        poll(40, || text(".share-note").starts_with(want)).await;
        let note = text(".share-note");
        assert!(note.starts_with(want), "clipboard writes: {writes}; note: {note}");
        // the text to copy by hand is in the panel either way
        let field: web_sys::HtmlInputElement = doc().get_element_by_id("share-text").unwrap().dyn_into().unwrap();
        assert!(field.value().contains("#s=v"), "{}", field.value());
    }
}

#[wasm_bindgen_test]
async fn a_service_box_that_goes_away_never_gets_an_empty_attribute() {
    remount().await;
    poll(40, || count("[data-kind='service']") > 0).await;
    // every geometry attribute the page sets on a rect, recorded as it is set
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let record = seen.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
        for r in records.iter() {
            let r: web_sys::MutationRecord = r.unchecked_into();
            let (Some(name), Some(t)) = (r.attribute_name(), r.target()) else { continue };
            let Ok(el) = t.dyn_into::<web_sys::Element>() else { continue };
            if el.tag_name().eq_ignore_ascii_case("rect") && ["x", "y", "width", "height"].contains(&name.as_str()) {
                let v = el.get_attribute(&name).unwrap_or_default();
                if v.is_empty() || v.parse::<f64>().is_err() {
                    let kind = el.parent_element().and_then(|p| p.get_attribute("data-kind")).unwrap_or_default();
                    record.borrow_mut().push(format!("{kind}: {name}={v:?}"));
                }
            }
        }
    });
    let obs = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let opts = web_sys::MutationObserverInit::new();
    opts.set_attributes(true);
    opts.set_subtree(true);
    obs.observe_with_options(&doc().get_element_by_id("diagram").unwrap(), &opts).unwrap();
    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: only}\ndata: {a: b}\n");
    fire(&ta, "input");
    settle(600).await;
    obs.disconnect();
    drop(cb);
    assert!(seen.borrow().is_empty(), "rect attributes set to non-numbers: {:?}", seen.borrow());
}
