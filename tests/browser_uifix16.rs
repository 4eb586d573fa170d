//! Browser test of uifix16: a path of no hops draws no packet. In the broken-field-typo preset
//! (the API server refuses Service web: unknown field "spec.selectr") the request's packet
//! floated alone over the diagram's top middle, in no box (/work/uifix16/shots
//! after-preset-broken-field-typo.png); the tutorial's web Service still draws one, at the client.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

#[wasm_bindgen_test]
async fn a_refused_service_draws_no_packet_and_a_working_one_does() {
    remount().await;
    show(include_str!("../presets/broken-field-typo.yaml")).await;
    poll(40, || count(".path[data-outcome='not-created']") == 1).await;
    assert_eq!(count(".path[data-outcome='not-created']"), 1);
    assert_eq!(count("svg.diagram [data-kind='packet']"), 0);
    show(include_str!("../presets/web-clusterip.yaml")).await;
    poll(40, || count("svg.diagram [data-kind='packet']") == 1).await;
    assert_eq!(count("svg.diagram [data-kind='packet']"), 1);
}
