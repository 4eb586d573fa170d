//! valfix19: a workload refused for its metadata or pod template is told its spec's other errors
//! too, as the API server's one field.ErrorList holds them (`The Deployment "d" is invalid: [a,
//! b, …]`; here one error each, sorted by line:column): pkg/apis/apps/validation/validation.go
//! ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec /
//! ValidateDaemonSetSpec, pkg/apis/core/validation/validation.go
//! ValidateReplicationControllerSpec (core::cluster spec_errors_around_template); a
//! ReplicationController's minReadySeconds (ValidateReplicationControllerSpec); a StatefulSet's
//! serviceName as a DNS-1123 label (kubernetes#130233, ValidateStatefulSetSpec:
//! core::cluster service_name_errors).

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::incremental::Incremental;

fn errors(src: &str) -> Vec<String> {
    analyze(src, &Config::default()).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect()
}

const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

// /work/stsval/dep.yaml: ValidateDeploymentSpec appends `spec.selector: Required value`, then
// (LabelSelectorAsSelector(nil) is labels.Nothing(), not Empty, matching nothing)
// ValidatePodTemplateSpecForReplicaSet's mismatch, then ValidatePodTemplateSpec's containers
#[test]
fn validate_deployment_spec_selector_errors_beside_the_template_errors() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: []}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:3: spec.selector: Required value",
            "6:24: spec.template.metadata.labels: Invalid value: {\"app\":\"d\"}: `selector` does not match template `labels`",
            "7:24: spec.template.spec.containers: Required value",
        ]
    );
    assert!(analyze(src, &Config::default()).pods.is_empty());
}

// ValidateDeploymentSpec: replicas, the selector's match, the template, then minReadySeconds
// (after ValidateDeploymentStrategy)
#[test]
fn validate_deployment_spec_replicas_and_min_ready_seconds_beside_a_bad_container_name() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: x}}\n  minReadySeconds: -3\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: A, image: nginx}]}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0".to_string(),
            "7:20: spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0".to_string(),
            "9:24: spec.template.metadata.labels: Invalid value: {\"app\":\"d\"}: `selector` does not match template `labels`".to_string(),
            format!("10:32: spec.template.spec.containers[0].name: Invalid value: \"A\": {LABEL_MSG}"),
        ]
    );
}

// ValidateDeployment: ValidateObjectMeta's errors, then the spec's (a bad name no longer hides
// the strategy's)
#[test]
fn validate_deployment_metadata_error_beside_the_strategy_error() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: D}\nspec:\n  selector: {matchLabels: {app: d}}\n  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    let errs = errors(src);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].starts_with("3:18: metadata.name: Invalid value: \"D\": a lowercase RFC 1123 subdomain"), "{errs:?}");
    assert_eq!(errs[1], "6:45: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
}

// ValidateReplicaSetSpec: replicas, minReadySeconds, the selector, the template
#[test]
fn validate_replica_set_spec_errors_beside_the_template_errors() {
    let src = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  minReadySeconds: -1\n  selector: {}\n  template:\n    metadata: {labels: {app: r}}\n    spec: {containers: []}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:20: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            "6:13: spec.selector: Invalid value: {}: empty selector is invalid for deployment",
            "9:24: spec.template.spec.containers: Required value",
        ]
    );
}

// ValidateDaemonSetSpec: no Required for a nil selector, but labels.Nothing() matches no template;
// minReadySeconds and revisionHistoryLimit after the template
#[test]
fn validate_daemon_set_spec_errors_around_the_template_errors() {
    let src = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  minReadySeconds: -1\n  revisionHistoryLimit: -2\n  template:\n    metadata: {labels: {app: ds}}\n    spec: {containers: []}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:20: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            "6:25: spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
            "8:24: spec.template.metadata.labels: Invalid value: {\"app\":\"ds\"}: `selector` does not match template `labels`",
            "9:24: spec.template.spec.containers: Required value",
        ]
    );
}

