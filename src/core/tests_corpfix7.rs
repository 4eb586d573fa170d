//! corpfix7: what the corpus7 sweep found missing (/work/corpus7 probes, tests/fixtures/corpus7):
//! workload selectors' matchExpressions validated and evaluated, pod affinity selectors, the
//! StatefulSet's name and claim retention policy, pod spec names and addresses, an Ingress's
//! class name, pods the API server refuses though their template was accepted, the
//! StatefulSet/DaemonSet revision labels, near misses, a policy drop's step text. Each test names
//! the upstream function it follows (kubernetes/kubernetes unless said).

use super::diag::Severity;
use super::report::Report;
use super::tests::{errors, run, svc};

fn fixture(name: &str) -> &'static str {
    match name {
        "sel-op-lower" => include_str!("../../tests/fixtures/corpus7/sel-op-lower.yaml"),
        "sel-in-novalues" => include_str!("../../tests/fixtures/corpus7/sel-in-novalues.yaml"),
        "ds-sel-novalues" => include_str!("../../tests/fixtures/corpus7/ds-sel-novalues.yaml"),
        "sel-exists-values" => include_str!("../../tests/fixtures/corpus7/sel-exists-values.yaml"),
        "sel-key-bad" => include_str!("../../tests/fixtures/corpus7/sel-key-bad.yaml"),
        "sts-sel-op" => include_str!("../../tests/fixtures/corpus7/sts-sel-op.yaml"),
        "sel-notmatch-expr" => include_str!("../../tests/fixtures/corpus7/sel-notmatch-expr.yaml"),
        "sel-notin-expr-ok" => include_str!("../../tests/fixtures/corpus7/sel-notin-expr-ok.yaml"),
        "aff-podsel-op" => include_str!("../../tests/fixtures/corpus7/aff-podsel-op.yaml"),
        "sts-pvc-retention-bad" => include_str!("../../tests/fixtures/corpus7/sts-pvc-retention-bad.yaml"),
        "sts-name-dot" => include_str!("../../tests/fixtures/corpus7/sts-name-dot.yaml"),
        "res-gpu-fraction" => include_str!("../../tests/fixtures/corpus7/res-gpu-fraction.yaml"),
        "pc-name-upper" => include_str!("../../tests/fixtures/corpus7/pc-name-upper.yaml"),
        "sa-name-bad" => include_str!("../../tests/fixtures/corpus7/sa-name-bad.yaml"),
        "hostaliases-bad-ip" => include_str!("../../tests/fixtures/corpus7/hostaliases-bad-ip.yaml"),
        "probe-grpc-port0" => include_str!("../../tests/fixtures/corpus7/probe-grpc-port0.yaml"),
        "ing-class-upper" => include_str!("../../tests/fixtures/corpus7/ing-class-upper.yaml"),
        "image-trailing-space" => include_str!("../../tests/fixtures/corpus7/image-trailing-space.yaml"),
        "sts-longname" => include_str!("../../tests/fixtures/corpus7/sts-longname.yaml"),
        "guestbook-all-in-one" => include_str!("../../tests/fixtures/corpus7/guestbook-all-in-one.yaml"),
        _ => panic!("no fixture {name}"),
    }
}

fn pods_of(r: &Report, prefix: &str) -> usize {
    r.pods.iter().filter(|p| p.name.starts_with(prefix)).count()
}

fn notes(r: &Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code && d.severity != Severity::Error).map(|d| d.message.clone()).collect()
}

