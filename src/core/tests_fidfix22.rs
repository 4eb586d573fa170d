//! fidfix22: three Gateway/probe leftovers of fidfix21 ("Noticed and left alone"). Each test
//! reads real YAML (tests/fixtures/fidfix22/, or fidfix21's) and names the upstream rule.

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn route_info(r: &super::report::Report) -> String {
    r.diagnostics.iter().find(|d| d.code == "GatewayRoutes").map(|d| d.message.clone()).expect("the route's info")
}

/// Item 1. The route's info said "the Gateway sends … 1 ready endpoint" while its path was
/// Rejected: the listener it is accepted on is not programmed (apis/v1 gateway_types.go
/// ListenerTLSConfig.CertificateRefs: a cross-namespace ref without a ReferenceGrant sets
/// ResolvedRefs False, RefNotPermitted), or the Gateway is not Accepted because its GatewayClass
/// is missing (GatewayReasonPending). The words now say the Gateway serves none of the route's
/// requests, and why, as the path does.
#[test]
fn route_info_follows_a_listener_not_programmed_or_a_missing_class_gateway_types_listener_reason_ref_not_permitted() {
    let text = fixture("fidfix21/04-gateway-cert-other-namespace.yaml");
    let r = analyze(&text, &Config::default());
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    let info = route_info(&r);
    assert!(!info.starts_with("the Gateway sends"), "{info}");
    assert!(info.starts_with("the Gateway serves none of this route's requests, so they reach none of its backendRefs (spec.rules[0].backendRefs[0] → Service shop port 80 → targetPort 8080: 1 ready endpoint): listener https of Gateway public is not programmed (ResolvedRefs False, reason RefNotPermitted"), "{info}");
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "GatewayRoutes").unwrap().severity, Severity::Info);

    // the Gateway's class is missing: not Accepted (Pending), nothing answers
    let r = analyze(&text.replace("gatewayClassName: eg", "gatewayClassName: envoy"), &Config::default());
    let info = route_info(&r);
    assert!(info.starts_with("the Gateway serves none of this route's requests") && info.contains("Gateway public is managed by no controller"), "{info}");

    // with the ReferenceGrant: served, and the words say it sends
    let grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: gateway-certs\n  namespace: shop\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: envoy-gateway-system\n  to:\n  - group: \"\"\n    kind: Secret\n";
    let r = analyze(&format!("{text}{grant}"), &Config::default());
    assert_eq!(route_info(&r), "the Gateway sends spec.rules[0].backendRefs[0] → Service shop port 80 → targetPort 8080: 1 ready endpoint");
}

/// Item 2. A parentRef without sectionName "will reference the entire resource" (gateway-api
/// apis/v1 shared_types.go ParentReference.SectionName): the route attaches to every listener
/// that takes it, and only a programmed one serves it (envoyproxy/gateway
/// internal/gatewayapi/route.go processHTTPRouteParentRefListener: the route goes into each
/// listener's IR listener). The Gateway's first listener (https) is not programmed, its second
/// (http) is: the path goes through http on port 80, delivered. With no listener serving, the
/// path says that none of them does.
#[test]
fn no_section_name_picks_a_serving_listener_shared_types_parent_reference_section_name() {
    let text = fixture("fidfix22/01-gateway-no-section-https-first.yaml");
    let r = analyze(&text, &Config::default());
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    let first = &p.hops[0];
    assert!(first.explanation.starts_with("The client sends a request for http://shop.example.com/ to Gateway envoy-gateway-system/public of class eg, listener http (HTTP on port 80)"), "{}", first.explanation);
    assert!(first.dst.ends_with(":80"), "{}", first.dst);
    assert!(route_info(&r).starts_with("the Gateway sends "));
    // the listener's own warning stays
    assert!(r.diagnostics.iter().any(|d| d.code == "GatewayListenerRefNotPermitted"));

    // the second listener an HTTPS one with the same certificate: none serves, and the words say so
    let both = text.replace("  - name: http\n    protocol: HTTP\n    port: 80\n", "  - name: https-alt\n    protocol: HTTPS\n    port: 8443\n    tls:\n      certificateRefs:\n      - kind: Secret\n        name: shop-tls\n        namespace: shop\n");
    assert_ne!(both, text);
    let r = analyze(&both, &Config::default());
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.starts_with("listener https of Gateway public is not programmed") && p.reason.ends_with("; the route's other listener there, https-alt, is not programmed either, so no listener of the Gateway serves the route"), "{}", p.reason);

    // a sectionName still picks its listener, serving or not (fidfix21's case)
    let named = text.replace("    namespace: envoy-gateway-system\n  hostnames:", "    namespace: envoy-gateway-system\n    sectionName: https\n  hostnames:");
    assert_ne!(named, text);
    let r = analyze(&named, &Config::default());
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(!p.reason.contains("other listener"), "{}", p.reason);
}

