//! fidfix21: the fidelity leftovers of the last sweep. Each test reads real YAML
//! (tests/fixtures/fidfix21/, or an earlier sweep's fixture) and names the upstream rule.

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// Item 1. A startupProbe on a port name the container does not declare: pkg/probe/util.go
/// findPortByName errors (`port "http" not found`), pkg/kubelet/prober/prober.go probe returns
/// the error ("Startup probe errored and resulted in unknown state"), and
/// pkg/kubelet/prober/worker.go doProbe throws an errored result away ("Prober error, throw away
/// the result"): the startup result stays at newWorker's initial Unknown, so the container never
/// counts as started, its readiness probe never runs ("Disable other probes until container has
/// started"), and pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions never kills it
/// (it kills on a startup *Failure*: "Container %s failed startup probe, will be restarted").
/// Upstream differs from the brief here: no restart (RESTARTS stays 0), and the words say so.
#[test]
fn startup_probe_on_an_undeclared_port_name_never_starts_and_is_not_restarted_worker_do_probe() {
    let r = analyze(&fixture("fidfix21/01-startup-probe-port-name.yaml"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").expect("the startup probe warning");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.starts_with("spec.template.spec.containers[0].startupProbe.httpGet.port: port \"http\" not found"), "{}", d.message);
    assert!(d.message.contains("the container never counts as started") && d.message.contains("its readiness and liveness probes never run") && d.message.contains("RESTARTS stays 0"), "{}", d.message);
    assert!(!d.message.contains("will be restarted"), "{}", d.message);
    let pod = r.pods.iter().find(|p| p.name.starts_with("api-")).unwrap();
    assert!(!pod.ready);
    let why = pod.not_ready_reason.as_deref().unwrap_or_default();
    assert!(why.starts_with("the startupProbe of container api uses port \"http\"") && why.contains("never counts as started") && why.contains("not restarted either"), "{why}");
    // the text report's pod line says it
    assert!(r.to_text().contains("never counts as started"));
}

