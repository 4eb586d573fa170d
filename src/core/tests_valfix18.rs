//! valfix18: controller and validation leftovers — a Deployment's orphan ReplicaSet compared as
//! stored (defaults filled in), resizePolicy on init containers, a StatefulSet's
//! rollingUpdate.maxUnavailable, CRD default formats, an Indexed Job's adopted pods.

use super::report::Report;
use super::tests::{errors, run};

fn owned<'a>(r: &'a Report, owner: &str) -> Vec<&'a str> {
    r.pods.iter().filter(|p| p.pod.owner.as_deref() == Some(owner)).map(|p| p.pod.name.as_str()).collect()
}

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx:1.25
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet: {port: 80}
        resources:
          requests: {cpu: 0.1, memory: 64Mi}
      volumes:
      - name: conf
        configMap: {name: web}
";

/// `kubectl get rs web-7d9c6b5f4 -o yaml` of the ReplicaSet the Deployment above made, its
/// ownerReferences removed (an orphan): every default written, pod-template-hash in its labels
const EXPORTED_RS: &str = "---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  annotations:
    deployment.kubernetes.io/desired-replicas: \"2\"
    deployment.kubernetes.io/max-replicas: \"3\"
    deployment.kubernetes.io/revision: \"1\"
  creationTimestamp: \"2026-11-20T10:00:00Z\"
  generation: 1
  labels:
    app: web
    pod-template-hash: 7d9c6b5f4
  name: web-7d9c6b5f4
  namespace: default
  resourceVersion: \"1234\"
  uid: 5b1c3e0a-1111-4a2b-9c3d-0e0f1a2b3c4d
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      pod-template-hash: 7d9c6b5f4
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
        pod-template-hash: 7d9c6b5f4
    spec:
      containers:
      - image: nginx:1.25
        imagePullPolicy: IfNotPresent
        name: c
        ports:
        - containerPort: 80
          protocol: TCP
        readinessProbe:
          failureThreshold: 3
          httpGet:
            path: /
            port: 80
            scheme: HTTP
          periodSeconds: 10
          successThreshold: 1
          timeoutSeconds: 1
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
      volumes:
      - configMap:
          defaultMode: 420
          name: web
        name: conf
status:
  replicas: 3
";

