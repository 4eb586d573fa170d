//! fidfix23: fidelity leftovers of session 19 (probes on undeclared port names, dumped pods'
//! probe notes, an HTTPRoute's several parentRefs). Each test reads real YAML
//! (tests/fixtures/fidfix23/) and names the upstream rule.

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// Item 1. The readinessProbe names port "http", the startupProbe (and the livenessProbe) port
/// "management"; the container names no port. Both probes would error (pkg/probe/util.go
/// findPortByName), but pkg/kubelet/prober/worker.go doProbe runs no readiness or liveness probe
/// before the startup probe has succeeded ("Disable other probes until container has started"),
/// an errored startup probe is thrown away ("Prober error, throw away the result") so the startup
/// result stays Unknown, and prober_manager.go UpdatePodStatus sets Ready only `if started`: the
/// startupProbe is the cause, in the warning, the pod's reason and the path's headline.
#[test]
fn startup_probe_is_the_cause_when_both_probes_name_undeclared_ports_worker_do_probe_disable_other_probes() {
    let text = fixture("fidfix23/01-startup-and-readiness-port-names.yaml");
    let r = analyze(&text, &Config::default());
    let found: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "ProbePortNotFound").collect();
    assert_eq!(found.len(), 1, "{:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
    let d = found[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.starts_with("spec.template.spec.containers[0].startupProbe.httpGet.port: port \"management\" not found: container api has no port named management"), "{}", d.message);
    assert!(d.message.contains("the container never counts as started"), "{}", d.message);
    assert!(d.message.contains("the readinessProbe uses port \"http\", not found either, but it never runs: the kubelet runs no readiness probe before the startup probe has succeeded"), "{}", d.message);
    // the liveness probe never runs either: not "errors as well"
    assert!(!d.message.contains("errors as well"), "{}", d.message);

    let pod = r.pods.iter().find(|p| p.name.starts_with("api-")).unwrap();
    assert!(!pod.ready);
    let why = pod.not_ready_reason.as_deref().unwrap_or_default();
    assert!(why.starts_with("the startupProbe of container api uses port \"management\"") && why.contains("never counts as started"), "{why}");
    assert!(!why.contains("errors the same way"), "{why}");

    let s = r.services.iter().find(|s| s.name == "api").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::Pod).unwrap();
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.contains("the startupProbe of container api uses port \"management\"") && !p.reason.contains("the readinessProbe of container"), "{}", p.reason);

    // the startupProbe's port declared: the readinessProbe is the cause again (fidfix20's words)
    let named = text.replace("        - containerPort: 8080\n", "        - containerPort: 8080\n          name: management\n");
    assert_ne!(named, text);
    let r = analyze(&named, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortNotFound").unwrap();
    assert!(d.message.starts_with("spec.template.spec.containers[0].readinessProbe.httpGet.port: port \"http\" not found"), "{}", d.message);
    let why = r.pods.iter().find(|p| p.name.starts_with("api-")).unwrap().not_ready_reason.clone().unwrap_or_default();
    assert!(why.starts_with("the readinessProbe of container api uses port \"http\""), "{why}");
}

/// Item 3. A dumped pod (status given: Ready False, its container running and not ready) whose
/// readinessProbe names a port the container does not declare: the status is the cluster's
/// truth, and the pod's note explains it — pkg/probe/util.go findPortByName (`port "http" not
/// found`), pkg/kubelet/prober/worker.go doProbe ("Prober error, throw away the result"), so the
/// readiness result stays at newWorker's initial Failure. A dump that shows the pod Ready gets
/// no such note.
#[test]
fn dumped_pod_not_ready_with_a_probe_on_an_undeclared_port_name_gets_the_note_find_port_by_name() {
    let text = fixture("fidfix23/03-dumped-pod-probe-port-name.yaml");
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name == "web").unwrap();
    assert!(pod.status_given);
    assert!(!pod.ready);
    assert_eq!(pod.notes.len(), 1, "{:?}", pod.notes);
    assert_eq!(
        pod.notes[0],
        "the readinessProbe of container web uses port \"http\", a name the container does not declare: the kubelet cannot resolve it (port \"http\" not found), so every probe errors, none succeeds and the pod cannot become Ready, as its status says"
    );
    // in the JSON report and the text report
    assert!(serde_json::to_string(&r).unwrap().contains("\"notes\":[\"the readinessProbe of container web uses port"));
    assert!(r.to_text().contains("as its status says"));

    // a startupProbe on the name: the startup words too
    let startup = text.replace("      readinessProbe:\n", "      startupProbe:\n");
    assert_ne!(startup, text);
    let r = analyze(&startup, &Config::default());
    let pod = r.pods.iter().find(|p| p.name == "web").unwrap();
    assert_eq!(pod.notes.len(), 1, "{:?}", pod.notes);
    assert!(pod.notes[0].starts_with("the startupProbe of container web uses port \"http\"") && pod.notes[0].contains("the container never counts as started"), "{}", pod.notes[0]);

    // the port named: no note
    let named = text.replace("      - containerPort: 8080\n        protocol: TCP\n", "      - containerPort: 8080\n        name: http\n        protocol: TCP\n");
    assert_ne!(named, text);
    let r = analyze(&named, &Config::default());
    assert!(r.pods.iter().find(|p| p.name == "web").unwrap().notes.is_empty());

    // the dump says Ready: the cluster's word stands, no note that would contradict it
    let ready = text.replace("      reason: ContainersNotReady\n      status: \"False\"\n      type: Ready\n", "      status: \"True\"\n      type: Ready\n");
    assert_ne!(ready, text);
    let r = analyze(&ready, &Config::default());
    let pod = r.pods.iter().find(|p| p.name == "web").unwrap();
    assert!(pod.ready);
    assert!(pod.notes.is_empty(), "{:?}", pod.notes);
}

