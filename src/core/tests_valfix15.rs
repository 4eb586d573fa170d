//! valfix15: controller adoption of bare Pods, CustomResourceDefinition defaults / webhook
//! client configs / strict decoding, PersistentVolume in-tree sources, a Deployment's checks
//! past an invalid selector. Each test names the upstream function (kubernetes/kubernetes
//! unless said).

use super::config::Config;
use super::tests::{errors, run, run_cfg};

fn pods_of<'a>(r: &'a super::report::Report, owner: &str) -> Vec<&'a str> {
    r.pods.iter().filter(|p| p.pod.owner.as_deref() == Some(owner)).map(|p| p.pod.name.as_str()).collect()
}

fn bare_pod(name: &str, labels: &str, extra: &str) -> String {
    format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {labels}\n{extra}spec:\n  containers:\n  - name: c\n    image: nginx\n")
}

fn workload(kind: &str, api: &str, replicas: u32, selector: &str) -> String {
    format!("---\napiVersion: {api}\nkind: {kind}\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector: {selector}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n")
}

const RS_SELECTOR: &str = "{matchLabels: {app: web}}";

// pkg/controller/replicaset/replica_set.go syncReplicaSet (FilterActivePods, claimPods →
// controller_ref_manager.go ClaimPods) and manageReplicas (diff = len(filteredPods) − replicas):
// a ReplicaSet of 3 with one matching bare Pod adopts it and creates 2
#[test]
fn sync_replica_set_claim_pods_adopts_a_matching_orphan_and_creates_the_rest() {
    for (pod_first, text) in [(true, bare_pod("stray", "{app: web}", "") + &workload("ReplicaSet", "apps/v1", 3, RS_SELECTOR)), (false, workload("ReplicaSet", "apps/v1", 3, RS_SELECTOR) + &bare_pod("stray", "{app: web}", ""))] {
        let r = run(&text);
        assert!(errors(&r).is_empty(), "{:?}", errors(&r));
        let owned = pods_of(&r, "ReplicaSet/web");
        assert_eq!(owned.len(), 3, "pod first {pod_first}: {owned:?}");
        assert!(owned.contains(&"stray"), "{owned:?}");
        assert_eq!(r.pods.len(), 3);
        let note = r.diagnostics.iter().find(|d| d.message.contains("adopts pod stray")).expect("adoption note");
        assert!(note.message.contains("so it creates 2 more"), "{}", note.message);
    }
    // a ReplicationController is the same controller (pkg/controller/replication)
    let r = run(&(workload("ReplicationController", "v1", 2, "{app: web}") + &bare_pod("stray", "{app: web}", "")));
    assert_eq!(pods_of(&r, "ReplicationController/web").len(), 2);
    assert_eq!(r.pods.len(), 2);
}

// ClaimObject: a pod with a controller ownerReference, one being deleted, one Succeeded/Failed
// (IsPodActive), one whose labels do not match, one in another namespace: none adopted
#[test]
fn claim_pods_leaves_controlled_inactive_and_unmatched_pods_alone() {
    let owned = "  ownerReferences:\n  - {apiVersion: apps/v1, kind: ReplicaSet, name: other, uid: u1, controller: true}\n";
    let cases = [
        bare_pod("a", "{app: web}", owned),
        bare_pod("b", "{app: api}", ""),
        bare_pod("c", "{app: web}", "  namespace: other\n"),
        bare_pod("d", "{app: web}", "").replace("    image: nginx\n", "    image: nginx\nstatus: {phase: Succeeded}\n"),
    ];
    for c in cases {
        let r = run(&(workload("ReplicaSet", "apps/v1", 3, RS_SELECTOR) + &c));
        assert_eq!(pods_of(&r, "ReplicaSet/web").len(), 3, "{c}");
        assert!(!r.diagnostics.iter().any(|d| d.message.contains(" adopts ")), "{c}");
    }
    // a non-controller ownerReference leaves it an orphan (metav1.GetControllerOf)
    let r = run(&(workload("ReplicaSet", "apps/v1", 3, RS_SELECTOR) + &bare_pod("e", "{app: web}", &owned.replace("controller: true", "controller: false"))));
    assert!(pods_of(&r, "ReplicaSet/web").contains(&"e"));
    assert_eq!(r.pods.len(), 3);
}

