//! Browser tests of the learnfix17 fixes (learn17's learner test): the Service panel shows what
//! `kubectl get svc` prints for the Service — `80:32089/TCP`, `<pending>`, the clusterIP — with a
//! sentence per column (who allocates the clusterIP, what a local cluster runs for <pending>,
//! which number of PORT(S) is which, only the Service's ports open on the clusterIP). The words
//! are core's (tests_learnfix17, core::getsvc).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// Q15/Q05: a LoadBalancer without a cloud prints `<pending>` and `80:<nodePort>/TCP`; the words
/// say which number is which and what minikube and kind run for <pending>.
#[wasm_bindgen_test]
async fn pending_load_balancer_shows_kubectl_get_svc() {
    remount().await;
    show(include_str!("../presets/broken-lb-pending.yaml")).await;
    // no cloud controller, as ?preset=broken-lb-pending opens it ("Cloud load balancers" off)
    let cloud: web_sys::HtmlInputElement = doc().get_element_by_id("cloud").unwrap().dyn_into().unwrap();
    if cloud.checked() {
        cloud.set_checked(false);
        fire(&cloud, "change");
    }
    poll(40, || count("[data-kind='load-balancer'].pending") == 1).await;
    select_service("web").await;
    let block = "#selected [data-kind='kubectl-get-svc']";
    poll(40, || count(block) == 1 && text(&format!("{block} .getsvc-table")).contains("<pending>")).await;
    assert_eq!(text(&format!("{block} .getsvc-cmd")), "$ kubectl get svc web");
    let table = text(&format!("{block} .getsvc-table"));
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(rows[0].starts_with("NAME") && rows[0].contains("CLUSTER-IP") && rows[0].ends_with("PORT(S)"), "{table}");
    let cells: Vec<&str> = rows[1].split_whitespace().collect();
    assert_eq!(cells[0..2], ["web", "LoadBalancer"], "{table}");
    assert!(cells[2].starts_with("10."), "{table}");
    assert_eq!(cells[3], "<pending>", "{table}");
    assert!(cells[4].starts_with("80:") && cells[4].ends_with("/TCP"), "{table}");
    let words = items(&format!("{block} .getsvc-cols li"));
    assert!(words.iter().any(|w| w.starts_with("EXTERNAL-IP <pending>") && w.contains("minikube tunnel") && w.contains("cloud-provider-kind")), "{words:?}");
    assert!(words.iter().any(|w| w.contains("two numbers for one port")), "{words:?}");
    // shown, not folded away
    let pre = doc().query_selector(&format!("{block} .getsvc-table")).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap();
    assert!(pre.offset_height() > 0);
}

/// Q14/Q02: the tutorial's ClusterIP Service prints EXTERNAL-IP `<none>` and `80/TCP`; the
/// CLUSTER-IP's sentence names the Service range, and one says dialling 8080 on the clusterIP
/// reaches no pod.
#[wasm_bindgen_test]
async fn cluster_ip_service_names_its_range_and_its_only_port() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='service'][data-name='web']") == 1).await;
    select_service("web").await;
    let block = "#selected [data-kind='kubectl-get-svc']";
    poll(40, || count(block) == 1).await;
    let table = text(&format!("{block} .getsvc-table"));
    let cells: Vec<&str> = table.lines().nth(1).unwrap_or_default().split_whitespace().collect();
    assert_eq!((cells[1], cells[3], cells[4]), ("ClusterIP", "<none>", "80/TCP"), "{table}");
    let words = items(&format!("{block} .getsvc-cols li"));
    assert!(words.iter().any(|w| w.starts_with(&format!("CLUSTER-IP {}: the API server allocated it from the Service range 10.96.0.0/12", cells[2]))), "{words:?}");
    assert!(words.iter().any(|w| w.starts_with("Only port 80 is open") && w.contains(":8080 (the pods' port)")), "{words:?}");
    // Q13: who reaches it, and what NodePort, LoadBalancer and an Ingress would add
    let reach = text(&format!("{block} [data-kind='who-reaches']"));
    assert!(reach.starts_with("Who reaches it: pods of the cluster only.") && reach.contains("an Ingress (or a Gateway API route)"), "{reach}");
}

/// Q04/Q08: "Delete pod" on a Deployment's pod said only which pod replaces it; it now says what
/// a cluster does meanwhile (Terminating, ready=false in the EndpointSlice, new connections to
/// the other endpoints, open ones run on) — core::poddetails::deletion_meanwhile.
#[wasm_bindgen_test]
async fn delete_pod_says_what_happens_to_connections() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("[data-kind='pod'][data-name^='web-']") == 3).await;
    let pod = doc().query_selector("[data-kind='pod'][data-name^='web-']").unwrap().unwrap();
    let name = pod.get_attribute("data-name").unwrap_or_default();
    pod.dispatch_event(&bubbling_click()).unwrap();
    poll(40, || count("#selected [data-kind='delete-pod']") == 1).await;
    let del: web_sys::HtmlElement = doc().query_selector("#selected [data-kind='delete-pod']").unwrap().unwrap().dyn_into().unwrap();
    del.click();
    poll(40, || text("#selected [data-kind='edit-status']").contains("Terminating")).await;
    let said = text("#selected [data-kind='edit-status']");
    assert!(said.starts_with(&format!("kubectl delete pod {name}: the ReplicaSet ")), "{said}");
    for part in ["first turns Terminating", "ready=false terminating=true", "new connections go to the 2 other ready endpoints of web", "run on until its containers exit"] {
        assert!(said.contains(part), "{part}: {said}");
    }
}

/// Q19: on a phone the tour card and the box it points at were far apart; "Show me ↓" in the
/// card scrolls the pointed box into view.
#[wasm_bindgen_test]
async fn tour_show_me_scrolls_to_the_pointed_box() {
    remount().await;
    let a: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-step'][data-step='4']").unwrap().expect("tour step 4").dyn_into().unwrap();
    a.click();
    poll(40, || count("#diagram [data-kind='load-balancer'].tour-point") == 1).await;
    let w = web_sys::window().unwrap();
    // the pointed box below the fold: a tall spacer under the page's top
    let spacer: web_sys::HtmlElement = doc().create_element("div").unwrap().dyn_into().unwrap();
    spacer.style().set_property("height", "3000px").unwrap();
    let app = doc().query_selector(".sb-app").unwrap().expect("app");
    app.parent_node().unwrap().insert_before(&spacer, Some(&app)).unwrap();
    w.scroll_to_with_x_and_y(0.0, 0.0);
    settle(20).await;
    let top = || doc().query_selector("#diagram .tour-point").unwrap().unwrap().get_bounding_client_rect().top();
    let h = w.inner_height().unwrap().as_f64().unwrap();
    assert!(top() > h, "below the fold first: {} vs {h}", top());
    let show: web_sys::HtmlElement = doc().query_selector("[data-kind='tour-card'] [data-kind='tour-show']").unwrap().expect("Show me").dyn_into().unwrap();
    assert_eq!(show.text_content().unwrap_or_default(), "Show me ↓");
    show.click();
    settle(50).await;
    assert!(top() >= -1.0 && top() < h, "in view after Show me: {} of {h}", top());
    spacer.remove();
}
