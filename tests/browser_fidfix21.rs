//! Browser test of fidfix21's pod probe notes (core::cluster::probe_notes): a livenessProbe on a
//! port name its container does not declare never fails (pkg/kubelet/prober/worker.go doProbe
//! throws an errored result away), so the pod is Ready and nothing said so on the page; the pod's
//! box title and its details panel now do.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

#[wasm_bindgen_test]
async fn a_dead_liveness_probe_is_said_in_the_pod_box_and_its_details() {
    remount().await;
    show(include_str!("fixtures/fidfix21/03-liveness-only.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='promxy-']") == 1).await;
    let pod = doc().query_selector("[data-kind='pod'][data-name^='promxy-']").unwrap().unwrap();
    let title = pod.query_selector("title").unwrap().unwrap().text_content().unwrap_or_default();
    assert!(title.contains("the livenessProbe of container promxy uses port \"web\", a name the container does not declare"), "{title}");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    pod.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    poll(40, || count("#selected") == 1).await;
    let t = text("#selected");
    assert!(t.contains("Probes") && t.contains("never restarted by it"), "{t}");
}
