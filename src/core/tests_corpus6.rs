//! What the corpus6 sweep (/work/corpus6/report.md) found: real files and probes under
//! tests/fixtures/corpus6, each test naming the upstream function it follows
//! (kubernetes/kubernetes unless said).

use super::diag::Severity;
use super::tests::{errors, run};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../tests/fixtures/corpus6/", $name))
    };
}

fn codes<'a>(r: &'a super::report::Report, code: &str) -> Vec<&'a super::diag::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

const POD_UPDATE: &str = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

// pkg/apis/batch/validation ValidateJobSpecUpdate → validatePodTemplateUpdate
// (ValidateImmutableField of spec.template): kuar 12-1 then 12-2 (another template: labels and
// args) — the patch is refused, the first Job stays (it was "patches this one … the result is
// the later manifest")
#[test]
fn job_template_is_immutable_validate_job_spec_update_kuar_12() {
    let text = [fixture!("12-1-job-oneshot.yaml"), fixture!("12-2-job-oneshot-failure1.yaml")].join("---\n");
    let r = run(&text);
    assert_eq!(errors(&r), vec!["spec.template: Invalid value: {…}: field is immutable"]);
    let refused = codes(&r, "UpdateRefused");
    assert_eq!(refused.len(), 1);
    assert!(refused[0].message.contains("with another spec.template"), "{}", refused[0].message);
    assert!(codes(&r, "DefinedAgain").is_empty());
    // the pods are the first Job's
    assert_eq!(r.pods.len(), 1);
    // velero: a Job minio-setup written in two files with another command
    let text = [fixture!("velero-poc-minio.yaml"), fixture!("velero-00-minio-deployment.yaml")].join("---\n");
    let r = run(&text);
    assert_eq!(errors(&r), vec!["spec.template: Invalid value: {…}: field is immutable"]);
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.object.as_deref() == Some("Job/velero/minio-setup")));
    // the same Job written twice: no refusal
    let r = run(&[fixture!("12-1-job-oneshot.yaml"), fixture!("12-1-job-oneshot.yaml")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(codes(&r, "DefinedAgain").len(), 1);
    // the probe: only the args differ
    let r = run(fixture!("probe-upd-job-template.yaml"));
    assert_eq!(errors(&r), vec!["spec.template: Invalid value: {…}: field is immutable"]);
}

// ValidateJobSpecUpdate → validateCompletions: ValidateImmutableField, except an Indexed Job's
// completions changed in tandem with parallelism (ElasticIndexedJob); SetDefaults_Job: unset
// completions and parallelism are 1
#[test]
fn job_completions_are_immutable_validate_completions() {
    let r = run(fixture!("probe-upd-job-completions.yaml"));
    assert_eq!(errors(&r), vec!["spec.completions: Invalid value: 3: field is immutable"]);
    let job = |spec: &str| format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec:\n{spec}  template:\n    spec:\n      containers: [{{name: c, image: busybox}}]\n      restartPolicy: Never\n");
    // unset on both: the default 1 on both
    let r = run(&[job(""), job("  backoffLimit: 2\n")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // unset, then 1 (the default): the same
    let r = run(&[job(""), job("  completions: 1\n")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // an Indexed Job may scale completions with parallelism
    let indexed = |n: u32| job(&format!("  completionMode: Indexed\n  completions: {n}\n  parallelism: {n}\n"));
    let r = run(&[indexed(2), indexed(4)].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run(&[indexed(2), indexed(4).replace("parallelism: 4", "parallelism: 3")].join("---\n"));
    assert_eq!(errors(&r), vec!["spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism"]);
}

// pkg/apis/core/validation ValidatePodUpdate: the spec may change only in the updatable fields —
// kuar 13-3 → 13-4 adds imagePullSecrets; 19-2 → 19-3 adds securityContext (pod and container)
// and an AppArmor annotation (ValidatePodSpecificAnnotationUpdates: may not add AppArmor
// annotations, checked before the spec)
#[test]
fn pod_update_image_pull_secrets_security_context_and_apparmor_validate_pod_update() {
    let r = run(&[fixture!("13-3-kuard-secret.yaml"), fixture!("13-4-kuard-secret-ips.yaml")].join("---\n"));
    assert_eq!(errors(&r), vec![POD_UPDATE]);
    assert!(r.diagnostics.iter().any(|d| d.code == "UpdateRefused" && d.message.contains("with another spec.imagePullSecrets")));
    let r = run(&[fixture!("19-2-amicontained-pod.yaml"), fixture!("19-3-amicontained-pod-securitycontext.yaml")].join("---\n"));
    assert_eq!(
        errors(&r),
        vec!["metadata.annotations[container.apparmor.security.beta.kubernetes.io/amicontained]: Forbidden: may not add AppArmor annotations", POD_UPDATE]
    );
    for (probe, want) in [
        (fixture!("probe-upd-pod-imagepullsecrets.yaml"), vec![POD_UPDATE]),
        (fixture!("probe-upd-pod-securitycontext.yaml"), vec![POD_UPDATE]),
        (fixture!("probe-upd-pod-ctr-sc.yaml"), vec![POD_UPDATE]),
        (fixture!("probe-upd-pod-apparmor.yaml"), vec!["metadata.annotations[container.apparmor.security.beta.kubernetes.io/kuard]: Forbidden: may not add AppArmor annotations"]),
    ] {
        let r = run(probe);
        assert_eq!(errors(&r), want);
        assert_eq!(codes(&r, "UpdateRefused").len(), 1);
    }
    let r = run(fixture!("probe-upd-pod-apparmor.yaml"));
    assert!(codes(&r, "UpdateRefused")[0].message.contains("with another AppArmor annotation:"), "{}", codes(&r, "UpdateRefused")[0].message);
    // the same pod again, securityContext and annotation included: accepted
    let r = run(&[fixture!("19-3-amicontained-pod-securitycontext.yaml"), fixture!("19-3-amicontained-pod-securitycontext.yaml")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // an empty securityContext is SetDefaults_PodSpec's: no change
    let pod = |extra: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{extra}  containers: [{{name: c, image: nginx}}]\n");
    let r = run(&[pod(""), pod("  securityContext: {}\n")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// kubectl's AlreadyExists quotes the resource: apimachinery pkg/api/meta/restmapper.go
// UnsafeGuessKindToResource (y → ies, s → ses, "endpoints" as it is)
#[test]
fn defined_again_names_the_resource_as_unsafe_guess_kind_to_resource() {
    assert_eq!(super::guess_resource("NetworkPolicy"), "networkpolicies");
    assert_eq!(super::guess_resource("Ingress"), "ingresses");
    assert_eq!(super::guess_resource("Endpoints"), "endpoints");
    assert_eq!(super::guess_resource("IngressClass"), "ingressclasses");
    assert_eq!(super::guess_resource("Service"), "services");
    let np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n";
    let r = run(&[np, np].join("---\n"));
    let again = codes(&r, "DefinedAgain");
    assert_eq!(again.len(), 1);
    assert!(again[0].message.contains("Error from server (AlreadyExists): networkpolicies.networking.k8s.io \"deny\" already exists"), "{}", again[0].message);
    let r = run(&[fixture!("cafe-ingress.yaml"), fixture!("cafe-ingress.yaml")].join("---\n"));
    assert!(codes(&r, "DefinedAgain")[0].message.contains("ingresses.networking.k8s.io \"cafe-ingress\" already exists"));
}

// field.ErrorList.ToAggregate (apimachinery pkg/util/validation/field/errors.go): kubectl's
// `… is invalid: [...]` holds each message once (click-to-deploy flink-operator
// create-cert.yaml: spec.template.labels twice)
#[test]
fn identical_errors_of_one_object_are_said_once_to_aggregate() {
    let r = run(fixture!("flink-create-cert.yaml"));
    let e = errors(&r);
    let labels: Vec<_> = e.iter().filter(|m| m.starts_with("spec.template.labels:")).collect();
    assert_eq!(labels.len(), 1, "{e:?}");
    let mut unique = e.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), e.len(), "{e:?}");
}

// A volumeClaimTemplate's spec is validated as a PVC's (ValidatePersistentVolumeClaimSpec) with
// the StatefulSet at create since 1.34 (kubernetes#132212, pkg/apis/apps/validation
// ValidateVolumeClaimTemplates): the set is refused, no pod (was: the controller's claim was
// refused before the pod, stateful_pod_control.go createPersistentVolumeClaims: FailedCreate)
#[test]
fn statefulset_claim_template_the_api_refuses_creates_no_pod_create_persistent_volume_claims() {
    let r = run(fixture!("probe-sts-vct-noaccess.yaml"));
    assert_eq!(errors(&r), vec!["spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required"]);
    assert!(r.pods.is_empty(), "{:?}", r.pods.iter().map(|p| &p.name).collect::<Vec<_>>());
    assert!(codes(&r, "FailedCreate").is_empty());
    // with accessModes and a storage request: pods as before
    let ok = fixture!("probe-sts-vct-noaccess.yaml").replace("resources: {requests: {storage: 1Gi}}", "accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}");
    let r = run(&ok);
    assert!(codes(&r, "FailedCreate").is_empty());
    assert_eq!(r.pods.len(), 1);
    // neither: both errors, aggregated
    let none = fixture!("probe-sts-vct-noaccess.yaml").replace("resources: {requests: {storage: 1Gi}}", "storageClassName: fast");
    let r = run(&none);
    assert_eq!(
        errors(&r),
        vec!["spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required", "spec.volumeClaimTemplates[0].spec.resources[storage]: Required value"]
    );
}

// core/validation validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate →
// ValidatePersistentVolumeClaimSpec: the Pod is refused
#[test]
fn ephemeral_claim_template_is_validated_as_a_pvc_validate_ephemeral_volume_source() {
    let r = run(fixture!("probe-pod-ephemeral-noaccess.yaml"));
    let e = errors(&r);
    assert!(e.contains(&"spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Required value: at least 1 access mode is required".to_string()), "{e:?}");
    assert!(r.pods.is_empty());
    let ok = fixture!("probe-pod-ephemeral-noaccess.yaml").replace("          resources:", "          accessModes: [ReadWriteOnce]\n          resources:");
    let r = run(&ok);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.pods.len(), 1);
}

// kubernetes-sigs/aws-load-balancer-controller pkg/ingress/enhanced_backend_builder.go Build:
// `port.name: use-annotation` is the action of annotation alb.ingress.kubernetes.io/actions.<name>
// (argo-rollouts test/e2e/alb): no "no port use-annotation … 503" warning
#[test]
fn alb_use_annotation_backend_is_an_action_not_a_port_enhanced_backend_builder() {
    let r = run(fixture!("rollout-alb-experiment-no-setweight.yaml"));
    let notes = codes(&r, "IngressBackend");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].severity, Severity::Info);
    assert!(notes[0].message.contains("alb.ingress.kubernetes.io/actions.alb-rollout-root"), "{}", notes[0].message);
    assert!(!notes[0].message.contains("has no port"));
    // with the action annotation: its type is named
    let with = fixture!("rollout-alb-experiment-no-setweight.yaml").replace(
        "    kubernetes.io/ingress.class: alb\n",
        "    kubernetes.io/ingress.class: alb\n    alb.ingress.kubernetes.io/actions.alb-rollout-root: '{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"alb-rollout-stable\",\"servicePort\":\"80\"}]}}'\n",
    );
    let r = run(&with);
    let notes = codes(&r, "IngressBackend");
    assert!(notes[0].message.contains("takes the action in annotation alb.ingress.kubernetes.io/actions.alb-rollout-root (type forward)"), "{}", notes[0].message);
}

// a valid Ingress (nginxinc complete-example cafe-ingress.yaml) was nowhere in the report: its
// routes are said (ingress::backend_notes)
#[test]
fn a_valid_ingress_is_in_the_report_cafe() {
    let r = run(&[fixture!("cafe.yaml"), fixture!("cafe-ingress.yaml")].join("---\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let routes = codes(&r, "IngressRoutes");
    assert_eq!(routes.len(), 1);
    assert_eq!(routes[0].object.as_deref(), Some("Ingress/default/cafe-ingress"));
    assert_eq!(
        routes[0].message,
        "the ingress controller routes cafe.example.com/tea → service tea-svc port 80 → targetPort 8080: 3 ready endpoints; cafe.example.com/coffee → service coffee-svc port 80 → targetPort 8080: 2 ready endpoints"
    );
}

// apps/validation ValidateStatefulSetSpec (updateStrategy type; ordinals.start
// ValidateNonnegativeField), ValidateDaemonSetUpdateStrategy (field.NotSupported with the
// strategy), networking/validation validateIngressTLS (hosts)
#[test]
fn strategy_types_ordinals_and_tls_hosts_validate_statefulset_spec_daemonset_strategy_ingress_tls() {
    let cases = [
        (fixture!("probe-sts-update-type.yaml"), "spec.updateStrategy: Invalid value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'"),
        (fixture!("probe-sts-ordinals-neg.yaml"), "spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0"),
        (fixture!("probe-ds-update-type.yaml"), "spec.updateStrategy: Unsupported value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\""),
    ];
    for (text, want) in cases {
        let r = run(text);
        assert_eq!(errors(&r), vec![want]);
        assert!(r.pods.is_empty());
    }
    let r = run(fixture!("probe-ing-tls-wild.yaml"));
    assert_eq!(errors(&r).len(), 1);
    assert!(errors(&r)[0].starts_with("spec.tls[0].hosts[0]: Invalid value: \"*.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.'"), "{:?}", errors(&r));
    let r = run(fixture!("probe-ing-tls-badhost.yaml"));
    assert_eq!(errors(&r).len(), 1);
    assert!(errors(&r)[0].starts_with("spec.tls[0].hosts[0]: Invalid value: \"My_Host.example.com\": a lowercase RFC 1123 subdomain"), "{:?}", errors(&r));
    // OnDelete and RollingUpdate stay accepted; a StatefulSet's OnDelete with a rollingUpdate not
    let sts = fixture!("probe-sts-update-type.yaml");
    assert!(errors(&run(&sts.replace("type: Recreate", "type: OnDelete"))).is_empty());
    assert!(errors(&run(&sts.replace("type: Recreate", "type: RollingUpdate"))).is_empty());
    assert_eq!(
        errors(&run(&sts.replace("{type: Recreate}", "{type: OnDelete, rollingUpdate: {partition: 1}}"))),
        vec!["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'"]
    );
    assert!(errors(&run(&fixture!("probe-ds-update-type.yaml").replace("type: Recreate", "type: OnDelete"))).is_empty());
}

// pkg/apis/core/validation ValidateConfigMapUpdate (data of an immutable ConfigMap) and
// ValidateSecretUpdate (type: ValidateImmutableField): neither kind is modelled, so their
// documents' states are compared (reapply::config_update_errors); the page's incremental
// analysis says the same
#[test]
fn configmap_immutable_data_and_secret_type_validate_configmap_and_secret_update() {
    let r = run(fixture!("probe-upd-cm-immutable.yaml"));
    assert_eq!(errors(&r), vec!["data: Forbidden: field is immutable when `immutable` is set"]);
    let e = r.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    assert_eq!((e.line, e.object.as_deref()), (15, Some("ConfigMap/default/c")));
    assert_eq!(codes(&r, "UpdateRefused").len(), 1);
    let r = run(fixture!("probe-upd-secret-type.yaml"));
    assert_eq!(errors(&r), vec!["type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"]);
    assert_eq!(r.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.line), Some(13));
    // not immutable: the data may change; the same data in base64 and in stringData is the same
    let cm = fixture!("probe-upd-cm-immutable.yaml");
    assert!(errors(&run(&cm.replace("immutable: true\n", ""))).is_empty());
    let secret = |ty: &str, body: &str| format!("apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\n{ty}immutable: true\n{body}");
    assert!(errors(&run(&[secret("", "data: {k: YQ==}\n"), secret("type: Opaque\n", "stringData: {k: a}\n")].join("---\n"))).is_empty());
    assert_eq!(
        errors(&run(&[secret("", "data: {k: YQ==}\n"), secret("", "data: {k: Yg==}\n")].join("---\n"))),
        vec!["data: Forbidden: field is immutable when `immutable` is set"]
    );
    // once refused, the next is compared with the first
    let three = [cm, &cm.replace("k: b", "k: a")].join("---\n");
    let r = run(&three);
    assert_eq!(errors(&r).len(), 1, "{:?}", errors(&r));
    let mut inc = super::incremental::Incremental::new();
    inc.set(fixture!("probe-upd-secret-type.yaml").to_string());
    let a = inc.analyze(&super::config::Config::default());
    assert_eq!(errors(&a), vec!["type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable"]);
}

// ToAggregate is per request: the same id in two documents is two requests (kustomize patches
// pasted beside their base), each with its own errors
#[test]
fn identical_errors_of_two_definitions_of_one_id_stay_to_aggregate_per_request() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: [{name: c}]\n";
    let r = run(&[dep, dep].join("---\n"));
    assert_eq!(errors(&r), vec!["spec.template.spec.containers[0].image: Required value", "spec.template.spec.containers[0].image: Required value"]);
}

// ValidateJobUpdate → ValidateJobSpecUpdate runs ValidateJobSpec on the new Job before the
// immutable fields: a later definition that is invalid as well says both (hashicorp consul-k8s:
// a kustomize patch without containers beside its base); and errors of two refused updates of
// one object stay apart (rancher local-path-provisioner examples: volume-test three times)
#[test]
fn refused_update_also_says_the_new_objects_own_errors_validate_job_spec_update() {
    let job = |c: &str| format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec:\n  template:\n    spec:\n{c}      restartPolicy: Never\n");
    let r = run(&[job("      containers: [{name: c, image: busybox}]\n"), job("      containers: [{name: c}]\n")].join("---\n"));
    // (in line order: spec.template is above its container)
    assert_eq!(errors(&r), vec!["spec.template: Invalid value: {…}: field is immutable", "spec.template.spec.containers[0].image: Required value"]);
    let pod = |img: &str, port: u32| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers: [{{name: c, image: {img}, ports: [{{containerPort: {port}}}]}}]\n");
    let r = run(&[pod("nginx", 80), pod("nginx", 81), pod("nginx", 82)].join("---\n"));
    assert_eq!(errors(&r), vec![POD_UPDATE, POD_UPDATE]);
}

// a Job a cluster printed (`kubectl get job -o yaml`: generated labels, selector, defaults)
// beside its manifest is not an update the manifest's patch makes: not compared (as
// pod_update_error does not compare a dumped pod)
#[test]
fn a_dumped_job_beside_its_manifest_is_not_refused() {
    let manifest = fixture!("12-1-job-oneshot.yaml");
    let dump = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: oneshot\n  namespace: default\n  uid: 0d6f1c2e-1111-2222-3333-444455556666\n  resourceVersion: \"1234\"\nspec:\n  backoffLimit: 6\n  completions: 1\n  parallelism: 1\n  selector:\n    matchLabels: {batch.kubernetes.io/controller-uid: 0d6f1c2e-1111-2222-3333-444455556666}\n  template:\n    metadata:\n      labels: {batch.kubernetes.io/controller-uid: 0d6f1c2e-1111-2222-3333-444455556666, batch.kubernetes.io/job-name: oneshot, controller-uid: 0d6f1c2e-1111-2222-3333-444455556666, job-name: oneshot}\n    spec:\n      containers:\n      - name: kuard\n        image: gcr.io/kuar-demo/kuard-amd64:blue\n        imagePullPolicy: Always\n        command: [/kuard]\n        args: [--keygen-enable, --keygen-exit-on-complete, --keygen-num-to-gen=10]\n        resources: {}\n        terminationMessagePath: /dev/termination-log\n        terminationMessagePolicy: File\n      dnsPolicy: ClusterFirst\n      restartPolicy: OnFailure\n      schedulerName: default-scheduler\n      securityContext: {}\n      terminationGracePeriodSeconds: 30\n";
    for text in [[dump, manifest].join("---\n"), [manifest, dump].join("---\n")] {
        let r = run(&text);
        assert!(!r.diagnostics.iter().any(|d| d.code == "FieldImmutable" || d.code == "UpdateRefused"), "{:?}", errors(&r));
    }
}

// ---- diffsweep (a differential run of the day's rules over 24,872 real files) ----

fn diffsweep(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diffsweep").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// A CRD a cluster printed (calico's ippools, created as apiextensions.k8s.io/v1beta1: no schema,
// preserveUnknownFields: true) exists: applying it again is an update, and
// ValidateCustomResourceDefinitionUpdate (apiextensions-apiserver pkg/apis/apiextensions/validation)
// keeps only what the stored object met (requireOpenAPISchema off when the old one has none,
// validatePreserveUnknownFields a no-op when it was true). It was refused with both, as a create.
#[test]
fn a_dumped_crd_is_not_validated_as_a_create_validate_custom_resource_definition_update() {
    let r = run(&diffsweep("calico-ippools-crd-dumped.yaml"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // the same CRD written by hand (no uid, resourceVersion, creationTimestamp) is a create
    let text = diffsweep("calico-ippools-crd-dumped.yaml");
    let written: String = text.lines().filter(|l| !["uid:", "resourceVersion:", "creationTimestamp:"].iter().any(|k| l.trim_start().starts_with(k))).map(|l| format!("{l}\n")).collect();
    let r = run(&written);
    assert!(errors(&r).iter().any(|e| e.contains("openAPIV3Schema: Required value")), "{:?}", errors(&r));
    // a CRD is cluster-scoped: its id has no namespace (rest/create.go BeforeCreate drops one)
    assert!(r.diagnostics.iter().filter(|d| d.severity == Severity::Error).all(|d| d.object.as_deref() == Some("CustomResourceDefinition/ippools.crd.projectcalico.org")), "{:?}", r.diagnostics);
}

// An Ingress a cluster printed with a secretName that is no DNS-1123 subdomain: ValidateIngressUpdate
// allows it when the live Ingress already has it (allowInvalidSecretName(gv, oldIngress))
#[test]
fn a_dumped_ingress_keeps_its_invalid_secret_name_validate_ingress_update() {
    let ing = |meta: &str| format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: i{meta}}}\nspec:\n  tls:\n  - hosts: [a.example.com]\n    secretName: My_Secret\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: s, port: {{number: 80}}}}}}}}\n");
    let r = run(&ing(", uid: 0f0e8d2a-1111-2222-3333-444455556666, resourceVersion: \"123\""));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run(&ing(""));
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.tls[0].secretName: Invalid value: \"My_Secret\"")), "{:?}", errors(&r));
}

