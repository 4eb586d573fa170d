//! Browser tests of teachfix9's page wording: a hand-written Endpoints named as such on its
//! endpoint box (mirrored into an EndpointSlice: kubernetes/kubernetes
//! pkg/controller/endpointslicemirroring endpointslicemirroring_controller.go syncEndpoints),
//! counts in singular/plural ("2 hops", never "2 hop(s)"), and the caption's port-forward note
//! read from the report's path `note` (core::paths::entry_note; kubectl
//! pkg/polymorphichelpers/helpers.go SelectorsForObject refuses a Service without a selector).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

const ENDPOINTS: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {ports: [{port: 5432}]}\n---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n- addresses: [{ip: 192.168.10.5}]\n  ports: [{port: 5432}]\n";

/// Item 1: the endpoint box of a hand-written Endpoints says so, and its title names the
/// mirroring controller (it said "from your EndpointSlice").
#[wasm_bindgen_test]
async fn a_hand_written_endpoints_box_names_the_endpoints() {
    remount().await;
    show(ENDPOINTS).await;
    poll(40, || count("#diagram [data-kind='external']") >= 1).await;
    let boxed = text("#diagram [data-kind='external'][data-name='192.168.10.5']");
    // (the group's text includes its <title>, which names the EndpointSlice it is mirrored into)
    assert!(boxed.contains("from your Endpoints") && !boxed.contains("from your EndpointSlice"), "{boxed}");
    let title = text("#diagram [data-kind='external'][data-name='192.168.10.5'] title");
    assert!(title.contains("from your Endpoints db") && title.contains("EndpointSlice mirroring controller"), "{title}");
    // item 2 on the same page: the summary counts in words ("1 Service", not "1 Service(s)")
    let summary = text("#summary");
    assert!(summary.contains("1 Service,") && !summary.contains("(s)"), "{summary}");
}

/// Items 2 and 3: the caption's head counts hops in words, and its note under the outcome comes
/// from the report: the port-forward line for a ClusterIP from outside, and for a Service
/// without a selector the reason port-forward does not work.
#[wasm_bindgen_test]
async fn caption_counts_hops_in_words_and_reads_the_paths_note() {
    remount().await;
    show(include_str!("../presets/web-clusterip.yaml")).await;
    choose("entry", "outside").await;
    poll(40, || text("#caption [data-kind='entry-note']").contains("port-forward")).await;
    let note = text("#caption [data-kind='entry-note']");
    assert!(note.contains("kubectl port-forward svc/web 8080:80 works without changing the type"), "{note}");
    let head = text("#caption .caption-head");
    assert!((head.starts_with("1 hop.") || head.contains(" hops.")) && !head.contains("(s)"), "{head}");
    let why = text("#why-no-traffic > summary");
    assert!(!why.contains("(s)"), "{why}");

    show(ENDPOINTS).await;
    choose("entry", "outside").await;
    poll(40, || text("#caption [data-kind='entry-note']").contains("does not work here")).await;
    let note = text("#caption [data-kind='entry-note']");
    assert!(note.contains("kubectl port-forward svc/db does not work here") && note.contains("Service is defined without a selector"), "{note}");
}