// manageReplicas with diff > 0 → getPodsToDelete (controller_utils.go ActivePodsWithRanks.Less:
// not Ready before Ready): replicas 1 and two matching orphans — it keeps one, deletes the other
#[test]
fn manage_replicas_deletes_adopted_pods_beyond_replicas() {
    let not_ready = "status:\n  phase: Running\n  conditions: [{type: Ready, status: \"False\"}]\n";
    let text = workload("ReplicaSet", "apps/v1", 1, RS_SELECTOR) + &bare_pod("one", "{app: web}", "") + &format!("{}{not_ready}", bare_pod("two", "{app: web}", ""));
    let r = run(&text);
    assert_eq!(pods_of(&r, "ReplicaSet/web"), vec!["one"]);
    assert_eq!(r.pods.len(), 1);
    assert!(r.diagnostics.iter().any(|d| d.message.contains("deletes pod two")), "{:?}", r.diagnostics);
    // replicas 0: both go
    let r = run(&(workload("ReplicaSet", "apps/v1", 0, RS_SELECTOR) + &bare_pod("one", "{app: web}", "") + &bare_pod("two", "{app: web}", "")));
    assert!(r.pods.is_empty(), "{:?}", r.pods.iter().map(|p| &p.pod.name).collect::<Vec<_>>());
}

// an adopted pod deleted (kubectl delete, Config::deleted_pods): the ReplicaSet replaces it
#[test]
fn an_adopted_pod_deleted_is_replaced_by_its_replica_set() {
    let text = workload("ReplicaSet", "apps/v1", 2, RS_SELECTOR) + &bare_pod("stray", "{app: web}", "");
    let r = run_cfg(&text, Config { deleted_pods: vec!["default/stray".into()], ..Config::default() });
    let owned = pods_of(&r, "ReplicaSet/web");
    assert_eq!(owned.len(), 2, "{owned:?}");
    assert!(!owned.contains(&"stray"));
    assert!(r.pods.iter().any(|p| p.pod.replaces.as_deref() == Some("stray")));
}

// deployment/sync.go getNewReplicaSet: the ReplicaSet's selector gets pod-template-hash
// (labelsutil.CloneSelectorAndAddLabel), so a bare Pod without it is no one's: the Deployment
// creates all 3 and the Pod stays bare
#[test]
fn a_deployments_replica_set_does_not_adopt_a_bare_pod_without_pod_template_hash() {
    let r = run(&(workload("Deployment", "apps/v1", 3, RS_SELECTOR) + &bare_pod("stray", "{app: web}", "")));
    assert_eq!(pods_of(&r, "Deployment/web").len(), 3);
    assert_eq!(r.pods.len(), 4);
    assert!(r.pods.iter().any(|p| p.pod.name == "stray" && p.pod.owner.is_none()));
}

// pkg/controller/statefulset/stateful_set.go getPodsForStatefulSet: only a pod of its name and
// ordinal is claimed (isMemberOf); a matching bare pod of another name is left alone
#[test]
fn get_pods_for_stateful_set_claims_only_its_own_ordinals() {
    let sts = workload("StatefulSet", "apps/v1", 2, RS_SELECTOR).replace("  replicas: 2\n", "  replicas: 2\n  serviceName: web\n");
    let r = run(&(sts.clone() + &bare_pod("stray", "{app: web}", "")));
    assert_eq!(pods_of(&r, "StatefulSet/web"), vec!["web-0", "web-1"]);
    assert_eq!(r.pods.len(), 3);
    let r = run(&(sts + &bare_pod("web-1", "{app: web}", "")));
    assert!(r.diagnostics.iter().any(|d| d.message.contains("pod web-1 is written in the input") && d.message.contains("adopts it")));
    assert_eq!(r.pods.len(), 2);
}

// pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: an invalid selector skips only
// ValidatePodTemplateSpecForReplicaSet; ValidateDeploymentStrategy, minReadySeconds,
// revisionHistoryLimit and progressDeadlineSeconds still run (one field.ErrorList)
#[test]
fn validate_deployment_spec_checks_the_strategy_past_an_invalid_selector() {
    let strategy = "  strategy: {type: Bogus}\n  revisionHistoryLimit: -1\n";
    for selector in ["{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: Bad}]}", "{}", "{matchLabels: {app: other}}"] {
        let text = workload("Deployment", "apps/v1", 2, selector).replace("  replicas: 2\n", &format!("  replicas: 2\n{strategy}"));
        let errs = errors(&run(&text));
        assert!(errs.iter().any(|e| e.starts_with("spec.strategy: Unsupported value: {\"Type\":\"Bogus\"")), "{selector}: {errs:?}");
        assert!(errs.iter().any(|e| e == "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"), "{selector}: {errs:?}");
    }
    // no selector at all: Required, the template mismatch (labels.Nothing()), then the rest
    let text = workload("Deployment", "apps/v1", 2, "x").replace("  selector: x\n", "").replace("  replicas: 2\n", &format!("  replicas: -2\n{strategy}"));
    let errs = errors(&run(&text));
    assert!(errs.iter().any(|e| e == "spec.selector: Required value"), "{errs:?}");
    assert!(errs.iter().any(|e| e.starts_with("spec.strategy: Unsupported value")), "{errs:?}");
    assert!(errs.iter().any(|e| e == "spec.replicas: Invalid value: -2: must be greater than or equal to 0"), "{errs:?}");
}