/// Item 3. A startupProbe holds readiness back until it succeeds: pkg/kubelet/prober/worker.go
/// doProbe does not probe for InitialDelaySeconds ("Probe disabled for InitialDelaySeconds") and
/// runs no readiness probe while the container has not started ("Disable other probes until
/// container has started"); prober_manager.go UpdatePodStatus sets Ready only `if started`.
/// So with startupProbe initialDelaySeconds 30 each pod is not Ready for at least 30 s after a
/// start; periodSeconds 5 × failureThreshold 12 more and a failing start is restarted
/// (pkg/apis/core/v1/defaults.go SetDefaults_Probe: 10 and 3 when unset). Info, on the pod and
/// on the Service.
#[test]
fn startup_probe_initial_delay_holds_readiness_back_worker_do_probe_disable_other_probes() {
    let text = fixture("fidfix22/02-startup-probe-delay.yaml");
    let r = analyze(&text, &Config::default());
    let pods: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("reports-")).collect();
    assert_eq!(pods.len(), 2);
    for p in &pods {
        assert!(p.ready);
        assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
        assert!(p.notes[0].starts_with("the startupProbe of container reports has initialDelaySeconds: 30") && p.notes[0].contains("runs no readiness probe") && p.notes[0].contains("for at least 30 s after each start") && p.notes[0].contains("within about 90 s of its start (initialDelaySeconds 30 + periodSeconds 5 × failureThreshold 12)"), "{}", p.notes[0]);
    }
    let d = r.diagnostics.iter().find(|d| d.code == "StartupInitialDelay").expect("the Service's note");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.object.as_deref(), Some("Service/default/reports"));
    assert!(d.message.starts_with("Service reports: all 2 of its ready endpoints wait out a startupProbe initialDelaySeconds (container reports: 30 s)") && d.message.contains("the Service has no ready endpoint for at least 30 s"), "{}", d.message);
    assert!(r.diagnostics.iter().all(|d| d.code != "ReadinessInitialDelay"));
    assert!(r.diagnostics.iter().all(|d| d.severity == Severity::Info), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());

    // the defaults: periodSeconds 10, failureThreshold 3
    let r = analyze(&text.replace("          periodSeconds: 5\n          failureThreshold: 12\n", ""), &Config::default());
    let p = r.pods.iter().find(|p| p.name.starts_with("reports-")).unwrap();
    assert!(p.notes[0].contains("within about 60 s of its start (initialDelaySeconds 30 + periodSeconds 10 × failureThreshold 3)"), "{}", p.notes[0]);

    // a larger readinessProbe delay decides the Service's words (fidfix21's)
    let r = analyze(&text.replace("            path: /ready\n            port: http\n", "            path: /ready\n            port: http\n          initialDelaySeconds: 45\n"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ReadinessInitialDelay").expect("the readiness note");
    assert!(d.message.contains("(container reports: 45 s)"), "{}", d.message);
    assert!(r.diagnostics.iter().all(|d| d.code != "StartupInitialDelay"));
    assert_eq!(r.pods.iter().find(|p| p.name.starts_with("reports-")).unwrap().notes.len(), 2);

    // no startup delay: nothing
    let r = analyze(&text.replace("          initialDelaySeconds: 30\n", ""), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "StartupInitialDelay"));
    assert!(r.pods.iter().all(|p| p.notes.is_empty()));
}

/// Item 1, the diagram's words: the Gateway box said "routes to the endpoints" while every path
/// through it was Rejected at a listener that is not programmed (or a Gateway no controller
/// manages). Its caption now follows the paths, as it follows the route's Accepted condition
/// (fidfix20).
#[test]
fn gateway_box_caption_says_not_serving_when_the_listener_is_not_programmed_listener_reason_ref_not_permitted() {
    let caption = |text: &str| {
        let r = analyze(text, &Config::default());
        let i = r.services.iter().position(|s| s.name == "shop").unwrap();
        let l = super::layout::layout(&r, Some(i), 1000.0);
        let b = l.items.iter().find(|i| i.kind == "external" && i.name == "gateway/envoy-gateway-system/public").unwrap_or_else(|| panic!("no Gateway box: {:?}", l.items.iter().map(|i| &i.name).collect::<Vec<_>>()));
        b.texts.iter().map(|t| t.text.clone()).collect::<Vec<_>>()
    };
    let text = fixture("fidfix21/04-gateway-cert-other-namespace.yaml");
    let texts = caption(&text);
    assert!(texts.iter().any(|t| t == "not serving the route") && !texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");
    let texts = caption(&text.replace("gatewayClassName: eg", "gatewayClassName: envoy"));
    assert!(texts.iter().any(|t| t == "not serving the route"), "{texts:?}");
    // no sectionName: through the serving http listener
    let texts = caption(&fixture("fidfix22/01-gateway-no-section-https-first.yaml"));
    assert!(texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");
}