// pkg/apis/core/validation ValidateReplicationControllerSpec: minReadySeconds first (it was not
// checked at all), with the template's errors; and without a template: minReadySeconds,
// selector, replicas, template
#[test]
fn validate_replication_controller_spec_min_ready_seconds() {
    let src = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  minReadySeconds: -2\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: r}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:20: spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
            "8:24: spec.template.metadata.labels: Invalid value: {\"app\":\"r\"}: `selector` does not match template `labels`",
        ]
    );
    let src = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  minReadySeconds: -2\n  replicas: -1\n";
    assert_eq!(
        errors(src),
        vec![
            "5:3: spec.selector: Required value",
            "5:3: spec.template: Required value",
            "5:20: spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
            "6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        ]
    );
    let ok = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  minReadySeconds: 5\n  template:\n    metadata: {labels: {app: r}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    assert!(errors(ok).is_empty(), "{:?}", errors(ok));
}

// kubernetes#130233 (1.33): ValidateStatefulSetSpec validates serviceName with
// ValidateDNS1123Label; the set is refused (before: created, its controller's pods refused for
// spec.subdomain)
#[test]
fn validate_stateful_set_spec_130233_service_name_is_a_dns_label() {
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  serviceName: Bad_Name\n  selector: {matchLabels: {app: s}}\n  template:\n    metadata: {labels: {app: s}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    assert_eq!(errors(src), vec![format!("5:16: spec.serviceName: Invalid value: \"Bad_Name\": {LABEL_MSG}")]);
    let r = analyze(src, &Config::default());
    assert!(r.pods.is_empty());
    assert!(!r.diagnostics.iter().any(|d| d.code == "FailedCreate"), "{:?}", r.diagnostics);
    // beside a template error and the others ValidateStatefulSetSpec appends
    let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  podManagementPolicy: Foo\n  replicas: -1\n  selector: {matchLabels: {app: x}}\n  serviceName: Bad_Name\n  template:\n    metadata: {labels: {app: s}}\n    spec: {containers: [{name: A, image: nginx}]}\n";
    assert_eq!(
        errors(src),
        vec![
            "5:24: spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'".to_string(),
            "6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0".to_string(),
            format!("8:16: spec.serviceName: Invalid value: \"Bad_Name\": {LABEL_MSG}"),
            "10:24: spec.template.metadata.labels: Invalid value: {\"app\":\"s\"}: `selector` does not match template `labels`".to_string(),
            format!("11:32: spec.template.spec.containers[0].name: Invalid value: \"A\": {LABEL_MSG}"),
        ]
    );
    // an empty serviceName is not validated (the field is optional)
    let ok = src.replace("  serviceName: Bad_Name\n", "  serviceName: \"\"\n").replace("Foo", "Parallel").replace("replicas: -1", "replicas: 1").replace("app: x", "app: s").replace("name: A", "name: a");
    assert!(errors(&ok).is_empty(), "{:?}", errors(&ok));
}

// the errors are made with each document's reading (core::incremental keeps validate_pod_like's
// answer): an edit gives what a whole analysis gives
#[test]
fn incremental_equals_whole_for_a_refused_deployment() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: []}\n";
    let mut inc = Incremental::new();
    inc.set(src.to_string());
    let r = inc.analyze(&Config::default());
    assert_eq!(r, analyze(src, &Config::default()));
    let at = src.find("{app: d}}").unwrap() + 6;
    inc.splice(at, at + 1, "e");
    let r = inc.analyze(&Config::default());
    assert_eq!(r, analyze(inc.text(), &Config::default()));
    assert!(r.diagnostics.iter().any(|d| d.message == "spec.selector: Required value"), "{:?}", r.diagnostics);
}

// click-to-deploy sample-app manifests.yaml (corpus6): a matchLabels value LabelSelectorAsSelector
// cannot parse is `spec.selector: Invalid value: …: invalid label selector` and
// ValidateDeploymentSpec validates no template (ValidatePodTemplateSpecForReplicaSet is its
// `else`): the template's bad volume name is not told; a DaemonSet's template is validated
// whatever its selector (ValidateDaemonSetSpec)
#[test]
fn validate_deployment_spec_unparsable_selector_skips_the_template() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: $X}}\n  template:\n    metadata: {labels: {app: $X}}\n    spec: {containers: [{name: A, image: nginx}]}\n";
    let errs = errors(src);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0], "5:13: spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"$X\"}}: invalid label selector");
    assert!(errs[1].starts_with("5:33: spec.selector.matchLabels: Invalid value: \"$X\": a valid label must be"), "{errs:?}");
    let ds = src.replace("kind: Deployment", "kind: DaemonSet");
    let errs = errors(&ds);
    assert!(errs.iter().any(|e| e.starts_with("8:32: spec.template.spec.containers[0].name: Invalid value: \"A\"")), "{errs:?}");
    assert!(errs.iter().any(|e| e.starts_with("7:30: spec.template.labels: Invalid value: \"$X\"")), "{errs:?}");
}