fn crd_with(spec_schema: &str, extra: &str) -> String {
    format!("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {{plural: widgets, kind: Widget}}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {spec_schema}\n{extra}")
}

fn crd_errs(spec_schema: &str, extra: &str) -> Vec<String> {
    errors(&run(&crd_with(spec_schema, extra)))
}

// apiextensions-apiserver pkg/apiserver/schema/defaulting/validation.go ValidateDefaults →
// validate: each default against its node's kube-openapi validator (pkg/apiserver/validation
// ValidateCustomResource, kubeOpenAPIResultToFieldErrors; kube-openapi validate/type.go
// typeValidator, errors.InvalidType's "%s in %s must be of type %s: %q"), and pruned
// ("must not have unknown fields")
#[test]
fn validate_defaults_checks_each_default_against_its_schema() {
    let p = "spec.validation.openAPIV3Schema.properties[spec]";
    assert!(crd_errs("{type: object, properties: {replicas: {type: integer, default: 1}, mode: {type: string, default: a, enum: [a, b]}, ratio: {type: number, default: 2}}}", "").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {replicas: {type: integer, default: one}}}", ""),
        vec![format!("{p}.properties[replicas].default: Invalid value: \"string\":  in body must be of type integer: \"string\"")]
    );
    // an integral float is a JSON integer once converted (sigs.k8s.io/yaml, util/json)
    assert!(crd_errs("{type: object, properties: {replicas: {type: integer, default: 2.0}}}", "").is_empty());
    assert_eq!(
        crd_errs("{type: object, properties: {mode: {type: string, default: c, enum: [a, b]}}}", ""),
        vec![format!("{p}.properties[mode].default: Unsupported value: \"c\": supported values: \"a\", \"b\"")]
    );
    assert_eq!(
        crd_errs("{type: object, properties: {count: {type: integer, minimum: 1, default: 0}}}", ""),
        vec![format!("{p}.properties[count].default: Invalid value: 0:  in body should be greater than or equal to 1")]
    );
    // an object default: its properties by their own schema (name `.port`), and pruned
    assert_eq!(
        crd_errs("{type: object, default: {port: x}, properties: {port: {type: integer}}}", ""),
        vec![format!("{p}.default.port: Invalid value: \"string\": .port in body must be of type integer: \"string\"")]
    );
    assert_eq!(
        crd_errs("{type: object, default: {prot: 1}, properties: {port: {type: integer}}}", ""),
        vec![format!("{p}.default: Invalid value: {{\"prot\":1}}: must not have unknown fields")]
    );
    assert!(crd_errs("{type: object, default: {any: 1}, x-kubernetes-preserve-unknown-fields: true}", "").is_empty());
    assert!(crd_errs("{type: object, default: {any: 1}, additionalProperties: {type: integer}}", "").is_empty());
}