/// Item 4. An HTTPRoute with three parentRefs: gateway-api apis/v1/shared_types.go
/// RouteStatus.Parents holds "the status of the route with respect to each parent", one
/// RouteParentStatus per parentRef. The route's info names each: public Accepted True (the path
/// goes through it), internal Accepted False (NotAllowedByListeners: its listener takes routes
/// from its own namespace only), edge not in the input.
#[test]
fn each_parent_ref_of_a_route_gets_its_own_status_shared_types_route_status_parents() {
    let text = fixture("fidfix23/04-httproute-several-parents.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayRoutes").expect("the route's info");
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.starts_with("the Gateway sends spec.rules[0].backendRefs[0] → Service shop port 80 → targetPort 8080: 1 ready endpoint. Each parentRef has its own status (RouteStatus.parents, one RouteParentStatus per parentRef): "), "{}", d.message);
    assert!(d.message.contains("spec.parentRefs[0] (Gateway envoy-gateway-system/public): Accepted True on listener http (HTTP on port 80): the path shown goes through it"), "{}", d.message);
    assert!(d.message.contains("; spec.parentRefs[1] (Gateway envoy-gateway-system/internal): Accepted False, reason NotAllowedByListeners: listener web of Gateway envoy-gateway-system/internal takes routes from its own namespace envoy-gateway-system only"), "{}", d.message);
    assert!(d.message.ends_with("; spec.parentRefs[2] (Gateway envoy-gateway-system/edge): not in the input: its status is not known here"), "{}", d.message);
    // the refused parentRef keeps its own warning
    assert!(r.diagnostics.iter().any(|d| d.code == "GatewayParentRef" && d.message.starts_with("spec.parentRefs[1]: Accepted False, reason NotAllowedByListeners")));
    let p = r.services.iter().find(|s| s.name == "shop").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);

    // internal takes routes from all namespaces: both accepted, the second serves at its own address
    let all = text.replace("  - name: web\n    protocol: HTTP\n    port: 8080\n", "  - name: web\n    protocol: HTTP\n    port: 8080\n    allowedRoutes:\n      namespaces:\n        from: All\n");
    assert_ne!(all, text);
    let r = analyze(&all, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "GatewayRoutes").unwrap();
    assert!(d.message.contains("spec.parentRefs[1] (Gateway envoy-gateway-system/internal): Accepted True on listener web (HTTP on port 8080): it serves the route's requests too, at its own address"), "{}", d.message);
    assert!(r.diagnostics.iter().all(|d| d.code != "GatewayParentRef"));

    // one parentRef: the words stay as they were
    let one = text.replace("  - name: internal\n    namespace: envoy-gateway-system\n  - name: edge\n    namespace: envoy-gateway-system\n", "");
    assert_ne!(one, text);
    let r = analyze(&one, &Config::default());
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "GatewayRoutes").unwrap().message, "the Gateway sends spec.rules[0].backendRefs[0] → Service shop port 80 → targetPort 8080: 1 ready endpoint");
}

/// Item 6. A pod without a status beside pods a cluster printed: the API server gives every pod
/// it creates a status (pkg/registry/core/pod/strategy.go podStrategy.PrepareForCreate: Phase
/// Pending, QOSClass), so `kubectl get -o yaml` never prints one without; this one was written by
/// hand. It is simulated as if applied — Running, Ready, a ready endpoint of Service web — and
/// an info at the pod now says so. Not in an input of hand-written pods only (every pod there is
/// simulated, as the page always does), nor in a dump whose every pod has its status.
#[test]
fn a_hand_written_pod_in_a_dump_is_said_simulated_pod_strategy_prepare_for_create() {
    let text = fixture("fidfix23/06-dump-with-a-hand-written-pod.yaml");
    let r = analyze(&text, &Config::default());
    let extra = r.pods.iter().find(|p| p.name == "web-extra").unwrap();
    assert!(extra.ready && !extra.status_given);
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "PodSimulated").collect();
    assert_eq!(notes.len(), 1, "{:?}", notes.iter().map(|d| &d.message).collect::<Vec<_>>());
    let d = notes[0];
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.object.as_deref(), Some("Pod/default/web-extra"));
    assert!(d.message.starts_with("Pod web-extra has no status, unlike the input's other pods, which a cluster printed") && d.message.contains("simulates it as if it were applied (Running, Ready on node kind-worker with address 10.244.1."), "{}", d.message);
    // the line of the hand-written pod
    let line = text.lines().position(|l| l.contains("name: web-extra")).unwrap() as u32;
    assert!(d.line + 3 >= line && d.line <= line + 1, "{} vs {line}", d.line);

    // the dump alone: every pod is the cluster's, nothing to say
    let r = analyze(&fixture("fidfix23/03-dumped-pod-probe-port-name.yaml"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "PodSimulated"));
    // hand-written pods only: all simulated, as always
    let r = analyze(&fixture("fidfix22/01-gateway-no-section-https-first.yaml"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.code != "PodSimulated"));
}
