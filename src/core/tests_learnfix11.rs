//! What the learner10 test found (/work/learner10/report.md), fixed: each test feeds the
//! learner's own input (tests/fixtures/learner10) and asserts the sentence that answers it, with
//! the upstream source it rests on (kubernetes/kubernetes paths and functions in each test's doc).

use super::analyze;
use super::checklist::{apply, checklist, Check};
use super::config::Config;

fn fixture(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/learner10").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn find<'a>(c: &'a [Check], key: &str) -> &'a Check {
    c.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no {key} check in {c:#?}"))
}

/// W1 (q/01): a selector copied from `kubectl get pods --show-labels` holds pod-template-hash.
/// The Deployment controller stamps it with a hash of the template
/// (pkg/controller/deployment/sync.go getNewReplicaSet → CloneAndAddLabel(…,
/// DefaultDeploymentUniqueLabelKey, podTemplateSpecHash)): the fix removes the key, never sets
/// the page's simulated hash; after it the selector matches and nothing warns.
#[test]
fn pod_template_hash_in_selector_sync_go_get_new_replica_set_fix_removes_the_key() {
    let text = fixture("01-pod-template-hash-selector.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "default/web", "pod");
    let sel = find(&c, "selector");
    assert_eq!(sel.status, "fail", "{sel:#?}");
    let fix = sel.fix.as_ref().expect("a fix");
    assert_eq!(fix.label, "Remove selector key pod-template-hash");
    assert!(sel.why.contains("pod-template-hash is a label the Deployment controller stamps") && sel.why.contains("remove the pod-template-hash key"), "{}", sel.why);
    assert!(!c.iter().flat_map(|c| c.fixes()).any(|f| f.label.starts_with("Set selector pod-template-hash")), "{c:#?}");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(fixed.contains("  selector:\n    app: web\n  ports:"), "{fixed}");
    let r = analyze(&fixed, &Config::default());
    let c = checklist(&fixed, &r, "default/web", "pod");
    assert_eq!(find(&c, "selector").status, "ok");
}

/// W1: warn even when the generated label matches today (the simulated hash copied in): the
/// next rollout changes it (sync.go getNewReplicaSet). Job's controller-uid likewise
/// (pkg/registry/batch/job/strategy.go generateSelector: controller-uid = the Job's UID;
/// job-name = the Job's name, stable, so no warning for it).
#[test]
fn generated_label_that_matches_today_still_warns_sync_go_and_job_strategy_generate_selector() {
    let text = fixture("01-pod-template-hash-selector.yaml");
    let r = analyze(&text, &Config::default());
    let hash = r.pods[0].labels.iter().find(|(k, _)| k == "pod-template-hash").map(|(_, v)| v.clone()).expect("hash");
    let text = text.replace("7d4b9c8f6d", &hash);
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "default/web", "pod");
    let sel = find(&c, "selector");
    assert_eq!(sel.status, "warn", "{sel:#?}");
    assert_eq!(sel.fix.as_ref().map(|f| f.label.as_str()), Some("Remove selector key pod-template-hash"));
    assert!(sel.why.contains("changes at every rollout"), "{}", sel.why);

    let job = "apiVersion: v1\nkind: Service\nmetadata:\n  name: work\nspec:\n  selector:\n    job-name: work\n    app: work\n  ports:\n  - port: 80\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n  template:\n    metadata:\n      labels:\n        app: work\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        ports:\n        - containerPort: 80\n";
    let r = analyze(job, &Config::default());
    let c = checklist(job, &r, "default/work", "pod");
    assert!(!find(&c, "selector").why.contains("controller-generated") && find(&c, "selector").title != "Selector holds a controller-generated label", "{c:#?}");
    let uid = job.replace("    job-name: work\n", "    controller-uid: abc\n");
    let r = analyze(&uid, &Config::default());
    let c = checklist(&uid, &r, "default/work", "pod");
    let sel = find(&c, "selector");
    assert!(sel.why.contains("the Job controller stamps on its pods with the Job's UID"), "{sel:#?}");
    assert_eq!(sel.fix.as_ref().map(|f| f.label.as_str()), Some("Remove selector key controller-uid"));
}

/// W2 (q/18): a Service at `apiVersion: apps/v1` is refused with kubectl's NoKindMatch
/// (k8s.io/apimachinery pkg/api/meta/errors.go NoKindMatchError; the core group serves Service,
/// k8s.io/api core/v1 register.go addKnownTypes): the Why panel names the refused Service with
/// "Service is apiVersion: v1" and a fix, and the caption names it instead of "No Service".
#[test]
fn service_at_apps_v1_meta_errors_no_kind_match_named_with_hint_and_fix() {
    let text = fixture("18-service-wrong-apiversion.yaml");
    let r = analyze(&text, &Config::default());
    assert!(r.services.is_empty());
    let c = checklist(&text, &r, "", "pod");
    let acc = find(&c, "accepted");
    assert_eq!(acc.status, "fail");
    assert!(acc.why.starts_with("Service web would be refused, so it does not exist: no matches for kind \"Service\" in version \"apps/v1\" — Service is apiVersion: v1"), "{}", acc.why);
    let fix = acc.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Set apiVersion: v1");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(fixed.starts_with("apiVersion: v1\nkind: Service"), "{fixed}");
    assert_eq!(analyze(&fixed, &Config::default()).services.len(), 1);
    let cap = super::checklist::refused_service_caption(&r).expect("caption");
    assert_eq!(cap, "Service web is refused, so nothing is drawn: no matches for kind \"Service\" in version \"apps/v1\" (line 1): Service is apiVersion: v1. Why no traffic? has the fix.");
}

/// W2 (q/28): a Deployment at `apiVersion: v1` (apps/v1 serves it: k8s.io/api apps/v1
/// register.go) runs no pods; the Service's selector check names it with the hint and offers
/// "Set apiVersion: apps/v1".
#[test]
fn deployment_at_v1_apps_v1_register_go_named_in_selector_check() {
    let text = fixture("28-deployment-apiversion-v1.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "default/web", "pod");
    let sel = find(&c, "selector");
    assert_eq!(sel.status, "fail");
    assert!(sel.why.contains("Deployment web was refused, so it runs no pods: no matches for kind \"Deployment\" in version \"v1\" — Deployment is apiVersion: apps/v1."), "{}", sel.why);
    let fix = sel.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Set apiVersion: apps/v1");
    let fixed = apply(&text, &fix.edit).expect("applies");
    let r = analyze(&fixed, &Config::default());
    assert_eq!(r.services[0].endpoints.len(), 3);
}

/// The first error as `message (hint)`: the API server's words, then our hint (apart in the
/// diagnostic since qa2 E1: tests_hintfix).
fn first_error(text: &str) -> String {
    let r = analyze(text, &Config::default());
    r.diagnostics.iter().find(|d| d.severity == super::diag::Severity::Error).map(|d| d.message_and_hint()).unwrap_or_default()
}

/// U (q/13, q/16, q/09): the raw decode errors get a hint, as q/11's matchLabels one has.
/// `port: "80"`: a JSON string into an int32 (encoding/json decode.go literalStore →
/// UnmarshalTypeError); ports as a map: an object into []v1.ServicePort (decode.go object);
/// `spec.template.selector`: ServiceSpec has no template (k8s.io/api core/v1 types.go
/// ServiceSpec; sigs.k8s.io/json strict "unknown field").
#[test]
fn decode_errors_get_hints_decode_go_literal_store_and_strict_unknown_field() {
    let m = first_error(&fixture("13-port-quoted.yaml"));
    assert!(m.ends_with("cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32 (a port is a number: write 80 without quotes)"), "{m}");
    let m = first_error(&fixture("16-ports-indent-wrong.yaml"));
    assert!(m.ends_with("cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort (ports is a list: start each port with `- `)"), "{m}");
    let m = first_error(&fixture("09-selector-under-template.yaml"));
    assert!(m.ends_with("strict decoding error: unknown field \"spec.template\" (a Service has no pod template: write its selector right under spec, beside ports: `selector: {app: web}`)"), "{m}");
}

/// U (q/22): externalName written as a URL is refused by ValidateService's
/// IsDNS1123Subdomain (pkg/apis/core/validation/validation.go ValidateService, ExternalName
/// case): the Why says it is a host name only, what to drop, and offers the host.
#[test]
fn externalname_url_validation_go_validate_service_host_only_fix() {
    let text = fixture("22-externalname-url.yaml");
    let r = analyze(&text, &Config::default());
    let c = checklist(&text, &r, "default/api", "pod");
    let acc = find(&c, "accepted");
    assert_eq!(acc.status, "fail");
    assert!(acc.why.ends_with("(externalName is a host name only, no URL: drop https:// and /v1: externalName: api.example.com)"), "{}", acc.why);
    let fix = acc.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Set externalName: api.example.com");
    let fixed = apply(&text, &fix.edit).expect("applies");
    assert!(!analyze(&fixed, &Config::default()).services[0].rejected);
}

/// M1 (q/25): readinessProbe httpGet port 80, containerPort 8080. The API server takes it
/// (pkg/apis/core/validation/validation.go validateHTTPGetAction → ValidatePortNumOrName checks
/// only the range); the kubelet probes 80 as is (pkg/probe/util.go ResolveContainerPort, int
/// case; pkg/kubelet/prober/prober.go runProbe): an info, once for the template (not per
/// replica), saying what happens if nothing listens there. A declared probe port says nothing.
#[test]
fn probe_port_not_declared_validation_go_validate_http_get_action_and_resolve_container_port_info() {
    let text = fixture("25-readiness-probe-wrong-port.yaml");
    let r = analyze(&text, &Config::default());
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "ProbePortUndeclared").collect();
    assert_eq!(notes.len(), 1, "{:#?}", r.diagnostics);
    let d = notes[0];
    assert_eq!(d.severity, super::diag::Severity::Info);
    assert_eq!(d.object.as_deref(), Some("Deployment/default/web"));
    assert_eq!(d.message, "spec.template.spec.containers[0].readinessProbe.httpGet.port: probe port 80 is not a declared containerPort of container web (8080): if nothing listens on 80 the probe fails and the pod never becomes Ready (no endpoint: the Service sends it nothing); containerPort is informational, so the app may listen there anyway");
    assert_eq!((d.line, d.column), (35, 19));
    let ok = text.replace("            port: 80", "            port: 8080");
    let r = analyze(&ok, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "ProbePortUndeclared"), "{:#?}", r.diagnostics);
    // a liveness tcpSocket on a bare Pod
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 8080\n    livenessProbe:\n      tcpSocket:\n        port: 9090\n";
    let r = analyze(pod, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "ProbePortUndeclared").expect("liveness note");
    assert!(d.message.starts_with("spec.containers[0].livenessProbe.tcpSocket.port: probe port 9090 is not a declared containerPort of container c (8080): if nothing listens on 9090 the probe fails and the kubelet restarts the container again and again"), "{}", d.message);
}

