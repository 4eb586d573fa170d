//! corpfix9: the refusals corpus9 found missed (probes in /work/corpus9/probes), each in
//! upstream's words (core::podfields cites the functions).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn diags(src: &str) -> Vec<(Severity, String, u32, u32)> {
    analyze(src, &Config::default()).diagnostics.iter().map(|d| (d.severity, d.message.clone(), d.line, d.column)).collect()
}

fn errors(src: &str) -> Vec<String> {
    diags(src).into_iter().filter(|d| d.0 == Severity::Error).map(|d| format!("{}:{}: {}", d.2, d.3, d.1)).collect()
}

fn deployment(spec_extra: &str, container_extra: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vote\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: vote\n  template:\n    metadata:\n      labels:\n        app: vote\n    spec:\n{spec_extra}      containers:\n      - image: dockersamples/examplevotingapp_vote\n        name: vote\n{container_extra}"
    )
}

const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

#[test]
fn validate_container_common_termination_message_policy_typo() {
    let e = errors(&deployment("", "        terminationMessagePolicy: file\n"));
    assert_eq!(e, vec!["18:35: spec.template.spec.containers[0].terminationMessagePolicy: Unsupported value: \"file\": supported values: \"File\", \"FallbackToLogsOnError\"".to_string()], "{e:?}");
}

#[test]
fn validate_resize_policy_restart_policy_typo() {
    let e = errors(&deployment("", "        resizePolicy:\n        - resourceName: cpu\n          restartPolicy: NotRequire\n"));
    assert_eq!(e, vec!["20:26: spec.template.spec.containers[0].resizePolicy: Unsupported value: \"NotRequire\": supported values: \"NotRequired\", \"RestartContainer\"".to_string()], "{e:?}");
}

#[test]
fn validate_runtime_class_name_upper() {
    let e = errors(&deployment("      runtimeClassName: gVisor\n", ""));
    assert_eq!(e, vec![format!("15:25: spec.template.spec.runtimeClassName: Invalid value: \"gVisor\": {SUBDOMAIN}")], "{e:?}");
}

#[test]
fn validate_node_name_is_a_refusal() {
    let e = errors(&deployment("      nodeName: Node_1\n", ""));
    assert_eq!(e, vec![format!("15:17: spec.template.spec.nodeName: Invalid value: \"Node_1\": {SUBDOMAIN}")], "{e:?}");
}

#[test]
fn validate_preemption_policy_typo() {
    let e = errors(&deployment("      preemptionPolicy: never\n", ""));
    assert_eq!(e, vec!["15:25: spec.template.spec.preemptionPolicy: Unsupported value: \"never\": supported values: \"PreemptLowerPriority\", \"Never\"".to_string()], "{e:?}");
}

#[test]
fn validate_os_name_upper() {
    let e = errors(&deployment("      os:\n        name: Linux\n", ""));
    assert_eq!(e, vec!["16:15: spec.template.spec.os: Unsupported value: \"Linux\": supported values: \"linux\", \"windows\"".to_string()], "{e:?}");
}

#[test]
fn validate_readiness_gates_qualified_name() {
    let e = errors(&deployment("      readinessGates:\n      - conditionType: \"my gate\"\n", ""));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("16:24: spec.template.spec.readinessGates[0].conditionType: Invalid value: \"my gate\": name part must consist of alphanumeric characters"), "{e:?}");
}

const STS: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 3\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: -1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: postgres\n        image: postgres:16\n";

#[test]
fn validate_rolling_update_stateful_set_partition_negative() {
    let e = errors(STS);
    assert_eq!(e, vec!["11:18: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0".to_string()], "{e:?}");
}

#[test]
fn stateful_set_template_fields_refuse_the_set_131790() {
    // since 1.34 ValidateStatefulSetSpec validates the template's PodSpec (kubernetes#131790;
    // was stsfix's rule: the pods' FailedCreate)
    let src = STS.replace("      partition: -1\n", "      partition: 0\n").replace("      containers:\n", "      nodeName: Node_1\n      containers:\n");
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("20:17: spec.template.spec.nodeName: Invalid value: \"Node_1\""), "{e:?}");
    let d = diags(&src);
    assert!(!d.iter().any(|d| d.1.contains("FailedCreate")), "{d:?}");
}