// k8s.io/apiserver pkg/util/webhook/validation.go ValidateWebhookURL (forceHttps) and
// ValidateWebhookService, called by apiextensions validation validateCustomResourceConversion
#[test]
fn validate_custom_resource_conversion_checks_the_webhook_url_and_service() {
    let conv = |client: &str| format!("  conversion:\n    strategy: Webhook\n    webhook:\n      conversionReviewVersions: [v1]\n      clientConfig: {client}\n");
    let f = "spec.conversion.webhookClientConfig";
    assert!(crd_errs("{type: object}", &conv("{url: \"https://conv.example.com/convert\"}")).is_empty());
    assert!(crd_errs("{type: object}", &conv("{service: {name: conv, namespace: system, path: /convert, port: 9443}}")).is_empty());
    assert_eq!(
        crd_errs("{type: object}", &conv("{url: \"http://conv.example.com/x?a=1#top\"}")),
        vec![
            format!("{f}.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]"),
            format!("{f}.url: Invalid value: \"top\": fragments are not permitted in the URL"),
            format!("{f}.url: Invalid value: \"a=1\": query parameters are not permitted in the URL"),
        ]
    );
    assert_eq!(
        crd_errs("{type: object}", &conv("{url: \"https://user@conv\"}")),
        vec![format!("{f}.url: Invalid value: \"user\": user information is not permitted in the URL")]
    );
    assert_eq!(
        crd_errs("{type: object}", &conv("{url: conv.example.com}")),
        vec![
            format!("{f}.url: Invalid value: \"\": 'https' is the only allowed URL scheme; desired format: https://host[/path]"),
            format!("{f}.url: Invalid value: \"\": host must be specified; desired format: https://host[/path]"),
        ]
    );
    // (the path's first character is cut off before the split, '/' or not: segment[1] is "Bad")
    assert_eq!(
        crd_errs("{type: object}", &conv("{service: {name: conv, port: 0, path: convert/Bad}}")),
        vec![
            format!("{f}.service.namespace: Required value"),
            format!("{f}.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive"),
            format!("{f}.service.path: Invalid value: \"convert/Bad\": must start with a '/'"),
            format!("{f}.service.path: Invalid value: \"convert/Bad\": segment[1]: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ]
    );
}

// the strict decoder (sigs.k8s.io/json, apiserver fieldValidation=Strict) over
// apiextensions/v1 CustomResourceDefinition: v1beta1's fields are unknown in v1, as is an
// unknown key of a JSONSchemaProps reached through `properties`
#[test]
fn a_v1_crd_with_v1beta1_fields_is_refused_by_strict_decoding() {
    let prefix = "CustomResourceDefinition in version \"v1\" cannot be handled as a CustomResourceDefinition: strict decoding error: unknown field";
    for (extra, field) in [
        ("  version: v1\n", "spec.version"),
        ("  validation: {openAPIV3Schema: {type: object}}\n", "spec.validation"),
        ("  additionalPrinterColumns: []\n", "spec.additionalPrinterColumns"),
        ("  conversion: {strategy: None, webhookClientConfig: {url: \"https://x\"}}\n", "spec.conversion.webhookClientConfig"),
    ] {
        let errs = crd_errs("{type: object}", extra);
        assert!(errs.iter().any(|e| e.starts_with(&format!("{prefix} \"{field}\""))), "{field}: {errs:?}");
    }
    let errs = crd_errs("{type: object, properties: {a: {type: string, requird: true}}}", "");
    assert!(errs.iter().any(|e| e.starts_with(&format!("{prefix} \"spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.a.requird\""))), "{errs:?}");
    // under items (JSONSchemaPropsOrArray's own UnmarshalJSON, not strict) nothing is said
    assert!(crd_errs("{type: array, items: {type: string, requird: true}}", "").is_empty());
}

fn pv_errors(source: &str) -> Vec<String> {
    errors(&run(&format!("apiVersion: v1\nkind: PersistentVolume\nmetadata: {{name: pv1}}\nspec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n{source}")))
}

// pkg/apis/core/validation/validation.go validateQuobyteVolumeSource and
// validateFlockerVolumeSource, from ValidatePersistentVolumeSpec and validateVolumeSource
#[test]
fn validate_quobyte_and_flocker_volume_sources() {
    assert!(pv_errors("  quobyte: {registry: \"reg:7861,[::1]:7861\", volume: v}\n").is_empty());
    assert_eq!(
        pv_errors("  quobyte: {volume: \"\"}\n"),
        vec!["spec.quobyte.registry: Required value: must be a host:port pair or multiple pairs separated by commas", "spec.quobyte.volume: Required value"]
    );
    assert_eq!(
        pv_errors("  quobyte: {registry: \"reg:7861,reg2\", volume: v}\n"),
        vec!["spec.quobyte.registry: Invalid value: \"reg:7861,reg2\": must be a host:port pair or multiple pairs separated by commas"]
    );
    assert!(pv_errors("  flocker: {datasetName: data}\n").is_empty());
    assert_eq!(pv_errors("  flocker: {}\n"), vec!["spec.flocker: Required value: one of datasetName and datasetUUID is required"]);
    assert_eq!(
        pv_errors("  flocker: {datasetName: a/b, datasetUUID: u}\n"),
        vec!["spec.flocker: Invalid value: \"resource\": datasetName and datasetUUID can not be specified simultaneously", "spec.flocker.datasetName: Invalid value: \"a/b\": must not contain '/'"]
    );
    // a pod's volume: the same function
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n  volumes:\n  - name: q\n    quobyte: {registry: reg, volume: v}\n";
    assert_eq!(errors(&run(pod)), vec!["spec.volumes[0].quobyte.registry: Invalid value: \"reg\": must be a host:port pair or multiple pairs separated by commas"]);
}

// podautoscaler/horizontal.go reconcileAutoscaler: minReplicas above the simulation's pod cap
// (MAX_PODS) once made `clamp(min, max)` panic with min > max; now bounded like max
#[test]
fn an_autoscaler_min_above_the_pod_cap_does_not_panic() {
    let text = workload("Deployment", "apps/v1", 1, RS_SELECTOR)
        + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 30000\n  maxReplicas: 40000\n";
    let r = run(&text);
    assert!(!r.pods.is_empty());
    let text = bare_pod("stray", "{app: web}", "") + &workload("ReplicaSet", "apps/v1", 1, RS_SELECTOR)
        + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: ReplicaSet, name: web}\n  minReplicas: 30000\n  maxReplicas: 40000\n";
    let r = run(&text);
    assert!(r.pods.iter().any(|p| p.pod.name == "stray" && p.pod.owner.as_deref() == Some("ReplicaSet/web")));
}
