//! Browser test of fidfix24 item 1: qa6 11's host-network DaemonSet pod on node-1 chosen as the
//! client (From "Your pod dns-test-…, on node-1"): its lookup goes to node-1's own resolver
//! (pkg/kubelet/network/dns/dns.go getPodDNSType: ClusterFirst on the host network falls back
//! to the node's resolv.conf), and the page draws that hop to node-1's frame, level with the
//! client pod, the packet resting inside the frame; it was drawn around the node and down onto
//! node-1's kube-proxy strip, the packet resting on the strip.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// The `<rect>` of the drawn thing `sel` as (x, y, w, h).
fn rect_of(sel: &str) -> (f64, f64, f64, f64) {
    let r = doc().query_selector(&format!("{sel} > rect")).unwrap().unwrap_or_else(|| panic!("{sel} drawn"));
    let n = |a: &str| r.get_attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or_else(|| panic!("{sel} {a}"));
    (n("x"), n("y"), n("width"), n("height"))
}

#[wasm_bindgen_test]
async fn the_node_resolver_hop_ends_on_the_node_frame_not_on_kube_proxy() {
    remount().await;
    show(include_str!("fixtures/qa6-11-hostnetwork-daemonset-cluster-dns.yaml")).await;
    poll(80, || count("#entry option") >= 3).await;
    let value = option_value("entry", |t| t.contains("dns-test-") && t.contains("node-1")).expect("the DaemonSet's pod on node-1 in the From menu");
    choose("entry", &value).await;
    click("step");
    settle(300).await;
    let hop = "svg.diagram [data-kind='hop'][data-name='1']";
    poll(80, || count(hop) == 1).await;
    assert_eq!(attr(hop, "data-hop").as_deref(), Some("dns"));
    let points = attr(hop, "points").unwrap_or_default();
    let last: Vec<f64> = points.split_whitespace().last().unwrap_or_default().split(',').filter_map(|v| v.parse().ok()).collect();
    let (x, y) = (last[0], last[1]);
    let (nx, ny, nw, nh) = rect_of("svg.diagram [data-kind='node'][data-name='node-1']");
    let (kx, ky, kw, kh) = rect_of("svg.diagram [data-kind='kube-proxy'][data-name='node-1']");
    // the line ends on node-1's left or right side, between its top and bottom
    assert!(((x - nx).abs() < 1.0 || (x - (nx + nw)).abs() < 1.0) && y > ny && y < ny + nh, "ends at {x},{y}: node-1 {nx},{ny} {nw}x{nh}");
    assert!(!(x >= kx && x <= kx + kw && y >= ky && y <= ky + kh), "ends on kube-proxy: {x},{y}");
    // and the packet rests inside node-1, off its kube-proxy strip
    let t = attr("svg.diagram [data-kind='packet']", "style").unwrap_or_default();
    let nums: Vec<f64> = t.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).filter_map(|v| v.parse().ok()).collect();
    assert!(nums.len() >= 2, "{t}");
    let (px, py) = (nums[0], nums[1]);
    assert!(px > nx && px < nx + nw && py > ny && py < ny + nh, "packet at {px},{py}");
    assert!(!(py >= ky && py <= ky + kh), "packet on kube-proxy: {px},{py}");
    let _ = doc().query_selector(hop).unwrap().unwrap().dyn_into::<web_sys::Element>();
}