// pkg/controller/deployment/util/deployment_util.go FindNewReplicaSet → EqualIgnoreHash compares
// two stored templates: both defaulted (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec,
// SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_ResourceList,
// ConfigMap defaultMode, ports' protocol), pod-template-hash dropped: an exported ReplicaSet
// beside its Deployment as written is the new one, scaled to the Deployment's 2
#[test]
fn find_new_replica_set_equal_ignore_hash_compares_defaulted_templates() {
    let r = run(&format!("{DEPLOY}{EXPORTED_RS}"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(owned(&r, "ReplicaSet/web-7d9c6b5f4").len(), 2, "{:?}", r.pods.iter().map(|p| (&p.pod.name, &p.pod.owner)).collect::<Vec<_>>());
    assert!(owned(&r, "Deployment/web").is_empty());
    assert!(r.diagnostics.iter().any(|d| d.code == "AdoptedReplicaSet" && d.message.contains("is its new one")));
    // diffsweep4 W1: only imagePullPolicy IfNotPresent written on a tagged image
    let w1 = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: \"nginx:1.25\"}]}\n---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-same, labels: {app: web}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: \"nginx:1.25\", imagePullPolicy: IfNotPresent}]}\n";
    let r = run(w1);
    assert_eq!(owned(&r, "ReplicaSet/web-same").len(), 2);
    // an untagged image defaults to Always (parsers.ParseImageName: tag latest): IfNotPresent written differs
    let r = run(&w1.replace("\"nginx:1.25\"", "nginx"));
    assert!(owned(&r, "ReplicaSet/web-same").is_empty());
    assert_eq!(owned(&r, "Deployment/web").len(), 2);
}

// the same exported ReplicaSet with another image is an old ReplicaSet: scaled to 0, and the
// Deployment makes its own pods
#[test]
fn find_new_replica_set_another_image_stays_old() {
    let r = run(&format!("{DEPLOY}{}", EXPORTED_RS.replace("image: nginx:1.25", "image: nginx:1.24")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(owned(&r, "ReplicaSet/web-7d9c6b5f4").is_empty());
    assert_eq!(owned(&r, "Deployment/web").len(), 2);
    // a default written otherwise (terminationGracePeriodSeconds 60) is a different template too
    let r = run(&format!("{DEPLOY}{}", EXPORTED_RS.replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 60")));
    assert!(owned(&r, "ReplicaSet/web-7d9c6b5f4").is_empty());
    // a request by another value (cpu 200m) too; 0.1 and 100m are the same quantity
    let r = run(&format!("{DEPLOY}{}", EXPORTED_RS.replace("cpu: 100m", "cpu: 200m")));
    assert!(owned(&r, "ReplicaSet/web-7d9c6b5f4").is_empty());
}

fn init_resize(pod_restart: &str, init_extra: &str, policy: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n{pod_restart}  initContainers:\n  - name: init\n    image: busybox:1.36\n{init_extra}    resizePolicy:\n{policy}  containers:\n  - name: c\n    image: nginx:1.25\n")
}

// pkg/apis/core/validation/validation.go validateInitContainers → validateContainerCommon →
// validateResizePolicy: an init container's resizePolicy is validated as a container's (its
// words, errors at the list's path); `must not be set for init containers` only without
// opts.AllowSidecarResizePolicy (feature gate InPlacePodVerticalScaling, on since 1.33)
#[test]
fn validate_init_containers_validate_resize_policy() {
    // a sidecar (restartPolicy: Always) and a plain init container may both carry a valid one
    let sidecar = init_resize("", "    restartPolicy: Always\n", "    - resourceName: cpu\n      restartPolicy: NotRequired\n");
    assert!(errors(&run(&sidecar)).is_empty(), "{:?}", errors(&run(&sidecar)));
    let plain = init_resize("", "", "    - resourceName: memory\n      restartPolicy: RestartContainer\n");
    assert!(errors(&run(&plain)).is_empty(), "{:?}", errors(&run(&plain)));
    // a misspelt policy, an unknown resource, a repeated one
    let bad = init_resize("", "    restartPolicy: Always\n", "    - resourceName: cpu\n      restartPolicy: NotRequire\n    - resourceName: storage\n      restartPolicy: NotRequired\n    - resourceName: cpu\n      restartPolicy: NotRequired\n");
    assert_eq!(
        errors(&run(&bad)),
        vec![
            "spec.initContainers[0].resizePolicy: Unsupported value: \"NotRequire\": supported values: \"NotRequired\", \"RestartContainer\"".to_string(),
            "spec.initContainers[0].resizePolicy: Unsupported value: \"storage\": supported values: \"cpu\", \"memory\"".to_string(),
            "spec.initContainers[0].resizePolicy[2]: Duplicate value: \"cpu\"".to_string(),
        ]
    );
    // the pod's restartPolicy Never: only NotRequired
    let never = init_resize("  restartPolicy: Never\n", "", "    - resourceName: cpu\n      restartPolicy: RestartContainer\n");
    assert_eq!(errors(&run(&never)), vec!["spec.initContainers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'".to_string()]);
}

fn sts(strategy: &str) -> String {
    format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {{matchLabels: {{app: db}}}}\n{strategy}  template:\n    metadata:\n      labels: {{app: db}}\n    spec:\n      containers:\n      - name: c\n        image: postgres:16\n")
}

// pkg/registry/apps/statefulset/strategy.go PrepareForCreate → dropStatefulSetDisabledFields:
// MaxUnavailableStatefulSet is alpha and off in 1.34 (pkg/features/kube_features.go; beta, on,
// from 1.35), so rollingUpdate.maxUnavailable is cleared before ValidateStatefulSetSpec: no value
// of it is refused, and an error quoting the rollingUpdate renders it null
#[test]
fn validate_rolling_update_stateful_set_max_unavailable_dropped_with_the_gate_off() {
    for v in ["0", "-1", "\"150%\"", "\"abc\"", "2", "\"50%\""] {
        let text = sts(&format!("  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {v}\n"));
        let r = run(&text);
        assert!(errors(&r).is_empty(), "{v}: {:?}", errors(&r));
        assert_eq!(owned(&r, "StatefulSet/db").len(), 2, "{v}");
    }
    let on_delete = sts("  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 1\n      maxUnavailable: 2\n");
    assert_eq!(errors(&run(&on_delete)), vec!["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'".to_string()]);
}

// pkg/apis/apps/validation/validation.go validateRollingUpdateStatefulSet with the gate on (as in
// 1.35): ValidatePositiveIntOrPercent, `cannot be 0`, IsNotMoreThan100Percent
#[test]
fn validate_rolling_update_stateful_set_max_unavailable_with_the_gate_on() {
    let check = |v: &str| -> Vec<String> {
        let (doc, _) = super::yaml::parse_stream(&format!("maxUnavailable: {v}\npartition: 0\n"));
        let root = doc[0].root.clone().unwrap();
        let mut errs = Vec::new();
        super::podfields::sts_rolling_update_gated(&root, true, &|_| super::yaml::Pos::default(), &mut errs);
        errs.iter().map(|d| d.message.clone()).collect()
    };
    let f = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    assert!(check("2").is_empty() && check("\"50%\"").is_empty() && check("\"100%\"").is_empty());
    assert_eq!(check("0"), vec![format!("{f}: Invalid value: 0: cannot be 0")]);
    assert_eq!(check("\"0%\""), vec![format!("{f}: Invalid value: \"0%\": cannot be 0")]);
    assert_eq!(check("-1"), vec![format!("{f}: Invalid value: -1: must be greater than or equal to 0")]);
    assert_eq!(check("\"150%\""), vec![format!("{f}: Invalid value: \"150%\": must not be greater than 100%")]);
    assert_eq!(
        check("\"abc\""),
        vec![
            format!("{f}: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
            format!("{f}: Invalid value: \"abc\": cannot be 0"),
        ]
    );
}

const JOB_INDEXED: &str = "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: batch\nspec:\n  manualSelector: true\n  selector: {matchLabels: {app: batch}}\n  completionMode: Indexed\n  completions: 4\n  parallelism: 3\n  template:\n    metadata:\n      labels: {app: batch}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n";

fn indexed_pod(name: &str, index: Option<&str>, extra_meta: &str, status: &str) -> String {
    let ann = index.map_or(String::new(), |i| format!("  annotations: {{batch.kubernetes.io/job-completion-index: \"{i}\"}}\n"));
    format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: batch}}\n{ann}{extra_meta}spec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox:1.36\n{status}")
}

fn job_index(r: &Report, name: &str) -> Option<String> {
    let p = r.pods.iter().find(|p| p.pod.name == name)?;
    p.pod.labels.iter().find(|(k, _)| k == "batch.kubernetes.io/job-completion-index").map(|(_, v)| v.clone())
}

// pkg/controller/job/indexed_job_utils.go getCompletionIndex (the annotation, Atoi, not negative),
// appendDuplicatedIndexPodsForRemoval (no index, one ≥ completions, a repeated one: deleted),
// firstPendingIndexes (the lowest indexes no kept pod holds and none succeeded are created),
// calculateSucceededIndexes (a Succeeded pod's index counts with the job-tracking finalizer)
#[test]
fn indexed_job_get_completion_index_keeps_adopted_pods_as_their_index() {
    // index 1 and "+2" (Atoi) kept; "x", "-1", "7" (≥ completions 4) and a second 1 deleted
    let text = [
        indexed_pod("a1", Some("1"), "", ""),
        indexed_pod("a2", Some("+2"), "", ""),
        indexed_pod("bad", Some("x"), "", ""),
        indexed_pod("neg", Some("-1"), "", ""),
        indexed_pod("far", Some("7"), "", ""),
        indexed_pod("dup", Some("1"), "", ""),
        indexed_pod("none", None, "", ""),
        JOB_INDEXED.to_string(),
    ]
    .concat();
    let r = run(&text);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let mine = owned(&r, "Job/batch");
    assert!(mine.contains(&"a1") && mine.contains(&"a2"), "{mine:?} {:?} {:?}", r.pods.iter().map(|p| (&p.pod.name, &p.pod.owner)).collect::<Vec<_>>(), r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    for gone in ["bad", "neg", "far", "none"] {
        assert!(!r.pods.iter().any(|p| p.pod.name == gone), "{gone} kept: {mine:?}");
    }
    // of the two with index 1, one stays (ActivePods: equal ranks, the earlier kept)
    assert_eq!(mine.iter().filter(|n| **n == "a1" || **n == "dup").count(), 1, "{mine:?}");
    // parallelism 3: two kept, one created for the lowest pending index 0
    let created: Vec<&str> = mine.iter().copied().filter(|n| n.starts_with("batch-")).collect();
    assert_eq!(created.len(), 1, "{mine:?}");
    assert_eq!(job_index(&r, created[0]).as_deref(), Some("0"));
    let note = r.diagnostics.iter().find(|d| d.code == "AdoptedPods").expect("note");
    assert!(note.message.contains("so it creates 1 more"), "{}", note.message);

    // status.completedIndexes 0 and a Succeeded pod of index 2 with the job-tracking finalizer:
    // succeeded 2, wantActive min(4 − 2, 3) = 2; pod a1 (index 1) kept, index 3 created
    let tracked = "  finalizers: [batch.kubernetes.io/job-tracking]\n";
    let job = JOB_INDEXED.to_string() + "status:\n  completedIndexes: \"0\"\n";
    let text = [indexed_pod("a1", Some("1"), "", ""), indexed_pod("s2", Some("2"), tracked, "status:\n  phase: Succeeded\n"), job.clone()].concat();
    let r = run(&text);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let mine = owned(&r, "Job/batch");
    let created: Vec<&str> = mine.iter().copied().filter(|n| n.starts_with("batch-")).collect();
    assert!(mine.contains(&"a1"), "{mine:?}");
    assert_eq!(created.iter().map(|n| job_index(&r, n).unwrap_or_default()).collect::<Vec<_>>(), vec!["3".to_string()], "{mine:?}");
    // without the finalizer the Succeeded pod is not counted: succeeded 1, wantActive 3, indexes 2 and 3 created
    let text = [indexed_pod("a1", Some("1"), "", ""), indexed_pod("s2", Some("2"), "", "status:\n  phase: Succeeded\n"), job].concat();
    let r = run(&text);
    let mine = owned(&r, "Job/batch");
    let mut ix: Vec<String> = mine.iter().filter(|n| n.starts_with("batch-")).map(|n| job_index(&r, n).unwrap_or_default()).collect();
    ix.sort();
    assert_eq!(ix, vec!["2".to_string(), "3".to_string()], "{mine:?}");
}

fn crd(spec_schema: &str) -> String {
    format!("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gateways.net.example.com\nspec:\n  group: net.example.com\n  scope: Namespaced\n  names: {{plural: gateways, kind: Gateway}}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {spec_schema}\n")
}

fn crd_errs(spec_schema: &str) -> Vec<String> {
    errors(&run(&crd(spec_schema)))
}

const P: &str = "spec.validation.openAPIV3Schema.properties[spec]";

fn format_errs(format: &str, value: &str) -> Vec<String> {
    crd_errs(&format!("{{type: object, properties: {{f: {{type: string, format: {format}, default: {value}}}}}}}"))
}

fn refused(format: &str, shown: &str) -> Vec<String> {
    vec![format!("{P}.properties[f].default: Invalid value: \"{shown}\":  in body must be of type {format}: \"{shown}\"")]
}

// kube-openapi validate/formats.go formatValidator → strfmt (pkg/validation/strfmt/default.go
// IsHostname, IsEmail, govalidator.IsRequestURI, isCIDR, govalidator.IsBase64; duration.go
// IsDuration; go-openapi time.go IsDateTime) → errors.InvalidType, as
// apiextensions-apiserver ValidateDefaults reports it
#[test]
fn validate_defaults_strfmt_formats() {
    for (format, ok, bad) in [
        ("hostname", &["localhost", "a-b", "gateway.example.com", "x1.example.io"][..], &["my-host", "-a.com", "a..com", "example.c0m", "a.b."][..]),
        ("email", &["ops@example.com", "first.last+tag@mail.example.org"][..], &["ops", "ops@", "@example.com", "a..b@example.com", "a@b@c"][..]),
        ("uri", &["https://example.com/path", "/relative/path", "mailto:ops", "http://example.com:8080/a%20b"][..], &["example.com/path", "relative", "http://example.com/%zz"][..]),
        ("cidr", &["10.0.0.0/8", "010.0.0.0/16", "fd00::/64", "10.0.0.0/00000008"][..], &["10.0.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x"][..]),
        ("date-time", &["2024-05-01T10:00:00Z", "2024-05-01t10:00:00.123+02:00"][..], &["2024-05-01", "2024-05-01T25:00:00Z", "2024-05-01T10:00:00", "2024-13-01T10:00:00Z"][..]),
        ("duration", &["30s", "1h30m", "1.5h", "0", "3 days", "10 min"][..], &["30", "soon", "1x", "h"][..]),
        ("byte", &["aGVsbG8=", "aGk=", "YWJj"][..], &["hello", "aGVsbG8", "a=bc"][..]),
    ] {
        for v in ok {
            assert!(format_errs(format, &format!("\"{v}\"")).is_empty(), "{format} {v}: {:?}", format_errs(format, &format!("\"{v}\"")));
        }
        for v in bad {
            assert_eq!(format_errs(format, &format!("\"{v}\"")), refused(format, v), "{format} {v}");
        }
    }
    // a value the checks here do not model is not judged (a display-name email, a unicode hostname)
    assert!(format_errs("email", "\"Ops <ops@example.com>\"").is_empty());
    assert!(format_errs("hostname", "\"bücher.example\"").is_empty());
}

// kube-openapi validate/validator.go numberValidator: multipleOf first (values.go MultipleOfInt
// for an integer, MultipleOf for a float: errors.NotMultipleOf "should be a multiple of %v"),
// then minimum, maximum; pattern: no Go regexp engine here, so a default's pattern is not judged;
// uniqueItems: true is refused on the schema itself (ValidateCustomResourceDefinitionOpenAPISchema),
// so no default meets it
#[test]
fn validate_defaults_multiple_of_and_unjudged_pattern() {
    assert!(crd_errs("{type: object, properties: {count: {type: integer, multipleOf: 5, default: 15}}}").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {count: {type: integer, multipleOf: 5, minimum: 20, default: 12}}}"),
        vec![
            format!("{P}.properties[count].default: Invalid value: 12:  in body should be a multiple of 5"),
            format!("{P}.properties[count].default: Invalid value: 12:  in body should be greater than or equal to 20"),
        ]
    );
    assert!(crd_errs("{type: object, properties: {ratio: {type: number, multipleOf: 0.5, default: 1.5}}}").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {ratio: {type: number, multipleOf: 0.5, default: 1.25}}}"),
        vec![format!("{P}.properties[ratio].default: Invalid value: 1.25:  in body should be a multiple of 0.5")]
    );
    assert!(crd_errs("{type: object, properties: {s: {type: string, pattern: \"^[a-z]+$\", default: \"NOT-LOWER\"}}}").is_empty());
}
