//! Browser tests of the learnfix10 fixes (inputs in tests/fixtures/learner9): the Ingress entry
//! in the From picker (client → controller → endpoints; core::ingress::paths, ingress-nginx
//! "Service Upstream"), a List dump opening on its broken Service, the Connections rows of a UDP
//! port named flows (pkg/proxy/conntrack/cleanup.go), and the caption's outcome colour at the
//! last step of a dropped path.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

fn select_value(id: &str) -> String {
    doc().get_element_by_id(id).unwrap().dyn_into::<web_sys::HtmlSelectElement>().unwrap().value()
}

fn options(id: &str) -> Vec<(String, String)> {
    let o = doc().query_selector_all(&format!("#{id} option")).unwrap();
    (0..o.length()).filter_map(|i| o.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).map(|e| (e.get_attribute("value").unwrap_or_default(), e.text_content().unwrap_or_default())).collect()
}

async fn step_to_end() {
    for _ in 0..8 {
        click("step");
        settle(60).await;
    }
    settle(200).await;
}

/// Item 1 (q/28): "Outside client → Ingress web's controller" is a From entry; stepping it ends
/// at the controller with the 503 (the backend's port "https" is not Service web's), the
/// controller is drawn, and Why fails on the Ingress backend. With port "http" it reaches a pod
/// straight from the controller.
#[wasm_bindgen_test]
async fn ingress_entry_in_the_from_picker() {
    remount().await;
    show(include_str!("fixtures/learner9/28-ingress.yaml")).await;
    poll(40, || options("entry").iter().any(|(k, _)| k == "ingress@web")).await;
    let o = options("entry");
    let (_, label) = o.iter().find(|(k, _)| k == "ingress@web").unwrap_or_else(|| panic!("no ingress entry in {o:?}"));
    assert_eq!(label, "Outside client → Ingress web's controller");
    choose("entry", "ingress@web").await;
    assert_eq!(count("[data-kind='external'][data-name='ingress/web']"), 1, "the controller is drawn");
    step_to_end().await;
    let cap = text("#caption");
    assert!(cap.contains("Step 2 of 2") && cap.contains("no port \"https\"") && cap.contains("503"), "{cap}");
    poll(40, || count("#why-no-traffic [data-check='ingress']") == 1).await;
    assert_eq!(attr("#why-no-traffic [data-check='ingress']", "data-status").as_deref(), Some("fail"));

    show(&include_str!("fixtures/learner9/28-ingress.yaml").replace("name: https", "name: http")).await;
    poll(40, || select_value("entry") == "ingress@web" && text("#caption").contains("hops")).await;
    step_to_end().await;
    let cap = text("#caption");
    assert!(cap.contains("Step 2 of 2") && cap.contains("sends to the Service's endpoints directly, not through its clusterIP"), "{cap}");
    assert_eq!(attr("#caption [data-outcome]", "data-outcome").as_deref(), Some("delivered"));
}

/// Item 4 (q/31): a `kubectl get all -A -o yaml` List opens on shop/api (its targetPort "http"
/// is no pod's), not on default/kubernetes.
#[wasm_bindgen_test]
async fn list_dump_opens_on_the_broken_service() {
    remount().await;
    show(include_str!("fixtures/learner9/31-get-all-list.yaml")).await;
    poll(40, || select_value("service") == "api").await;
    assert_eq!(select_value("service"), "api");
}

/// Item 6 (q/15): on 53/UDP the Connections table's rows are flows ("flow #1"), its count says
/// datagrams and flows; on 53/TCP they are connections again.
#[wasm_bindgen_test]
async fn udp_connection_rows_are_flows() {
    remount().await;
    show(include_str!("fixtures/learner9/15-udp-dns.yaml")).await;
    choose("port", "53/UDP").await;
    settle(300).await;
    click("send-one");
    settle(200).await;
    click("send-one");
    poll(40, || text("#connections [data-kind='conn-count']").contains("2 datagrams")).await;
    // (each datagram from a new source port: a new flow, the row of the last one shown)
    let t = text("#connections .conn-table");
    assert!(t.contains("flow #2") && t.contains("datagrams"), "{t}");
    assert_eq!(text("#connections [data-kind='conn-count']"), "2 datagrams on 2 flows opened so far.");
    assert!(text("#caption [data-kind='connection']").contains("opens flow #"), "{}", text("#caption"));
    choose("port", "53/TCP").await;
    click("send-one");
    poll(40, || count("#connections [data-kind='connection-row']") >= 1).await;
    let t = text("#connections .conn-table");
    assert!(t.contains("connection") && !t.contains("flow #"), "{t}");
}

/// Item 7, stepping: at the last step a dropped outcome has the `final` class (red, bold), as
/// a delivered one does (green); before the last step neither. (A guard: stepping kept it before
/// the fix too; the share-link test below is the learner's case and failed without it.)
#[wasm_bindgen_test]
async fn dropped_outcome_is_final_at_the_last_step() {
    remount().await;
    show(include_str!("fixtures/learner9/28-ingress.yaml")).await;
    choose("entry", "outside").await;
    let sel = "#caption [data-outcome]";
    assert_eq!(attr(sel, "data-outcome").as_deref(), Some("dropped"));
    assert!(!attr(sel, "class").unwrap_or_default().contains("final"));
    step_to_end().await;
    let class = attr(sel, "class").unwrap_or_default();
    assert!(class.contains("final") && class.contains("outcome-dropped"), "{class}");
    // a step back and forth again keeps it (the class is one attribute)
    choose("entry", "pod").await;
    step_to_end().await;
    let class = attr(sel, "class").unwrap_or_default();
    assert!(class.contains("final") && class.contains("outcome-delivered"), "{class}");
}

/// Item 7 as the learner met it (shots.py: a share link opened at `step=3`, 360 px): ITP Local
/// from node-2 with no endpoint there, dropped at step 3 of 3 — the outcome line has `final`
/// and the error colour, as a delivered one has `final` and the ok colour.
#[wasm_bindgen_test]
async fn share_link_at_the_last_step_dropped_outcome_is_final() {
    use switchboard::core::share::{self, SharedScene};
    use switchboard::ui::api::mount_with;
    use switchboard::ui::Options;
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    for (client, outcome, id) in [("node-2", "dropped", "l10a"), ("node-1", "delivered", "l10b")] {
        let scene = SharedScene {
            yaml: include_str!("fixtures/learner9/01-itp-local-no-local.yaml").into(),
            service: "web".into(),
            entry: "pod".into(),
            client: client.into(),
            step: 3,
            theme: "light".into(),
            nodes: 3,
            ..Default::default()
        };
        web_sys::window().unwrap().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?theme=light#s={}", share::encode(&scene)))).unwrap();
        let opts = Options::from_location();
        assert_eq!(opts.link_error, None);
        let _h = mount_with(host(id), opts);
        settle(600).await;
        let caption = sel_in(id, "caption");
        let sel = format!("{caption} [data-outcome]");
        poll(40, || attr(&sel, "data-outcome").as_deref() == Some(outcome)).await;
        assert_eq!(attr(&sel, "data-outcome").as_deref(), Some(outcome), "{}", text(&caption));
        let class = attr(&sel, "class").unwrap_or_default();
        assert!(class.contains("final") && class.contains(&format!("outcome-{outcome}")), "{client}: {class} ({})", text(&caption));
        web_sys::window().unwrap().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    }
}