/// Item 1, the liveness half (qa3 33's promxy scene, fidfix20's words corrected): a
/// livenessProbe on the undeclared port name "web" errors every period ("Liveness probe errored
/// and resulted in unknown state"), worker.go doProbe throws the errored result away and the
/// liveness result stays at newWorker's initial Success, so computePodActions never finds a
/// Failure and never restarts the container ("failed liveness probe, will be restarted" does not
/// happen). With a readiness probe on the same name: said after the readiness cause. Alone: a
/// warning, and now the pod's line says it (the pod is Ready).
#[test]
fn liveness_probe_on_an_undeclared_port_name_never_restarts_and_the_pod_line_says_so_worker_do_probe() {
    let text = fixture("qa3-33-liveness-named-port-undeclared.yaml");
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name.starts_with("promxy-")).unwrap();
    let why = pod.not_ready_reason.as_deref().unwrap_or_default();
    assert!(why.contains("its livenessProbe uses port \"web\" too") && why.contains("never restarts the container (RESTARTS stays 0)"), "{why}");
    assert!(!why.contains("will be restarted") && !why.contains("RESTARTS climbs"), "{why}");
    assert!(pod.notes.is_empty(), "said once, in the not-Ready reason: {:?}", pod.notes);

    let live_only = text.replace("        readinessProbe:\n          httpGet:\n            path: \"/-/ready\"\n            port: web\n          initialDelaySeconds: 3\n", "");
    assert_ne!(live_only, text);
    let r = analyze(&live_only, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").expect("the liveness warning");
    assert!(d.message.starts_with("spec.template.spec.containers[0].livenessProbe.httpGet.port: port \"web\" not found"), "{}", d.message);
    assert!(d.message.contains("every livenessProbe errors") && d.message.contains("never restarts container promxy") && !d.message.contains("will be restarted"), "{}", d.message);
    let pod = r.pods.iter().find(|p| p.name.starts_with("promxy-")).unwrap();
    assert!(pod.ready, "liveness does not gate readiness");
    assert_eq!(pod.notes.len(), 1, "{:?}", pod.notes);
    assert!(pod.notes[0].starts_with("the livenessProbe of container promxy uses port \"web\", a name the container does not declare") && pod.notes[0].contains("never restarted by it"), "{}", pod.notes[0]);
    let text_report = r.to_text();
    let line = text_report.lines().position(|l| l.starts_with(&format!("  pod promxy/{}", pod.name))).expect("the pod line");
    assert!(text_report.lines().nth(line + 1).unwrap().contains("the livenessProbe of container promxy uses port \"web\""), "{text_report}");
    // the JSON carries it on the pod ("notes"), absent from pods without
    let json = serde_json::to_value(&r).unwrap();
    let jp = json["pods"].as_array().unwrap().iter().find(|p| p["name"] == pod.name.as_str()).unwrap();
    assert_eq!(jp["notes"].as_array().map(Vec::len), Some(1));
    // (the same name declared: nothing)
    let fixed = live_only.replace("        - containerPort: 8082\n", "        - containerPort: 8082\n          name: web\n");
    assert_ne!(fixed, live_only);
    let r = analyze(&fixed, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ProbePortNotFound"));
    assert!(r.pods.iter().all(|p| p.notes.is_empty()));
}

/// Item 2 (qa4 19): a readinessProbe with initialDelaySeconds: 60. pkg/kubelet/prober/worker.go
/// newWorker starts the readiness result at results.Failure and doProbe returns early while the
/// container has run less than InitialDelaySeconds ("Probe disabled for InitialDelaySeconds"), so
/// the pod is not Ready — and the EndpointSlice controller (k8s.io/endpointslice utils.go
/// podToEndpoint) lists it not ready — for at least 60 s after each start. An info on each pod's
/// line and on the Service all of whose endpoints wait so; no warning.
#[test]
fn readiness_initial_delay_is_said_on_the_pod_and_the_service_worker_initial_value_failure() {
    let text = fixture("fidfix21/02-readiness-initial-delay.yaml");
    let r = analyze(&text, &Config::default());
    let pods: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("shop-")).collect();
    assert_eq!(pods.len(), 2);
    for p in &pods {
        assert!(p.ready, "the steady state: Ready");
        assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
        assert!(p.notes[0].starts_with("the readinessProbe of container shop has initialDelaySeconds: 60") && p.notes[0].contains("not Ready, and not a ready endpoint of any Service, for at least 60 s after each start"), "{}", p.notes[0]);
    }
    let d = r.diagnostics.iter().find(|d| d.code == "ReadinessInitialDelay").expect("the Service's note");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.object.as_deref(), Some("Service/default/shop"));
    assert_eq!(d.line, 38, "at the Service's selector");
    assert!(d.message.starts_with("Service shop: all 2 of its ready endpoints wait out a readinessProbe initialDelaySeconds (container shop: 60 s)") && d.message.contains("the Service has no ready endpoint for at least 60 s"), "{}", d.message);
    assert!(r.diagnostics.iter().all(|d| d.severity == Severity::Info), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    assert!(r.to_text().contains("initialDelaySeconds: 60"));

    // one endpoint without the delay: the Service is served from the start, no Service note
    let mixed = format!("{text}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: shop-canary\n  labels:\n    app: shop\nspec:\n  containers:\n  - name: shop\n    image: ghcr.io/example/shop:2.0.0\n    ports:\n    - name: http\n      containerPort: 3000\n");
    let r = analyze(&mixed, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ReadinessInitialDelay"));
    assert!(r.pods.iter().find(|p| p.name == "shop-canary").unwrap().notes.is_empty());
    // no delay written (or 0): nothing
    let r = analyze(&text.replace("          initialDelaySeconds: 60\n", ""), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "ReadinessInitialDelay"));
    assert!(r.pods.iter().all(|p| p.notes.is_empty()));
    // a pod not Ready in the picture (the what-if flip): no "later, Ready" note on it
    let first = pods[0].name.clone();
    let r = analyze(&text, &Config { flip_ready: vec![format!("default/{first}")], ..Config::default() });
    assert!(r.pods.iter().find(|p| p.name == first).unwrap().notes.is_empty());
}

