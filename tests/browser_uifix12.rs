//! Browser test of uifix12: a share link (Copy link) and an `?embed` snippet carry uifix11's
//! From choice "Your pod frontend/client" (SharedScene::client_namespace) and restore it.
#![cfg(target_arch = "wasm32")]

use switchboard::core::share::{self, SharedScene};
use switchboard::ui::api::mount_with;
use switchboard::ui::Options;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn select(host: &str, id: &str) -> web_sys::HtmlSelectElement {
    doc().query_selector(&sel_in(host, id)).unwrap().unwrap_or_else(|| panic!("#{id}")).dyn_into().unwrap()
}

/// q/10 (learner11): a link made with From "Your pod frontend/client, on node-2" opens with that
/// client chosen; its Copy link and Embed give links that carry it again. (An ?embed page has no
/// share bar; ?embed#s= restoring it: core::tests_uifix12 a_share_link_carries_the_client_pods_namespace.)
#[wasm_bindgen_test]
async fn a_share_link_restores_the_client_pod_of_another_namespace() {
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    let scene = SharedScene {
        yaml: include_str!("fixtures/uifix12/10-netpol-namespace-selector.yaml").into(),
        service: "web".into(),
        entry: "pod".into(),
        nodes: 3,
        client: "node-2".into(),
        client_namespace: "frontend".into(),
        ..Default::default()
    };
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}#s={}", share::encode(&scene)))).unwrap();
    let opts = Options::from_location();
    assert_eq!(opts.link_error, None);
    let host: web_sys::HtmlElement = doc().create_element("div").unwrap().dyn_into().unwrap();
    host.set_id("u12");
    doc().body().unwrap().append_child(&host).unwrap();
    let _h = mount_with(host, opts);
    let chosen = || {
        let e = select("u12", "entry");
        e.value() == "pod" && e.selected_options().item(0).and_then(|o| o.text_content()).as_deref() == Some("Your pod frontend/client, on node-2")
    };
    poll(60, chosen).await;
    assert!(chosen(), "From: {:?}", select("u12", "entry").selected_options().item(0).and_then(|o| o.text_content()));
    // Copy link and Embed carry it again
    for button in ["copy-link", "embed-snippet"] {
        let b: web_sys::HtmlElement = doc().query_selector(&sel_in("u12", button)).unwrap().expect("button").dyn_into().unwrap();
        b.click();
        settle(100).await;
        let t: web_sys::HtmlInputElement = doc().query_selector(&sel_in("u12", "share-text")).unwrap().expect("share text").dyn_into().unwrap();
        let v = t.value();
        // (the link ends with the payload; the snippet's src="…#s=<payload>" closes with a quote)
        let payload = v.split("#s=").nth(1).expect("#s=").split('"').next().unwrap();
        let back = share::decode(payload).unwrap();
        assert_eq!((back.client_namespace.as_str(), back.client.as_str()), ("frontend", "node-2"), "{button}");
    }
    web_sys::window().unwrap().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
}
