//! Browser test of a whole-cluster paste (issue #12): the Service picker's filter by name or
//! namespace, and the diagram drawing only the selected Service's neighbourhood.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn fire(el: &web_sys::EventTarget, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(name, &init).unwrap()).unwrap();
}

/// 60 Services in 6 namespaces, 2 pods each.
fn cluster() -> String {
    let mut t = String::new();
    for i in 0..60 {
        let ns = format!("team-{}", i % 6);
        t.push_str(&format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i}\n  namespace: {ns}\nspec:\n  selector:\n    app: app-{i}\n  ports:\n  - port: 80\n"));
        for j in 0..2 {
            t.push_str(&format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app-{i}-{j}\n  namespace: {ns}\n  labels:\n    app: app-{i}\nspec:\n  containers:\n  - name: c\n    image: x\n"));
        }
    }
    t
}

#[wasm_bindgen_test]
async fn a_whole_cluster_filters_services_and_draws_one_neighbourhood() {
    switchboard::ui::mount();
    leptos::task::tick().await;
    assert_eq!(count("#service-filter"), 0, "no filter for the tutorial's few Services");

    let ta: web_sys::HtmlTextAreaElement = doc().get_element_by_id("yaml").unwrap().dyn_into().unwrap();
    ta.set_value(&cluster());
    fire(&ta, "input");
    // texts over 64 KiB are analysed after a pause in typing; this one is smaller, but wait anyway
    for _ in 0..40 {
        if count("#service option") == 60 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
        leptos::task::tick().await;
    }
    assert_eq!(count("#service option"), 60);
    assert_eq!(count("#service-filter"), 1);
    // the neighbourhood: one Service drawn, its 2 pods (+ near misses, at most 8) and the client
    assert_eq!(count("[data-kind='service']"), 1);
    assert!(count("[data-kind='pod']") <= 1 + 2 + 8, "{}", count("[data-kind='pod']"));

    // filter by namespace: team-3 has 10 Services (plus the selected one, always kept)
    let f: web_sys::HtmlInputElement = doc().get_element_by_id("service-filter").unwrap().dyn_into().unwrap();
    f.set_value("TEAM-3");
    fire(&f, "input");
    leptos::task::tick().await;
    let n = count("#service option");
    assert!(n == 10 || n == 11, "{n}");
    // by name
    f.set_value("svc-42");
    fire(&f, "input");
    leptos::task::tick().await;
    assert!(count("#service option[value='svc-42']") == 1 && count("#service option") <= 2);
    // choosing it draws its neighbourhood
    let s: web_sys::HtmlSelectElement = doc().get_element_by_id("service").unwrap().dyn_into().unwrap();
    s.set_value("svc-42");
    fire(&s, "change");
    leptos::task::tick().await;
    assert_eq!(count("[data-kind='service'][data-name='svc-42']"), 1);
    assert_eq!(count("[data-kind='service']"), 1);
    let l = doc().query_selector_all("[data-kind='pod'],[data-kind='node']").unwrap();
    let names: Vec<String> = (0..l.length()).filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-name")).collect();
    assert_eq!(count("[data-kind='pod'][data-name='app-42-0']") + count("[data-kind='pod'][data-name='app-42-1']"), 2, "{names:?}");
}