/// Item 3 (qa4 18): trafficDistribution PreferClose prefers the client's *zone*, never "the same
/// node": k8s.io/endpointslice trafficdist.go hints each endpoint for its node's zone, and
/// pkg/proxy/topology.go topologyModeFromHints keeps, on a node, the endpoints hinted for its zone
/// when every ready endpoint has a zone hint and one is for that zone. The Service gets a note on
/// spec.trafficDistribution saying the zone rule, and, from the nodes' topology.kubernetes.io/zone
/// labels, which zones have endpoints (uifix10's scene: web-a in zone-a, web-b and web-c in zone-b).
#[test]
fn prefer_close_note_says_the_zone_rule_and_the_zones_topology_mode_from_hints() {
    let text = fixture("uifix10/03-prefer-close.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").expect("the note");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.line, 30);
    assert!(d.message.starts_with("spec.trafficDistribution: PreferClose: the EndpointSlice controller hints each ready endpoint for its node's zone"), "{}", d.message);
    assert!(d.message.contains("It is a zone rule, not a node rule") && d.message.contains("PreferClose is the older name of PreferSameZone"), "{}", d.message);
    assert!(d.message.ends_with("Here the ready endpoints are in zone zone-a: web-a; zone zone-b: web-b, web-c"), "{}", d.message);
    assert!(!d.message.contains("same node"), "{}", d.message);

    // a third zone with a node and no endpoint
    let three = text.replacen("---\napiVersion: v1\nkind: Service", "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-4\n  labels:\n    topology.kubernetes.io/zone: zone-c\n---\napiVersion: v1\nkind: Service", 1);
    let r = analyze(&three, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap();
    assert!(d.message.ends_with("; the nodes in zone zone-c have no endpoint in their zone, so kube-proxy there uses every endpoint"), "{}", d.message);

    // no zone labels: no hints, every endpoint
    let bare = text.replace("    topology.kubernetes.io/zone: zone-a\n", "").replace("    topology.kubernetes.io/zone: zone-b\n", "");
    let r = analyze(&bare, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap();
    assert!(d.message.ends_with("no zone hint is written and every endpoint is used from every node"), "{}", d.message);

    // PreferSameNode (core/v1 types.go ServiceTrafficDistributionPreferSameNode): the node rule,
    // then the zone rule
    let r = analyze(&text.replace("trafficDistribution: PreferClose", "trafficDistribution: PreferSameNode"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap();
    assert!(d.message.starts_with("spec.trafficDistribution: PreferSameNode: the EndpointSlice controller hints each ready endpoint for its own node and its node's zone"), "{}", d.message);
    assert!(d.message.ends_with(". Here node-1, node-3 have a ready endpoint of their own and use only those; for the other nodes: the ready endpoints are in zone zone-a: web-a; zone zone-b: web-b, web-c"), "{}", d.message);
    // without zones, PreferSameNode's node hints still hold (trafficdist.go: ForNodes from nodeName)
    let r = analyze(&bare.replace("trafficDistribution: PreferClose", "trafficDistribution: PreferSameNode"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap();
    assert!(d.message.ends_with("use only those; for the other nodes: no ready endpoint's node has a topology.kubernetes.io/zone label, so no zone hint is written and those nodes use every endpoint"), "{}", d.message);
    // PreferSameZone: the zone rule, without the old-name remark
    let r = analyze(&text.replace("trafficDistribution: PreferClose", "trafficDistribution: PreferSameZone"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "TrafficDistribution").unwrap();
    assert!(d.message.contains("zone rule") && !d.message.contains("older name"), "{}", d.message);
    // the topology-mode annotation wins (reconciler.go hintsEnabled): no trafficDistribution note
    let auto = text.replace("  name: web\nspec:\n", "  name: web\n  annotations:\n    service.kubernetes.io/topology-mode: Auto\nspec:\n");
    assert_ne!(auto, text);
    let r = analyze(&auto, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "TrafficDistribution"));
}

/// Item 4: an HTTPS listener whose certificateRefs names a Secret in another namespace, with no
/// ReferenceGrant there admitting Gateway → Secret. kubernetes-sigs/gateway-api apis/v1
/// gateway_types.go ListenerTLSConfig.CertificateRefs ("If a ReferenceGrant does not allow this
/// reference, the \"ResolvedRefs\" condition MUST be set to False for this listener with the
/// \"RefNotPermitted\" reason"), ListenerReasonRefNotPermitted; apis/v1beta1
/// referencegrant_types.go (the grant in the target's namespace: from Gateway, to Secret); Envoy
/// Gateway's message "Certificate ref to secret %s/%s not permitted by any ReferenceGrant.". The
/// listener is not programmed: the route's path through it is refused. The grant is the one
/// check backendRefs use (gateway.rs grant_allows).
#[test]
fn certificate_ref_into_another_namespace_needs_a_reference_grant_listener_reason_ref_not_permitted() {
    use super::paths::{Entry, Outcome};
    let text = fixture("fidfix21/04-gateway-cert-other-namespace.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayListenerRefNotPermitted").expect("the listener warning");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.line, d.object.as_deref()), (34, Some("Gateway/envoy-gateway-system/public")));
    assert!(d.message.starts_with("spec.listeners[1].tls.certificateRefs[0]: listener https ResolvedRefs False, reason RefNotPermitted (\"Certificate ref to secret shop/shop-tls not permitted by any ReferenceGrant.\""), "{}", d.message);
    assert!(d.message.contains("no ReferenceGrant in namespace shop in this input allows a Gateway of namespace envoy-gateway-system to refer to it"), "{}", d.message);
    let s = r.services.iter().find(|s| s.name == "shop").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected, "{}", p.reason);
    assert!(p.reason.starts_with("listener https of Gateway public is not programmed (ResolvedRefs False, reason RefNotPermitted"), "{}", p.reason);

    // the grant, in the Secret's namespace: resolved, served
    let grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: gateway-certs\n  namespace: shop\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: envoy-gateway-system\n  to:\n  - group: \"\"\n    kind: Secret\n    name: shop-tls\n";
    let r = analyze(&format!("{text}{grant}"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "GatewayListenerRefNotPermitted"));
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap().clone();
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    // a grant for another Secret name, or in the Gateway's namespace, does not admit it
    for wrong in [grant.replace("name: shop-tls", "name: other-tls"), grant.replace("  namespace: shop\nspec", "  namespace: envoy-gateway-system\nspec"), grant.replace("kind: Gateway\n", "kind: HTTPRoute\n")] {
        let r = analyze(&format!("{text}{wrong}"), &Config::default());
        assert!(r.diagnostics.iter().any(|d| d.code == "GatewayListenerRefNotPermitted"), "{wrong}");
    }
    // Passthrough: certificateRefs are ignored (ListenerTLSConfig.Mode); same namespace: no grant needed
    let r = analyze(&text.replace("mode: Terminate", "mode: Passthrough"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "GatewayListenerRefNotPermitted"));
    let r = analyze(&text.replace("        namespace: shop\n", "        namespace: envoy-gateway-system\n"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "GatewayListenerRefNotPermitted"));
}

/// Item 5: GatewayClass objects. With one in the input, its spec.controllerName (apis/v1
/// gatewayclass_types.go GatewayClassSpec.ControllerName) tells Envoy Gateway's class
/// (gateway.envoyproxy.io/gatewayclass-controller), not the class name; without any, the name
/// guess stays. A Gateway whose gatewayClassName names no GatewayClass of the input while it has
/// some: no controller reconciles it (apis/v1 gateway_types.go GatewayReasonPending: Accepted
/// Unknown), a warning, and its routes' paths are not served.
#[test]
fn gateway_class_controller_name_decides_the_envoy_words_and_a_missing_class_warns_gateway_reason_pending() {
    use super::paths::{Entry, Outcome};
    let grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: gateway-certs\n  namespace: shop\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    namespace: envoy-gateway-system\n  to:\n  - group: \"\"\n    kind: Secret\n";
    let text = format!("{}{grant}", fixture("fidfix21/04-gateway-cert-other-namespace.yaml"));
    let hop = |text: &str| {
        let r = analyze(text, &Config::default());
        let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap().clone();
        assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
        p.hops.last().unwrap().explanation.clone()
    };
    // class eg, Envoy Gateway's controller: Envoy's words
    assert!(hop(&text).contains("Envoy Gateway's default routingType Endpoint"));
    // class eg run by another controller (NGINX Gateway Fabric): not Envoy's words, though named eg
    let nginx = text.replace("controllerName: gateway.envoyproxy.io/gatewayclass-controller", "controllerName: gateway.nginx.org/nginx-gateway-controller");
    let h = hop(&nginx);
    assert!(!h.contains("Envoy Gateway") && h.contains("here class eg's"), "{h}");
    // a class named after nothing Envoy, run by Envoy Gateway's controller: Envoy's words
    let renamed = text.replace("  name: eg\n", "  name: public-gateways\n").replace("gatewayClassName: eg", "gatewayClassName: public-gateways");
    assert!(hop(&renamed).contains("Envoy Gateway's default routingType Endpoint"));
    // no GatewayClass in the input: the name guess, as before
    let without = text.replacen("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: eg\nspec:\n  controllerName: gateway.envoyproxy.io/gatewayclass-controller\n---\n", "", 1);
    assert_ne!(without, text);
    assert!(hop(&without).contains("Envoy Gateway's default routingType Endpoint"));
    assert!(analyze(&without, &Config::default()).diagnostics.iter().all(|d| d.code != "GatewayClassNotFound"));

    // the Gateway names a class the input does not have, while it has GatewayClasses
    let missing = text.replace("gatewayClassName: eg", "gatewayClassName: envoy");
    let r = analyze(&missing, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayClassNotFound").expect("the class warning");
    assert_eq!((d.severity, d.line), (Severity::Warning, 19));
    assert!(d.message.starts_with("spec.gatewayClassName: Gateway public names GatewayClass \"envoy\", and no GatewayClass of that name is in this input (its GatewayClasses: eg)") && d.message.contains("reason Pending"), "{}", d.message);
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.starts_with("Gateway public is managed by no controller"), "{}", p.reason);
}

/// Item 6: the ingress controller box said "routes to the endpoints" whatever the path did. When
/// the backend Service has no ready endpoint, ingress-nginx answers 503 Service Temporarily
/// Unavailable (an upstream without endpoints; core::ingress::paths already ends the path
/// there): the box says so (layout::ingress_caption), as the Gateway box follows its route's
/// Accepted condition. The ingress preset scaled to 0, and its backend on a port the Service
/// lacks (no upstream: 503 too); served, as before.
#[test]
fn ingress_controller_box_says_503_when_the_backend_has_no_ready_endpoints_ingress_nginx() {
    use super::paths::{Entry, Outcome};
    let preset = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/ingress.yaml")).unwrap();
    let caption = |text: &str| {
        let r = analyze(text, &Config::default());
        let i = r.services.iter().position(|s| s.name == "web").unwrap();
        let p = r.services[i].paths.iter().find(|p| p.entry == Entry::Ingress).unwrap().clone();
        let l = super::layout::layout(&r, Some(i), 1280.0);
        let b = l.items.iter().find(|it| it.kind == "external" && it.name == super::ingress::controller_box("web")).expect("the controller box");
        (p.outcome, p.reason, b.texts.iter().map(|t| t.text.clone()).collect::<Vec<_>>())
    };
    let (outcome, _, texts) = caption(&preset);
    assert_eq!(outcome, Outcome::Delivered);
    assert!(texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");

    let scaled = preset.replace("  replicas: 3\n", "  replicas: 0\n");
    assert_ne!(scaled, preset);
    let (outcome, reason, texts) = caption(&scaled);
    assert_eq!(outcome, Outcome::Rejected);
    assert!(reason.starts_with("ingress-nginx answers 503: Service web has no ready endpoints"), "{reason}");
    assert!(texts.iter().any(|t| t == "answers 503: no ready endpoints") && !texts.iter().any(|t| t == "routes to the endpoints"), "{texts:?}");

    let port = preset.replace("              number: 80\n", "              number: 81\n");
    assert_ne!(port, preset);
    let (_, reason, texts) = caption(&port);
    assert!(reason.starts_with("ingress-nginx answers 503: Service web has no port"), "{reason}");
    assert!(texts.iter().any(|t| t == "answers 503"), "{texts:?}");
}

/// Item 7: the NetworkPolicyDenies warning's suggestion ("your pod … is admitted: send from it")
/// named only pods called `client` (the old --client-namespace choice); since fidfix20 any input
/// pod can be the client (Config::client_pod, the From menu's paths::client_candidates), so any
/// such pod the policies admit is named (k8s.io/api networking/v1 types.go
/// NetworkPolicyPeer.PodSelector: the rule admits pods labelled access=true). The Kubernetes
/// docs' declare-network-policy task: busybox (access=true) is admitted, the stand-in client is
/// not; chosen as the client, the warning goes.
#[test]
fn netpol_suggestion_names_any_admitted_input_pod_network_policy_peer_pod_selector() {
    let text = fixture("fidfix21/07-netpol-access-label.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyDenies").expect("the warning");
    assert!(d.message.contains("allows no ingress from the in-cluster client (a pod labelled run=client in namespace default)"), "{}", d.message);
    assert!(d.message.ends_with(". But your pod default/busybox is admitted (allowed by NetworkPolicy access-nginx, ingress rule 1 (spec.ingress[0]): from podSelector access=true on every port (the connection is on 80/TCP)): send from it with From \"Your pod busybox\" (CLI: --client-pod default/busybox)"), "{}", d.message);
    // the pod chosen as the client: admitted, no warning
    let r = analyze(&text, &Config { client_pod: Some("busybox".into()), ..Config::default() });
    assert!(r.diagnostics.iter().all(|d| d.code != "NetworkPolicyDenies"), "{:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    // a pod the policy does not admit is not offered
    let r = analyze(&text.replace("    access: \"true\"\nspec:\n  containers:\n  - name: busybox", "    access: \"false\"\nspec:\n  containers:\n  - name: busybox"), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NetworkPolicyDenies").expect("the warning");
    assert!(!d.message.contains("But your pod"), "{}", d.message);
}