// ToAggregate de-duplicates field.Errors within one request; a decode error is one per request
// already and NoKindMatch is kubectl's mapping error: two refused apps/v1beta1 documents print it twice
#[test]
fn no_kind_match_of_two_documents_is_said_twice_to_aggregate_is_per_request() {
    let ok = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    let old = "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: x}\nspec: {}\n";
    let r = run(&[ok, old, old].join("---\n"));
    let nk: Vec<_> = r.diagnostics.iter().filter(|d| d.message.starts_with("no matches for kind \"Deployment\"")).map(|d| d.line).collect();
    assert_eq!(nk, vec![10, 15], "{:?}", r.diagnostics);
}

// A definition whose patch is refused by itself (here a decode error) leaves the live object as it
// was, and the next definition is an update of that one (ValidatePodUpdate): Pod a, Pod a with an
// unknown field, Pod a with a securityContext — the third is refused against the first
#[test]
fn a_refused_patch_leaves_the_live_object_for_the_next_definition_validate_pod_update() {
    let pod = |extra: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: a}}\nspec:\n{extra}  containers: [{{name: c, image: nginx}}]\n");
    let r = run(&[pod(""), pod("  bogus: 1\n"), pod("  securityContext: {runAsNonRoot: true}\n")].join("---\n"));
    let refused: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "UpdateRefused").map(|d| (d.line, d.message.contains("at line 1"))).collect();
    assert_eq!(refused, vec![(7, true), (14, true)], "{:?}", r.diagnostics);
    assert!(errors(&r).iter().any(|e| e.starts_with("spec: Forbidden: pod updates may not change fields")), "{:?}", errors(&r));
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("finds nothing to patch")), "{:?}", r.diagnostics);
    assert_eq!(r.pods.len(), 1);
    assert_eq!(r.pods[0].line, 1);
}