#[test]
fn validate_ingress_typed_local_object_reference_kind_required() {
    let src = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: vote\nspec:\n  ingressClassName: nginx\n  defaultBackend:\n    resource:\n      name: static-assets\n";
    let e = errors(src);
    assert_eq!(e, vec!["9:7: spec.defaultBackend.resource.kind: Required value: kind is required".to_string()], "{e:?}");
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: batch\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n";

#[test]
fn priority_admission_refuses_an_integer_priority_without_class() {
    let src = POD.replace("spec:\n", "spec:\n  priority: 1000\n");
    let e = errors(&src);
    assert_eq!(e, vec!["6:13: pods \"batch\" is forbidden: the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name".to_string()], "{e:?}");
    // the value it computes is accepted
    assert!(errors(&POD.replace("spec:\n", "spec:\n  priority: 0\n")).is_empty());
    let sys = POD.replace("spec:\n", "spec:\n  priorityClassName: system-node-critical\n  priority: 2000001000\n");
    assert!(errors(&sys).is_empty(), "{:?}", errors(&sys));
}

#[test]
fn priority_admission_refuses_preemption_policy_never_without_class() {
    let src = POD.replace("spec:\n", "spec:\n  preemptionPolicy: Never\n");
    let e = errors(&src);
    assert_eq!(e, vec!["6:21: pods \"batch\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name".to_string()], "{e:?}");
}

#[test]
fn priority_admission_in_a_deployment_is_the_replica_sets_failed_create() {
    let src = deployment("      priority: 1000\n", "");
    assert!(errors(&src).is_empty(), "{:?}", errors(&src));
    let r = analyze(&src, &Config::default());
    assert!(r.pods.is_empty(), "no pod is created");
    let d = diags(&src);
    assert!(
        d.iter().any(|d| d.0 == Severity::Warning
            && d.2 == 15
            && d.1.contains("(event FailedCreate on ReplicaSet vote-")
            && d.1.contains("-\" is forbidden: the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name)")),
        "{d:?}"
    );
}

#[test]
fn priority_class_not_in_the_input_is_assumed_to_exist() {
    let src = POD.replace("spec:\n", "spec:\n  priorityClassName: high-priority\n");
    assert!(errors(&src).is_empty());
    let d = diags(&src);
    assert!(d.iter().any(|d| d.0 == Severity::Info && d.1.contains("PriorityClass \"high-priority\" (for the Pod) not created in this input: assumed to exist in the cluster") && d.1.contains("no PriorityClass with name high-priority was found")), "{d:?}");
    // a PriorityClass in the input: nothing said
    let with = format!("{src}---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high-priority\nvalue: 1000\n");
    assert!(!diags(&with).iter().any(|d| d.1.contains("assumed to exist")), "{:?}", diags(&with));
}

const VCT: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 3\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: postgres\n        image: postgres:16\n        volumeMounts:\n        - name: Data\n          mountPath: /var/lib/postgresql/data\n  volumeClaimTemplates:\n  - metadata:\n      name: Data\n    spec:\n      accessModes: [\"ReadWriteOnce\"]\n      resources:\n        requests:\n          storage: 1Gi\n";

#[test]
fn get_persistent_volume_claim_name_upper_is_failed_create() {
    assert!(errors(VCT).is_empty(), "{:?}", errors(VCT));
    let r = analyze(VCT, &Config::default());
    assert!(r.pods.is_empty(), "no pod is created");
    let d = diags(VCT);
    assert!(
        d.iter().any(|d| d.0 == Severity::Warning
            && d.2 == 24
            && d.1.contains(&format!("(event FailedCreate: create Claim Data-db-0 for Pod db-0 in StatefulSet db failed error: PersistentVolumeClaim \"Data-db-0\" is invalid: metadata.name: Invalid value: \"Data-db-0\": {SUBDOMAIN})"))),
        "{d:?}"
    );
}

#[test]
fn text_report_says_a_shared_target_port_once() {
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n  ports:\n  - name: http\n    port: 80\n    targetPort: nodejs-port\n  - name: https\n    port: 443\n    targetPort: nodejs-port\n  selector:\n    app: hello\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\n  labels:\n    app: hello\nspec:\n  containers:\n  - name: c\n    image: x\n    ports:\n    - name: nodejs-port\n      containerPort: 3000\n";
    let text = analyze(src, &Config::default()).to_text();
    assert!(text.contains("endpoint hello 10.244.0.2:3000 on node-1"), "{text}");
    assert!(!text.contains("3000,3000"), "{text}");
}

#[test]
fn coredns_find_services_answers_per_pod_names_under_a_governing_service_with_a_cluster_ip() {
    // coredns plugin/kubernetes/kubernetes.go findServices: `svc.Headless() || r.endpoint != ""`
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: consul\nspec:\n  ports:\n  - port: 8500\n  selector:\n    app: consul\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: consul\nspec:\n  serviceName: consul\n  replicas: 2\n  selector:\n    matchLabels:\n      app: consul\n  template:\n    metadata:\n      labels:\n        app: consul\n    spec:\n      containers:\n      - name: c\n        image: consul\n";
    let r = analyze(src, &Config::default());
    let svc = r.services.iter().find(|s| s.name == "consul").expect("the Service");
    let names: Vec<&str> = svc.dns_records.iter().filter(|d| d.kind == "A").map(|d| d.name.as_str()).collect();
    assert!(names.contains(&"consul-0.consul.default.svc.cluster.local") && names.contains(&"consul-1.consul.default.svc.cluster.local"), "{names:?}");
    assert!(r.diagnostics.iter().any(|d| d.message.contains("CoreDNS answers the per-pod DNS names (consul-0.consul…)")), "the note the list agrees with");
}
