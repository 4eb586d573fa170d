//! uifix12: share links and `?embed` URLs carry the From choice (uifix11's client_namespace).

/// uifix11's From choice "Your pod frontend/client" (Config::client_namespace) in a share link
/// and an `?embed` URL (the same `#s=` payload): carried as an appended field
/// `client_namespace` and restored; a link made before it (no such field) opens with the
/// stand-in client; a value that is no namespace name (apimachinery IsDNS1123Label) is dropped.
#[test]
fn a_share_link_carries_the_client_pods_namespace() {
    use super::share::{decode, encode, SharedScene};
    use crate::hostopts::HostOptions;
    let sc = SharedScene { yaml: "y".into(), nodes: 3, client: "node-2".into(), mode: "keepalive-2".into(), client_namespace: "frontend".into(), ..Default::default() };
    let payload = encode(&sc);
    assert_eq!(decode(&payload).unwrap(), sc);
    for search in ["", "?embed", "?embed&readonly"] {
        let o = HostOptions::parse(search, &format!("#s={payload}"));
        assert_eq!((o.client_namespace.as_deref(), o.client.as_deref(), o.client_mode.as_deref()), (Some("frontend"), Some("node-2"), Some("keepalive-2")), "{search}");
    }
    // an old link: the fields before it only
    let old = encode(&SharedScene { yaml: "y".into(), client: "node-2".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={old}")).client_namespace, None);
    let bad = encode(&SharedScene { yaml: "y".into(), client_namespace: "Not_A/ns".into(), ..Default::default() });
    assert_eq!(HostOptions::parse("", &format!("#s={bad}")).client_namespace, None);
}