/// U (q/31): from default/frontend, `shop.web` (namespace first) and `web` (bare) find
/// nothing while Service web is in namespace shop. The record is `<service>.<ns>.svc.<zone>`
/// (kubernetes/dns docs/specification.md 2.3.1) and a bare name is searched in the pod's own
/// namespace first (kubelet pkg/kubelet/network/dns/dns.go generateSearchesForDNSClusterFirst):
/// the DNS panel says "ask web.shop", not the trailing-dot tip.
#[test]
fn dns_reversed_and_bare_name_of_another_namespace_specification_and_kubelet_dns_go_search() {
    let text = fixture("31-dns-reversed-name.yaml");
    let r = analyze(&text, &Config::default());
    let l = super::dnsquery::lookup(&r, "default", "frontend", "shop.web");
    assert!(l.summary.ends_with(". Service web is in namespace shop: ask web.shop (the Service's name first, then its namespace)"), "{}", l.summary);
    assert!(!l.summary.contains("trailing dot"), "{}", l.summary);
    let l = super::dnsquery::lookup(&r, "default", "frontend", "web");
    assert!(l.summary.ends_with(". Service web is in namespace shop, not default: a bare name is looked up in the pod's own namespace first; ask web.shop"), "{}", l.summary);
    let l = super::dnsquery::lookup(&r, "default", "frontend", "web.shop");
    assert!(l.tries.iter().any(|t| !t.answers.is_empty()) && !l.summary.contains("ask"), "{}", l.summary);
}

/// U (q/23): mid-rollout, ReplicaSets web-6d9f7c5b8 (version=v1, 2 pods) and web-7c8d9e6f4
/// (version=v2, 1 pod) of one Deployment both serve (pkg/controller/deployment/rolling.go
/// reconcileNewReplicaSet / reconcileOldReplicaSets; kube-proxy one probability per endpoint):
/// an info gives each template's share, as q/21's two-workloads note does.
#[test]
fn rollout_two_replicasets_rolling_go_share_of_endpoints() {
    let text = fixture("23-rolling-update-two-rs.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "SelectorSpansRevisions").unwrap_or_else(|| panic!("{:#?}", r.diagnostics));
    assert_eq!(d.message, "selector app=web picks the pods of 2 ReplicaSets of Deployment/web (a rollout under way, old and new template side by side): 2 of 3 ready endpoints run ReplicaSet web-6d9f7c5b8's template, version=v1 (about 2 in 3 connections); 1 of 3 ready endpoints runs ReplicaSet web-7c8d9e6f4's template, version=v2 (about 1 in 3 connections); kube-proxy spreads connections over all ready pods alike until the rollout ends");
    assert!(!r.diagnostics.iter().any(|d| d.code == "SelectorSpansWorkloads"));
}
