//! qafix10: what helper qa10's real-question sweep (15 threads) found the report gets WRONG or
//! MISSES. Each test reads the thread's own YAML (tests/fixtures/qa10-*), trimmed, with the source
//! URL in its header comment.

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa10 12 (SREGym/SREGym#46: a Deployment patched to dnsPolicy None with nameservers [8.8.8.8]
/// and no searches, "Pod loses all resolution"). With `--client-pod` one of its pods, the path to
/// Service payment read "its search path (astronomy-shop.svc.cluster.local, …) expands that …
/// cluster DNS answers with the clusterIP", delivered; without it nothing said the frontend pods
/// resolve no Service name. pkg/kubelet/network/dns/dns.go GetPodDNS: `case podDNSNone:` the
/// base is empty and appendDNSConfig adds spec.dnsConfig only: nameserver 8.8.8.8, no search.
#[test]
fn dns_policy_none_outside_nameserver_resolves_no_service_name_get_pod_dns_none() {
    let text = fixture("qa10-12-dnspolicy-none.yaml");
    let r = analyze(&text, &Config::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "DNSPolicyNoneOutside").collect();
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(d[0].severity, Severity::Info);
    assert!(d[0].message.contains("dnsPolicy: None with nameserver 8.8.8.8 first in spec.dnsConfig") && d[0].message.contains("its pods cannot resolve Service names"), "{}", d[0].message);
    let frontend = r.pods.iter().find(|p| p.name.starts_with("frontend-")).unwrap().name.clone();

    let cfg = Config { client_namespace: Some("astronomy-shop".into()), client_pod: Some(frontend.clone()), ..Config::default() };
    let r = analyze(&text, &cfg);
    let payment = r.services.iter().find(|s| s.name == "payment").unwrap();
    let from_pod: Vec<_> = payment.paths.iter().filter(|p| p.entry == Entry::Pod).collect();
    assert!(!from_pod.is_empty());
    for p in from_pod {
        assert_eq!(p.outcome, Outcome::Nxdomain, "{p:#?}");
        assert_eq!(p.hops.len(), 1, "{p:#?}");
        assert_eq!((p.hops[0].from.as_str(), p.hops[0].to.as_str(), p.hops[0].dst.as_str()), ("pod:client", "resolver:node-1", "payment?"));
        assert!(p.hops[0].explanation.contains("it has nameserver 8.8.8.8 and no search domains (spec.dnsConfig.searches is empty), not the cluster DNS 10.96.0.10"), "{}", p.hops[0].explanation);
        assert!(p.reason.contains("asks nameserver 8.8.8.8 (spec.dnsConfig), not the cluster DNS"), "{}", p.reason);
    }

    // the cluster DNS named first (or NodeLocal DNSCache's link-local address): it resolves, as before
    for ns in ["10.96.0.10", "169.254.20.10"] {
        let other = text.replacen("nameservers: [\"8.8.8.8\"]\n        searches: []", &format!("nameservers: [\"{ns}\"]\n        searches: [astronomy-shop.svc.cluster.local]"), 1);
        assert_ne!(other, text);
        let r = analyze(&other, &cfg);
        assert!(!r.diagnostics.iter().any(|d| d.code == "DNSPolicyNoneOutside"), "{ns}: {:#?}", r.diagnostics);
        let payment = r.services.iter().find(|s| s.name == "payment").unwrap();
        assert!(payment.paths.iter().filter(|p| p.entry == Entry::Pod).all(|p| p.outcome == Outcome::Delivered), "{ns}");
    }
}

/// qa10 05 (kubernetes-retired/kpng#61: Service sctp-test, port 6000/SCTP). The outside path's
/// note read "kubectl port-forward svc/sctp-test 8080:6000 works": port-forward tunnels TCP only.
/// kubernetes/kubectl pkg/cmd/portforward/portforward.go checkUDPPortInService refuses a UDP
/// port no TCP port shares ("UDP protocol is not supported for %s"); an SCTP port is forwarded
/// as a TCP stream (containerd sandbox_portforward_linux.go portForward dials tcp4).
#[test]
fn port_forward_note_refuses_udp_and_sctp_ports_check_udp_port_in_service() {
    let text = fixture("qa10-05-service-proxy-name.yaml");
    let note = |text: &str| {
        let r = analyze(text, &Config::default());
        let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
        s.paths.iter().find(|p| p.entry == Entry::Outside).and_then(|p| p.note.clone()).unwrap()
    };
    let n = note(&text);
    assert!(n.starts_with("kubectl port-forward svc/sctp-test 8080:6000 does not reach this port: port-forward tunnels TCP only") && n.contains("this port is SCTP"), "{n}");
    let udp = text.replace("protocol: SCTP", "protocol: UDP");
    let n = note(&udp);
    assert!(n.contains("kubectl refuses (error: UDP protocol is not supported for 6000)"), "{n}");
    // a TCP port of the same number beside the UDP one: kubectl forwards it (DNS's 53/UDP + 53/TCP)
    let both = udp.replacen("  - port: 6000\n    name: sctpt\n    protocol: UDP\n", "  - port: 6000\n    name: sctpt\n    protocol: UDP\n  - port: 6000\n    name: tcp\n    protocol: TCP\n", 1);
    assert_ne!(both, udp);
    let r = analyze(&both, &Config::default());
    let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
    assert!(s.paths.iter().filter(|p| p.entry == Entry::Outside).all(|p| p.note.as_deref().is_some_and(|n| n.starts_with("For debugging"))), "{:#?}", s.paths);
}

/// qa10 05 (kubernetes-retired/kpng#61, uablrek: the label "will make the kube-proxy to ignore the
/// service"). The pod path read "iptables rules that kube-proxy wrote on the client's own node
/// (node-1) catch the packet", then a DNAT by kube-proxy. cmd/kube-proxy/app/server.go
/// ProxyServer.Run lists Services and EndpointSlices with the label selector
/// service.kubernetes.io/service-proxy-name DoesNotExist: kube-proxy writes no rule for it.
#[test]
fn service_proxy_name_label_kube_proxy_ignores_the_service_server_go_no_proxy_name() {
    let text = fixture("qa10-05-service-proxy-name.yaml");
    let r = analyze(&text, &Config::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "ServiceProxyName").collect();
    assert_eq!(d.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(d[0].message.contains("label service.kubernetes.io/service-proxy-name: nordix-sctp: kube-proxy ignores this Service"), "{}", d[0].message);
    let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");
    assert!(p.backends.is_empty());
    assert!(p.hops.iter().all(|h| !h.from.starts_with("kube-proxy:")), "{p:#?}");
    let last = p.hops.last().unwrap();
    assert!(last.explanation.starts_with("The client sends to ") && last.explanation.contains("kube-proxy ignores this Service") && !last.explanation.contains("iptables rules that kube-proxy wrote"), "{}", last.explanation);

    // a NodePort: the nodePort is not opened by kube-proxy either
    let np = text.replacen("  ipFamilyPolicy: PreferDualStack\n", "  ipFamilyPolicy: PreferDualStack\n  type: NodePort\n", 1);
    assert_ne!(np, text);
    let r = analyze(&np, &Config::default());
    let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
    let nodeports: Vec<_> = s.paths.iter().filter(|p| p.entry == Entry::NodePort).collect();
    assert!(!nodeports.is_empty());
    for p in nodeports {
        assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");
        assert_eq!(p.hops.len(), 1, "{p:#?}");
        assert!(!p.hops[0].explanation.contains("KUBE-NODEPORTS") && p.hops[0].explanation.contains("kube-proxy ignores this Service"), "{}", p.hops[0].explanation);
    }

    // a LoadBalancer: its <pending> still says why from its own path
    let lb = text.replacen("  ipFamilyPolicy: PreferDualStack\n", "  ipFamilyPolicy: PreferDualStack\n  type: LoadBalancer\n", 1);
    let r = analyze(&lb, &Config::default());
    assert!(r.to_text().contains("load balancer: <pending> (no cloud controller)"), "{}", r.to_text());

    // without the label kube-proxy serves it (unchanged)
    let plain = text.replacen("  labels:\n    service.kubernetes.io/service-proxy-name: nordix-sctp\n", "", 1);
    assert_ne!(plain, text);
    let r = analyze(&plain, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "ServiceProxyName"));
    let s = r.services.iter().find(|s| s.name == "sctp-test").unwrap();
    assert_eq!(s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap().outcome, Outcome::Delivered);
}

fn ingress_note(r: &super::Report, svc: &str) -> String {
    let s = r.services.iter().find(|s| s.name == svc).unwrap();
    s.paths.iter().find(|p| p.entry == Entry::Ingress).and_then(|p| p.note.clone()).unwrap_or_default()
}

/// qa10 09 (kubernetes/ingress-nginx#4473: an app serving HTTPS on 443, Service port 443, "502
/// Bad Gateway" through the Ingress). The Ingress path said "delivered" and nothing of the
/// protocol. ingress-nginx internal/ingress/annotations/backendprotocol/main.go Parse: HTTP when
/// the annotation is absent or unknown.
#[test]
fn ingress_nginx_speaks_http_to_a_443_backend_without_backend_protocol_parse() {
    let text = fixture("qa10-09-https-backend-443.yaml");
    let r = analyze(&text, &Config::default());
    let n = ingress_note(&r, "tt-core-web-service-dev");
    assert!(n.contains("ingress-nginx speaks plain HTTP to the pods on port 443 (nginx.ingress.kubernetes.io/backend-protocol is not set, and HTTP is its default)") && n.contains("Set nginx.ingress.kubernetes.io/backend-protocol: \"HTTPS\""), "{n}");
    // the asker's fix: backend-protocol HTTPS (any case) — no such words
    for v in ["HTTPS", "https"] {
        let fixed = text.replacen("    nginx.ingress.kubernetes.io/rewrite-target: /\n", &format!("    nginx.ingress.kubernetes.io/rewrite-target: /\n    nginx.ingress.kubernetes.io/backend-protocol: \"{v}\"\n"), 1);
        assert_ne!(fixed, text);
        let r = analyze(&fixed, &Config::default());
        assert!(!ingress_note(&r, "tt-core-web-service-dev").contains("speaks plain HTTP"), "{v}");
    }
    // an unknown value is HTTP to the controller
    let odd = text.replacen("    nginx.ingress.kubernetes.io/rewrite-target: /\n", "    nginx.ingress.kubernetes.io/rewrite-target: /\n    nginx.ingress.kubernetes.io/backend-protocol: \"TLS\"\n", 1);
    let r = analyze(&odd, &Config::default());
    assert!(ingress_note(&r, "tt-core-web-service-dev").contains("backend-protocol \"TLS\" is not one it knows, so it uses HTTP"));
    // a plain port 80 backend: nothing said
    let plain = text.replace("443", "80");
    let r = analyze(&plain, &Config::default());
    assert!(!ingress_note(&r, "tt-core-web-service-dev").contains("speaks plain HTTP"));
}

/// qa10 15 (kubernetes/ingress-nginx#6722: ssl-passthrough "not affecting routes"). Nothing was
/// said of the annotation. ingress-nginx docs/user-guide/nginx-configuration/annotations.md
/// "SSL Passthrough": disabled by default, needs --enable-ssl-passthrough; layer 4, so every
/// other annotation is ignored.
#[test]
fn ssl_passthrough_needs_the_controller_flag_annotations_md_ssl_passthrough() {
    let text = fixture("qa10-15-ssl-passthrough.yaml");
    let r = analyze(&text, &Config::default());
    let n = ingress_note(&r, "admin");
    assert!(n.contains("ssl-passthrough: \"true\" works only when the controller is started with --enable-ssl-passthrough (off by default); the input's ingress-nginx controller runs without it, so the annotation is ignored there"), "{n}");
    assert!(n.contains("TLS connections for admin.d.co.il on port 443 are handed, still encrypted, to the endpoints") && n.contains("every other annotation of this Ingress (backend-protocol"), "{n}");
    assert!(!n.contains("speaks plain HTTP"), "{n}");
    // the flag on the controller
    let on = text.replacen("        - --ingress-class=nginx\n", "        - --ingress-class=nginx\n        - --enable-ssl-passthrough\n", 1);
    assert_ne!(on, text);
    let n = ingress_note(&analyze(&on, &Config::default()), "admin");
    assert!(n.contains("the input's ingress-nginx controller runs with it") && !n.contains("ignored there"), "{n}");
    // no controller in the input: only that the flag is needed
    let cut = text.find("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ingress-nginx-controller").unwrap();
    let n = ingress_note(&analyze(&text[..cut], &Config::default()), "admin");
    assert!(n.contains("(off by default). With it,"), "{n}");
}

/// qa10 04 (kubernetes/kubernetes#112467: policies in payment-gateway, one admitting
/// `podSelector: {matchLabels: {app: ingress-nginx}}` without a namespaceSelector; 504). The
/// input's controller pod (app.kubernetes.io/name=ingress-nginx, no component label, as the older
/// static manifests label it) was not taken as the controller: the path reasoned on assumed chart
/// labels ("… do not match podSelector app=ingress-nginx"). netpol::ingress_controller_side.
#[test]
fn ingress_controller_pod_without_component_label_is_the_peer_ingress_controller_side() {
    let text = fixture("qa10-04-netpol-blocks-ingress-nginx.yaml");
    let r = analyze(&text, &Config::default());
    let s = r.services.iter().find(|s| s.name == "payment").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Ingress).unwrap();
    assert_eq!(p.outcome, Outcome::Dropped, "{p:#?}");
    assert!(!p.reason.contains("taken as ingress-nginx's own install") && !p.reason.contains("do not match podSelector app=ingress-nginx"), "{}", p.reason);
    assert!(p.reason.contains("in namespace ingress-nginx") && p.reason.contains("payment-gateway-network-policy-allow-ingress-nginx's closest rule is ingress rule 1 (spec.ingress[0]), from podSelector app=ingress-nginx on every port — it lacks the namespace"), "{}", p.reason);
    // the chart's admission-webhook pods are not the controller
    let webhook = text.replacen("        app.kubernetes.io/name: ingress-nginx\n", "        app.kubernetes.io/name: ingress-nginx\n        app.kubernetes.io/component: admission-webhook\n", 1);
    assert_ne!(webhook, text);
    let r = analyze(&webhook, &Config::default());
    let s = r.services.iter().find(|s| s.name == "payment").unwrap();
    assert!(s.paths.iter().find(|p| p.entry == Entry::Ingress).unwrap().reason.contains("taken as ingress-nginx's own install"));
}