const QUALIFIED: &str = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: unversionedvalidation.
// ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation ValidateLabelSelectorRequirement:
// operator, values Required/Forbidden, key ValidateLabelName), then metav1.LabelSelectorAsSelector
// fails on the same entry: `spec.selector: Invalid value: {…}: invalid label selector`; no pod
#[test]
fn deployment_selector_match_expressions_are_validated_as_validate_label_selector_does() {
    let cases = [
        ("sel-op-lower", r#"{"matchLabels":{"app":"guestbook"},"matchExpressions":[{"key":"tier","operator":"in","values":["frontend"]}]}"#, "spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator".to_string()),
        ("sel-in-novalues", r#"{"matchLabels":{"app":"guestbook"},"matchExpressions":[{"key":"tier","operator":"In"}]}"#, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'".to_string()),
        (
            "sel-exists-values",
            r#"{"matchLabels":{"app":"guestbook"},"matchExpressions":[{"key":"tier","operator":"Exists","values":["frontend"]}]}"#,
            "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'".to_string(),
        ),
        ("sel-key-bad", r#"{"matchLabels":{"app":"guestbook"},"matchExpressions":[{"key":"tier/x/y","operator":"Exists"}]}"#, format!("spec.selector.matchExpressions[0].key: Invalid value: \"tier/x/y\": {QUALIFIED}")),
    ];
    for (name, shown, err) in cases {
        let r = run(fixture(name));
        assert_eq!(errors(&r), vec![format!("spec.selector: Invalid value: {shown}: invalid label selector"), err], "{name}");
        assert_eq!(pods_of(&r, "frontend-"), 0, "{name}");
        assert!(svc(&r, "frontend").endpoints.is_empty(), "{name}");
    }
}

// ValidateStatefulSetSpec: the same ValidateLabelSelector errors, and LabelSelectorAsSelector's
// failure as field.Invalid(…, spec.Selector, "") — no detail after the value
#[test]
fn statefulset_selector_operator_is_validated_with_its_empty_detail_error() {
    let r = run(fixture("sts-sel-op"));
    assert_eq!(
        errors(&r),
        vec![
            r#"spec.selector: Invalid value: {"matchLabels":{"app":"db"},"matchExpressions":[{"key":"tier","operator":"Equals","values":["x"]}]}"#.to_string(),
            "spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator".to_string(),
        ]
    );
    assert_eq!(pods_of(&r, "db-"), 0);
}

// ValidateDaemonSetSpec: ValidateLabelSelector only (LabelSelectorAsSelector's error just skips
// the template comparison)
#[test]
fn daemonset_selector_in_without_values_is_refused() {
    let r = run(fixture("ds-sel-novalues"));
    assert_eq!(errors(&r), vec!["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]);
    assert_eq!(pods_of(&r, "agent-"), 0);
}

// ValidatePodTemplateSpecForReplicaSet: selector.Matches(labels.Set(template.Labels)) with the
// matchExpressions (tier In [backend] / tier NotIn [frontend] against tier=frontend)
#[test]
fn deployment_selector_match_expressions_are_evaluated_against_the_template() {
    for name in ["sel-notmatch-expr", "sel-notin-expr-ok"] {
        let r = run(fixture(name));
        assert_eq!(
            errors(&r),
            vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"guestbook\",\"tier\":\"frontend\"}: `selector` does not match template `labels`"],
            "{name}"
        );
        assert_eq!(pods_of(&r, "frontend-"), 0, "{name}");
    }
    // a matching expression (tier In [frontend, canary]) creates the pods as before
    let ok = fixture("sel-notmatch-expr").replace("values: [backend]", "values: [frontend, canary]");
    assert_ne!(ok, fixture("sel-notmatch-expr"));
    let r = run(&ok);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(pods_of(&r, "frontend-"), 3);
}

// a StatefulSet adopts a written pod only when its selector — matchExpressions included —
// matches the pod's labels (pkg/controller/statefulset ClaimPods → LabelSelectorAsSelector)
#[test]
fn statefulset_adoption_evaluates_match_expressions() {
    let set = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 1\n  selector:\n    matchLabels: {app: db}\n    matchExpressions: [{key: tier, operator: NotIn, values: [cache]}]\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres:16}]}\n";
    let pod = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: db-0, labels: {app: db, tier: cache}}\nspec: {containers: [{name: db, image: postgres:16}]}\n";
    let r = run(&format!("{set}{pod}"));
    let msgs = notes(&r, "StatefulSetPodExists");
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("with labels the selector does not match"), "{}", msgs[0]);
}

// pkg/apis/core/validation validatePodAffinityTerm → ValidatePodAffinityTermSelector:
// ValidateLabelSelector on labelSelector (and namespaceSelector), before topologyKey
#[test]
fn pod_anti_affinity_label_selector_operator_is_validated() {
    let r = run(fixture("aff-podsel-op"));
    assert_eq!(
        errors(&r),
        vec!["spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator"]
    );
}

// pkg/apis/apps/validation ValidatePersistentVolumeClaimRetentionPolicyType (Retain or Delete)
#[test]
fn statefulset_claim_retention_policy_is_retain_or_delete() {
    let r = run(fixture("sts-pvc-retention-bad"));
    assert_eq!(errors(&r), vec!["spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Remove\": supported values: \"Retain\", \"Delete\""]);
    assert_eq!(pods_of(&r, "db-"), 0);
    // unset or empty is SetDefaults_StatefulSet's Retain
    let empty = fixture("sts-pvc-retention-bad").replace("{whenDeleted: Remove}", "{whenDeleted: '', whenScaled: Delete}");
    assert!(errors(&run(&empty)).is_empty());
}

