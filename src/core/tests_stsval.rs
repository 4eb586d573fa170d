//! stsval: Kubernetes 1.34 validates a StatefulSet's pod template and claim templates at create.
//! * kubernetes/kubernetes#131790 "fix pod template spec validation missing in sts" (CHANGELOG-1.34,
//!   v1.34.0-beta.0, Bug or Regression: "Add podSpec validation for create StatefulSet"):
//!   pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec validates the template's pod
//!   spec (unless StatefulSetValidationOptions.SkipValidatePodTemplateSpec), the claim templates'
//!   volumes added first (volumesToAddForTemplates).
//! * kubernetes/kubernetes#132212 "Add validation of `volumeClaimTemplates` in StatefulSet":
//!   ValidateVolumeClaimTemplates (ValidatePersistentVolumeClaimSpec of each template, at
//!   `spec.volumeClaimTemplates[i].spec`; unless SkipValidateVolumeClaimTemplates).
//!
//! The StatefulSet is refused (no pods) where before 1.34 it was created and its controller's
//! pod or claim was refused (FailedCreate; tests_stsfix.rs).

use super::diag::Severity;
use super::tests::{errors, run};

fn sts(spec: &str, tail: &str) -> String {
    format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: web}}\nspec:\n  serviceName: web\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{spec}{tail}")
}

fn failed_create(r: &super::report::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == "FailedCreate").map(|d| d.message.clone()).collect()
}

// /work/qa1/q/10.yaml (mbentley/docker-omada-controller#808): the asker's 2026 cluster answered
// `StatefulSet.apps "omada-controller" is invalid: spec.template.spec.containers[0].ports[2].name:
// Invalid value: "upgrade-es-https": must be no more than 15 characters` — ValidateStatefulSetSpec
// (kubernetes#131790) → ValidatePodSpec → validateContainerPorts (IANA_SVC_NAME)
#[test]
fn validate_statefulset_spec_131790_refuses_the_omada_port_name() {
    let src = include_str!("../../tests/fixtures/stsval/omada-q10.yaml");
    let r = run(src);
    let sts: Vec<_> = r.diagnostics.iter().filter(|d| d.object.as_deref() == Some("StatefulSet/default/omada-controller")).collect();
    let errs: Vec<_> = sts.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.as_str(), d.line, d.column)).collect();
    assert_eq!(errs, vec![("spec.template.spec.containers[0].ports[2].name: Invalid value: \"upgrade-es-https\": must be no more than 15 characters", 50, 17)]);
    // refused: no pods, no FailedCreate, no note about its pods' DNS names
    assert!(r.pods.is_empty());
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    assert!(!sts.iter().any(|d| d.code == "StatefulSetServiceName"), "{sts:?}");
}

// volumesToAddForTemplates (kubernetes#131790): a mount naming a claim template is a volume of
// the pod, not "not found"; a template volume of the claim's name is replaced by the claim's (no
// Duplicate, and its own source not validated: the controller's pods have the claim's,
// stateful_set_utils.go updateStorage); a mount naming neither is refused with the set
#[test]
fn volumes_to_add_for_templates_131790_a_claim_template_is_a_volume() {
    let vct = "  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n";
    let mounted = "      containers: [{name: c, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}]\n";
    let r = run(&sts(mounted, vct));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 2);
    let shadowed = format!("{mounted}      volumes: [{{name: data, hostPath: {{path: relative}}, emptyDir: {{}}}}]\n");
    let r = run(&sts(&shadowed, vct));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 2);
    let r = run(&sts(mounted, ""));
    assert_eq!(errors(&r), vec!["spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\""]);
    assert!(r.pods.is_empty());
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
}

// kubernetes#132211's manifest (a claim template without accessModes): before 1.34 the claim was
// refused (`create Claim data-nginx-sts-0 … spec.accessModes: Required value: at least 1 access
// mode is required`); ValidateVolumeClaimTemplates (kubernetes#132212) refuses the set
#[test]
fn validate_volume_claim_templates_132212_requires_access_modes() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nginx-sts\nspec:\n  selector:\n    matchLabels:\n      app: nginx\n  serviceName: nginx\n  replicas: 3\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.7.9\n        ports:\n        - containerPort: 80\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n#        accessModes: [ \"ReadWriteOnce\" ]\n        resources:\n          requests:\n            storage: 1Gi\n";
    let r = run(src);
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.as_str(), d.line)).collect();
    assert_eq!(e, vec![("spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required", 26)]);
    assert!(r.pods.is_empty());
    assert!(failed_create(&r).is_empty(), "{:?}", failed_create(&r));
    // and resources.requests.storage (ValidatePersistentVolumeClaimSpec: `resources[storage]`)
    let r = run(&sts("      containers: [{name: c, image: nginx}]\n", "  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce]}\n"));
    assert_eq!(errors(&r), vec!["spec.volumeClaimTemplates[0].spec.resources[storage]: Required value"]);
    // with the template's own errors: one refusal, both said
    let r = run(&sts("      containers: [{name: c, image: nginx, volumeMounts: [{name: logs, mountPath: /l}]}]\n", "  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {resources: {requests: {storage: 1Gi}}}\n"));
    assert_eq!(
        errors(&r),
        vec!["spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"logs\"", "spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required"]
    );
}

// What stays the pods' (the per-pod checks the controller meets, corpfix7/corpfix9): a valid
// set with a mounted claim template whose name makes the pods' `controller-revision-hash` label
// (`<set>-<hash>`, setPodRevision) over 63 characters is created, and its pods are refused
// (ValidateLabels on the Pod, kubernetes#64023: FailedCreate), not the set
#[test]
fn a_valid_statefulset_still_meets_the_per_pod_checks() {
    let name = format!("web{}", "x".repeat(52));
    let src = sts(
        "      containers: [{name: c, image: nginx, volumeMounts: [{name: data, mountPath: /d}]}]\n",
        "  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n",
    )
    .replace("metadata: {name: web}", &format!("metadata: {{name: {name}}}"));
    let r = run(&src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let fc = failed_create(&r);
    assert_eq!(fc.len(), 1, "{fc:?}");
    assert!(fc[0].contains(&format!("Pod \"{name}-0\" is invalid: metadata.labels: Invalid value: \"{name}-")), "{}", fc[0]);
}

// ValidateStatefulSetSpec gathers every error in one field.ErrorList: a set refused for its
// template (kubernetes#131790) is told its selector's errors too (`spec.selector: Required
// value`; LabelSelectorAsSelector(nil) is labels.Nothing(), so the template's labels do not match)
#[test]
fn validate_statefulset_spec_131790_says_the_selector_beside_the_template() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: []}\n";
    let mut e = errors(&run(src));
    e.sort();
    assert_eq!(
        e,
        vec![
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
            "spec.template.spec.containers: Required value"
        ]
    );
}