// ValidateStatefulSetName: NameIsDNSLabel since kubernetes#114172 (v1.27)
#[test]
fn statefulset_name_is_a_dns_label() {
    let r = run(fixture("sts-name-dot"));
    assert_eq!(
        errors(&r),
        vec!["metadata.name: Invalid value: \"db.v1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
    );
}

// ValidateResourceRequirements → ValidateResourceQuantityValue: an integer resource
// (helper.IsIntegerResourceName: an extended resource) must be whole (isNotIntegerErrorMsg)
#[test]
fn extended_resource_quantities_must_be_integers() {
    let r = run(fixture("res-gpu-fraction"));
    assert_eq!(errors(&r), vec!["spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: \"500m\": must be an integer"]);
}

// ValidatePodSpec: serviceAccountName (ValidateServiceAccountName), priorityClassName
// (ValidatePriorityClassName), ValidateHostAliases (IsValidIP), validateGRPCAction (port 1..65535)
#[test]
fn pod_spec_names_addresses_and_grpc_port_are_validated() {
    let cases = [
        ("pc-name-upper", format!("spec.template.spec.priorityClassName: Invalid value: \"High\": {SUBDOMAIN}")),
        ("sa-name-bad", format!("spec.template.spec.serviceAccountName: Invalid value: \"my_sa\": {SUBDOMAIN}")),
        ("hostaliases-bad-ip", "spec.template.spec.hostAliases[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".to_string()),
        ("probe-grpc-port0", "spec.template.spec.containers[0].livenessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive".to_string()),
    ];
    for (name, err) in cases {
        let r = run(fixture(name));
        assert_eq!(errors(&r), vec![err], "{name}");
        assert_eq!(pods_of(&r, "frontend-"), 0, "{name}");
    }
    // the deprecated `serviceAccount` stands in for an unset serviceAccountName
    // (Convert_v1_PodSpec_To_core_PodSpec); a legacy leading-zero address is accepted
    // (IsValidIPForLegacyField without StrictIPCIDRValidation)
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccount: Bad\n  hostAliases: [{ip: 010.0.0.1, hostnames: [a.example]}]\n  containers: [{name: c, image: busybox}]\n";
    assert_eq!(errors(&run(pod)), vec![format!("spec.serviceAccountName: Invalid value: \"Bad\": {SUBDOMAIN}")]);
}

// pkg/apis/networking/validation ValidateIngressSpec → ValidateIngressClassName (NameIsDNSSubdomain)
#[test]
fn ingress_class_name_is_a_dns_subdomain() {
    let r = run(fixture("ing-class-upper"));
    assert_eq!(errors(&r), vec![format!("spec.ingressClassName: Invalid value: \"Nginx\": {SUBDOMAIN}")]);
}

// validateContainersOnlyForPod (ValidatePodCreate only): the Deployment is accepted, every pod
// its ReplicaSet creates is refused → FailedCreate, no pods, no endpoints
#[test]
fn template_image_with_whitespace_leaves_the_workload_without_pods() {
    let r = run(fixture("image-trailing-space"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(pods_of(&r, "frontend-"), 0);
    assert!(svc(&r, "frontend").endpoints.is_empty());
    let msgs = notes(&r, "FailedCreate");
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("Error creating: Pod \"frontend-"), "{}", msgs[0]);
    assert!(msgs[0].ends_with("is invalid: spec.containers[0].image: Invalid value: \"gcr.io/google-samples/gb-frontend:v5 \": must not have leading or trailing whitespace)"), "{}", msgs[0]);
}

// pkg/controller/statefulset setPodRevision / pkg/controller/history ControllerRevisionName:
// `controller-revision-hash: <set>-<hash>`; a 58-character name makes a 69-character value,
// which ValidateLabels refuses on the pod (kubernetes#64023): FailedCreate, no pods
#[test]
fn statefulset_long_name_revision_label_refuses_its_pods() {
    let r = run(fixture("sts-longname"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(pods_of(&r, "cassandra-"), 0);
    let msgs = notes(&r, "FailedCreate");
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("failed error: Pod \"cassandra-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-0\" is invalid: metadata.labels: Invalid value: \"cassandra-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-"), "{}", msgs[0]);
    assert!(msgs[0].ends_with("\": must be no more than 63 characters)"), "{}", msgs[0]);
}

// the revision labels StatefulSet and DaemonSet pods carry (setPodRevision; daemon util
// CreatePodTemplate: pod-template-generation, controller-revision-hash = the revision's hash)
#[test]
fn statefulset_and_daemonset_pods_carry_their_revision_labels() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres:16}]}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: a, image: busybox}]}\n";
    let r = run(src);
    let label = |p: &super::report::PodReport, k: &str| p.labels.iter().find(|(lk, _)| lk == k).map(|(_, v)| v.clone());
    let sts: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("db-")).collect();
    assert_eq!(sts.len(), 2);
    let rev = label(sts[0], "controller-revision-hash").expect("controller-revision-hash");
    assert!(rev.starts_with("db-") && rev.len() == "db-".len() + 10, "{rev}");
    assert_eq!(label(sts[1], "controller-revision-hash").as_deref(), Some(rev.as_str()));
    let ds: Vec<_> = r.pods.iter().filter(|p| p.name.starts_with("agent-")).collect();
    assert!(!ds.is_empty());
    for p in ds {
        assert_eq!(label(p, "pod-template-generation").as_deref(), Some("1"));
        assert_eq!(label(p, "controller-revision-hash").map(|h| h.len()), Some(10));
    }
}

// resolve::label_misses: a near miss shares a key=value with the selector (corpus7 S4)
#[test]
fn near_misses_share_a_selector_label() {
    let r = run(fixture("guestbook-all-in-one"));
    let missed = |name: &str| svc(&r, name).near_misses.iter().map(|m| m.pod.split('-').take(2).collect::<Vec<_>>().join("-")).collect::<Vec<_>>();
    // redis-master (app=redis, tier=backend, role=master): the replicas share app and tier; the
    // frontend pods (app=guestbook, tier=frontend, no role) share nothing
    assert_eq!(missed("redis-master"), vec!["redis-replica", "redis-replica"]);
    assert_eq!(missed("redis-replica"), vec!["redis-master"]);
    assert!(missed("frontend").is_empty(), "{:?}", missed("frontend"));
    // a one-label selector's nearest values are still offered (nearest_by_value)
    let typo = fixture("guestbook-all-in-one").replacen("  selector:\n    app: redis\n    tier: backend\n    role: master\n", "  selector:\n    app: rediss\n", 1);
    assert_ne!(typo, fixture("guestbook-all-in-one"));
    assert!(!svc(&run(&typo), "redis-master").near_misses.is_empty());
}

// the CLI's step list: a drop where the packet is (from == to) is said as a place (corpus7 S5)
#[test]
fn a_policy_drop_step_is_not_printed_as_a_loop() {
    let src = format!("{}---\n{}", include_str!("../../tests/fixtures/corpus7/cnpg-np-pods.yaml"), include_str!("../../tests/fixtures/corpus7/cnpg-networkpolicy-example.yaml"));
    let text = run(&src).to_text();
    assert!(text.contains(". at pod:cluster-example-1  "), "{text}");
    assert!(!text.contains("pod:cluster-example-1 -> pod:cluster-example-1"), "{text}");
}

// pkg/apis/batch/validation validateJobSpec: ValidateLabelSelector on a manual selector, and the
// template comparison only when LabelSelectorAsSelector succeeds (no "does not match" for a
// selector it cannot parse); a valid NotIn expression is evaluated
#[test]
fn job_manual_selector_match_expressions_are_validated_then_evaluated() {
    let job = |expr: &str, labels: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec:\n  manualSelector: true\n  selector:\n    matchLabels: {{app: j}}\n    matchExpressions: [{expr}]\n  template:\n    metadata: {{labels: {labels}}}\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox}}]\n")
    };
    assert_eq!(errors(&run(&job("{key: tier, operator: in, values: [x]}", "{app: j}"))), vec!["spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator"]);
    assert_eq!(
        errors(&run(&job("{key: tier, operator: NotIn, values: [x]}", "{app: j, tier: x}"))),
        vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"j\",\"tier\":\"x\"}: `selector` does not match template `labels`"]
    );
    assert!(errors(&run(&job("{key: tier, operator: NotIn, values: [x]}", "{app: j, tier: z}"))).is_empty());
}

// pkg/apis/batch/validation validateGeneratedSelector: the written selector (with the generated
// uid key merged in) must match the generated labels, matchExpressions included
#[test]
fn job_generated_selector_check_evaluates_match_expressions() {
    let src = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  selector:\n    matchExpressions: [{key: job-name, operator: NotIn, values: [j]}]\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n";
    let errs = errors(&run(src));
    assert!(
        errs.iter().any(|e| e.starts_with("spec.selector: Invalid value: {\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":") && e.ends_with("\"matchExpressions\":[{\"key\":\"job-name\",\"operator\":\"NotIn\",\"values\":[\"j\"]}]}: `selector` not auto-generated")),
        "{errs:?}"
    );
}
