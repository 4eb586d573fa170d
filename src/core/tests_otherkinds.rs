//! The built-in kinds Switchboard does not draw but validates as the API server does (core::rbac,
//! core::storage, core::quota, core::scheduling, ingress::validate_class, configdata's
//! ServiceAccount): each test names the upstream function (kubernetes/kubernetes unless said) and
//! asserts the server's exact words at their line:column; real manifests from public
//! repositories (tests/fixtures/real) stay accepted, and every such object keeps its IgnoredKind
//! note (not drawn).

use super::diag::Severity;
use super::tests::{errors, run};

/// (line, column, message) of every error.
fn refusals(src: &str) -> Vec<(u32, u32, String)> {
    let r = run(src);
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.line, d.column, d.message.clone())).collect()
}

fn accepted(src: &str, not_drawn: usize) {
    let r = run(src);
    let loud: Vec<_> = r.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| (d.line, d.message.clone())).collect();
    assert!(loud.is_empty(), "{loud:?}");
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "IgnoredKind").count(), not_drawn);
}

const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

// Real manifests (Apache-2.0; sources in each file's header): ingress-nginx's cloud deploy
// (ServiceAccounts, Roles, ClusterRoles, bindings, an IngressClass), metrics-server's RBAC
// (aggregated ClusterRoles, nonResourceURLs), kube-prometheus's Prometheus RBAC (a RoleList and a
// RoleBindingList), rook's CSI StorageClass and claims (dataSource, volumeMode Block): no error,
// no warning, and the kinds validated here are still only read (IgnoredKind), not drawn.
#[test]
fn real_manifests_of_the_unmodelled_kinds_are_accepted() {
    accepted(include_str!("../../tests/fixtures/real/ingress-nginx-deploy-cloud.yaml"), 13);
    accepted(include_str!("../../tests/fixtures/real/metrics-server-rbac.yaml"), 6);
    accepted(include_str!("../../tests/fixtures/real/kube-prometheus-rbac.yaml"), 11);
    accepted(include_str!("../../tests/fixtures/real/rook-csi-rbd-storage.yaml"), 6);
}

// strict decoding (sigs.k8s.io/json UnmarshalStrict through the generated tables): the typo is
// refused before validation runs, so the bad name is not reached (apiserver handlers/rest.go
// transformDecodeError)
#[test]
fn persistent_volume_claim_unknown_field_is_a_strict_decoding_error() {
    let src = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: Data_1\nspec:\n  accesModes: [ReadWriteOnce]\n";
    assert_eq!(
        refusals(src),
        vec![(6, 3, "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field \"spec.accesModes\"".to_string())]
    );
    assert!(run(src).diagnostics.iter().any(|d| d.hint.as_deref() == Some("did you mean \"accessModes\"?")));
    assert!(!run(src).diagnostics.iter().any(|d| d.code == "IgnoredKind"));
}

// pkg/apis/core/validation ValidatePersistentVolumeClaim (ValidatePersistentVolumeName:
// NameIsDNSSubdomain) → ValidatePersistentVolumeClaimSpec: accessModes required and supported
// (sets.List order), ReadWriteOncePod alone, resources.requests[storage] required (field path
// `spec.resources[storage]`) and positive (ValidatePositiveQuantityValue), storageClassName a
// class name, volumeMode Block/Filesystem, validateDataSource on dataSource and — copied there by
// NormalizeDataSources — on dataSourceRef
#[test]
fn validate_persistent_volume_claim_spec() {
    let src = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: Data_1\nspec:\n  accessModes: [ReadWriteOncePod, ReadWriteOnce]\n  volumeMode: block\n  storageClassName: Fast_SSD\n  dataSource:\n    name: snap\n    kind: VolumeSnapshot\n";
    assert_eq!(
        refusals(src),
        vec![
            (4, 9, format!("metadata.name: Invalid value: \"Data_1\": {SUBDOMAIN}")),
            (6, 3, "spec.resources[storage]: Required value".to_string()),
            (6, 16, "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes".to_string()),
            (7, 15, "spec.volumeMode: Unsupported value: \"block\": supported values: \"Block\", \"Filesystem\"".to_string()),
            (8, 21, format!("spec.storageClassName: Invalid value: \"Fast_SSD\": {SUBDOMAIN}")),
            (11, 11, "spec.dataSource: Invalid value: \"VolumeSnapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup".to_string()),
            (11, 11, "spec.dataSourceRef: Invalid value: \"VolumeSnapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup".to_string()),
        ]
    );
    let src = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnly]\n  resources:\n    requests:\n      storage: 0\n";
    assert_eq!(
        refusals(src),
        vec![
            (5, 17, "spec.accessModes: Unsupported value: \"ReadWriteOnly\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"".to_string()),
            (8, 16, "spec.resources[storage]: Invalid value: \"0\": must be greater than zero".to_string()),
        ]
    );
    let src = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {}\n";
    assert_eq!(errors(&run(src)), vec!["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"]);
    accepted("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n  resources: {requests: {storage: 1Gi}}\n", 1);
}

// pkg/apis/rbac/validation ValidateRoleBinding after SetDefaults_RoleBinding (an empty
// roleRef.apiGroup is the RBAC group): with no roleRef, kind "" is NotSupported and name Required;
// validateRoleBindingSubject: a ServiceAccount's apiGroup must be "" (SetDefaults_Subject leaves
// it so)
#[test]
fn validate_role_binding_without_role_ref() {
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\n  namespace: default\nsubjects:\n- kind: ServiceAccount\n  name: app\n  apiGroup: rbac.authorization.k8s.io\n";
    assert_eq!(
        refusals(src),
        vec![
            (1, 1, "roleRef.kind: Unsupported value: \"\": supported values: \"Role\", \"ClusterRole\"".to_string()),
            (1, 1, "roleRef.name: Required value".to_string()),
            (9, 13, "subjects[0].apiGroup: Unsupported value: \"rbac.authorization.k8s.io\": supported values: \"\"".to_string()),
        ]
    );
    let r = run(src);
    assert!(r.diagnostics.iter().all(|d| d.object.as_deref() == Some("RoleBinding/default/read-pods")));
    let fixed = src.replace("  apiGroup: rbac.authorization.k8s.io\n", "roleRef: {kind: Role, name: pod-reader}\n");
    accepted(&fixed, 1);
}

// ValidateClusterRoleBinding: roleRef kind ClusterRole only, a ServiceAccount subject needs its
// namespace, a subject kind is ServiceAccount/User/Group (ValidateRoleBindingSubject; a User
// with no name is only Required); roleRef.apiGroup NotSupported; roleRef.name a path segment name
// (ValidateRBACName); the namespaced binding's namespace a DNS-1123 label
#[test]
fn validate_cluster_role_binding_and_subjects() {
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: x\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: app\n- kind: user\n  name: jane\n";
    assert_eq!(
        refusals(src),
        vec![
            (7, 9, "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"".to_string()),
            (10, 3, "subjects[0].namespace: Required value".to_string()),
            (12, 9, "subjects[1].kind: Unsupported value: \"user\": supported values: \"ServiceAccount\", \"User\", \"Group\"".to_string()),
        ]
    );
    assert!(run(src).diagnostics.iter().filter(|d| d.severity == Severity::Error).all(|d| d.object.as_deref() == Some("ClusterRoleBinding/x")));
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: Bad_NS\nroleRef:\n  apiGroup: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  name: \"..\"\nsubjects:\n- kind: User\n- kind: ServiceAccount\n  name: Web_SA\n";
    let label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    assert_eq!(
        refusals(src),
        vec![
            (5, 14, format!("metadata.namespace: Invalid value: \"Bad_NS\": {label}")),
            (7, 13, "roleRef.apiGroup: Unsupported value: \"rbac.authorization.k8s.io/v1\": supported values: \"rbac.authorization.k8s.io\"".to_string()),
            (9, 9, "roleRef.name: Invalid value: \"..\": may not be '..'".to_string()),
            (11, 3, "subjects[0].name: Required value".to_string()),
            (13, 9, format!("subjects[1].name: Invalid value: \"Web_SA\": {SUBDOMAIN}")),
        ]
    );
}

// ValidatePolicyRule: verbs required; nonResourceURLs not in a namespaced Role and never with
// resources (the value printed as its JSON); resourceNames may go with several resources
// (metallb-native's and tekton's ClusterRoles do); ClusterRole's aggregationRule needs a
// selector, each a valid label selector; names are path segment names (ValidateRBACName); a
// cluster-scoped object's metadata.namespace is dropped before validation (apiserver
// rest/create.go BeforeCreate → EnsureObjectNamespaceMatchesRequestNamespace)
#[test]
fn validate_policy_rule_and_rbac_names() {
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n- nonResourceURLs: [\"/healthz\"]\n  verbs: [get]\n";
    assert_eq!(
        refusals(src),
        vec![
            (6, 3, "rules[0].verbs: Required value: verbs must contain at least one value".to_string()),
            (8, 20, "rules[1].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply to non-resource URLs".to_string()),
        ]
    );
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: a/b\n  namespace: Bad_NS\nrules:\n- apiGroups: [\"\"]\n  resources: [pods, services]\n  resourceNames: [x]\n  verbs: [get]\n- nonResourceURLs: [\"/metrics\"]\n  resources: [pods]\n  verbs: [get]\naggregationRule: {}\n";
    assert_eq!(
        refusals(src),
        vec![
            (4, 9, "metadata.name: Invalid value: \"a/b\": may not contain '/'".to_string()),
            (11, 20, "rules[1].nonResourceURLs: Invalid value: [\"/metrics\"]: rules cannot apply to both regular resources and non-resource URLs".to_string()),
            (14, 18, "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil".to_string()),
        ]
    );
    let src = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {rbac.example.com/aggregate-to-monitoring: \"yes please\"}\n";
    assert_eq!(
        refusals(src),
        vec![(6, 18, "aggregationRule.clusterRoleSelectors[0].matchLabels: Invalid value: \"yes please\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string())]
    );
    // fixed: the namespace of a ClusterRole is no error (dropped), a name with a dot or capitals is fine
    accepted("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:Metrics.Reader\n  namespace: Bad_NS\nrules:\n- nonResourceURLs: [\"/metrics\"]\n  verbs: [get]\n", 1);
}

// pkg/apis/storage/validation ValidateStorageClass after SetDefaults_StorageClass:
// validateProvisioner (Required; a qualified name once lower-cased, shown lower-cased),
// validateParameters (no empty key), validateReclaimPolicy (Delete, Retain),
// validateVolumeBindingMode
#[test]
fn validate_storage_class() {
    let src = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: \"\"\nreclaimPolicy: Recycle\nvolumeBindingMode: WaitForFirstconsumer\n";
    assert_eq!(
        refusals(src),
        vec![
            (5, 14, "provisioner: Required value".to_string()),
            (6, 16, "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"".to_string()),
            (7, 20, "volumeBindingMode: Unsupported value: \"WaitForFirstconsumer\": supported values: \"Immediate\", \"WaitForFirstConsumer\"".to_string()),
        ]
    );
    let src = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: s\nprovisioner: Kubernetes.io/AWS EBS\nparameters:\n  \"\": x\n";
    assert_eq!(
        refusals(src),
        vec![
            (5, 14, "provisioner: Invalid value: \"kubernetes.io/aws ebs\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".to_string()),
            (7, 3, "parameters: Invalid value: \"\": field can not be empty.".to_string()),
        ]
    );
    assert!(run(src).diagnostics.iter().filter(|d| d.severity == Severity::Error).all(|d| d.object.as_deref() == Some("StorageClass/s")));
    accepted("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: standard}\nprovisioner: Kubernetes.io/AWS-EBS\nparameters: {type: gp3}\n", 1);
}

// pkg/apis/networking/validation ValidateIngressClass → validateIngressClassSpec: the controller a
// domain-prefixed path (apimachinery util/validation IsDomainPrefixedPath: the host a DNS
// subdomain, the path's characters), validateIngressClassParametersReference (kind required,
// scope Namespace needs a namespace)
#[test]
fn validate_ingress_class_spec() {
    let src = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: nginx\n";
    assert_eq!(refusals(src), vec![(6, 15, "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")".to_string())]);
    let src = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: c\nspec:\n  controller: Example.com/ingress controller\n  parameters:\n    kind: \"\"\n    name: p\n    scope: Namespace\n";
    assert_eq!(
        refusals(src),
        vec![
            (6, 15, format!("spec.controller: Invalid value: \"Example.com\": {SUBDOMAIN}")),
            (6, 15, "spec.controller: Invalid value: \"ingress controller\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')".to_string()),
            (8, 5, "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'".to_string()),
            (8, 11, "spec.parameters.kind: Required value: kind is required".to_string()),
        ]
    );
    accepted("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec:\n  controller: k8s.io/ingress-nginx\n  parameters: {apiGroup: k8s.example.com, kind: IngressParameters, name: external-lb}\n", 1);
}

// pkg/apis/scheduling/validation ValidatePriorityClass: a user value at most 1000000000, the
// `system-` prefix reserved (pkg/apis/scheduling/v1 helpers.go IsKnownSystemPriorityClass),
// ValidatePreemptionPolicy
#[test]
fn validate_priority_class() {
    let src = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 2000000000\npreemptionPolicy: never\n";
    assert_eq!(
        refusals(src),
        vec![
            (5, 8, "value: Forbidden: maximum allowed value of a user defined priority is 1000000000".to_string()),
            (6, 19, "preemptionPolicy: Unsupported value: \"never\": supported values: \"PreemptLowerPriority\", \"Never\"".to_string()),
        ]
    );
    let src = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: system-high\nvalue: 5\n";
    assert_eq!(
        errors(&run(src)),
        vec!["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class"]
    );
    accepted("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high-priority}\nvalue: 1000000\nglobalDefault: false\npreemptionPolicy: Never\n", 1);
}

// pkg/apis/core/validation ValidateLimitRange after SetDefaults_LimitRangeItem (a Container
// item's default ← max, defaultRequest ← default): defaultRequest 2Gi over the max and the
// defaulted default; the ratio against max/min (printed %f); no default on a Pod item; a PVC item
// needs a storage min or max; a type once; validateLimitRangeTypeName
#[test]
fn validate_limit_range_after_its_defaults() {
    let src = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    max:\n      memory: 1Gi\n    defaultRequest:\n      memory: 2Gi\n";
    assert_eq!(
        errors(&run(src)),
        vec![
            "spec.limits[0].defaultRequest[memory]: Invalid value: \"2Gi\": default request value 2Gi is greater than max value 1Gi",
            "spec.limits[0].defaultRequest[memory]: Invalid value: \"2Gi\": default request value 2Gi is greater than default limit value 1Gi",
        ]
    );
    let src = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    min: {cpu: 100m}\n    max: {cpu: 200m}\n    maxLimitRequestRatio: {cpu: \"3\"}\n  - type: Pod\n    default: {cpu: 1}\n  - type: PersistentVolumeClaim\n    max: {memory: 1Gi}\n  - type: Container\n  - type: gpu\n    max: {nvidia.com/gpu: 2}\n";
    assert_eq!(
        refusals(src),
        vec![
            (9, 33, "spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: \"3\": ratio 3 is greater than max/min = 2.000000".to_string()),
            (11, 14, "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'".to_string()),
            (12, 5, "spec.limits[2].limits: Required value: either minimum or maximum storage value is required, but neither was provided".to_string()),
            (14, 11, "spec.limits[3].type: Duplicate value: \"Container\"".to_string()),
            (15, 11, "spec.limits[4].type: Invalid value: \"gpu\": must be a standard limit type or fully qualified".to_string()),
        ]
    );
    // the other orderings, and upstream's quirks: `min > default` shows the min, `default > max`
    // shows the max; a defaulted defaultRequest (← default) is checked like a written one
    let src = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    min: {cpu: 500m}\n    max: {cpu: 200m}\n    default: {cpu: 100m}\n    defaultRequest: {cpu: 50m}\n";
    assert_eq!(
        errors(&run(src)),
        vec![
            "spec.limits[0].min[cpu]: Invalid value: \"500m\": min value 500m is greater than max value 200m",
            "spec.limits[0].default[cpu]: Invalid value: \"500m\": min value 500m is greater than default value 100m",
            "spec.limits[0].defaultRequest[cpu]: Invalid value: \"50m\": min value 500m is greater than default request value 50m",
        ]
    );
    let src = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\nspec:\n  limits:\n  - type: Container\n    max: {cpu: 1}\n    default: {cpu: 2}\n";
    assert_eq!(
        errors(&run(src)),
        vec![
            "spec.limits[0].defaultRequest[cpu]: Invalid value: \"2\": default request value 2 is greater than max value 1",
            "spec.limits[0].default[cpu]: Invalid value: \"1\": default value 2 is greater than max value 1",
        ]
    );
    accepted("apiVersion: v1\nkind: LimitRange\nmetadata: {name: mem-limit-range}\nspec:\n  limits:\n  - default: {memory: 512Mi}\n    defaultRequest: {memory: 256Mi}\n    max: {memory: 1Gi}\n    min: {memory: 128Mi}\n    type: Container\n", 1);
}

// ValidateResourceQuotaSpec: ValidateResourceQuotaResourceName (validateResourceName, then a
// quota resource), ValidateResourceQuantityValue (not negative; pods a whole number),
// validateResourceQuotaScopes (applicable to the standard hard resources, known, not conflicting)
#[test]
fn validate_resource_quota_spec() {
    let src = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\nspec:\n  hard:\n    pods: \"10.5\"\n    cpus: \"4\"\n    cpu: \"-1\"\n  scopes: [BestEffort, NotBestEffort, Foo]\n";
    let scopes = "[\"BestEffort\",\"NotBestEffort\",\"Foo\"]";
    assert_eq!(
        refusals(src),
        vec![
            (6, 11, "spec.hard[pods]: Invalid value: \"10500m\": must be an integer".to_string()),
            (7, 5, "spec.hard[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified".to_string()),
            (7, 5, "spec.hard[cpus]: Invalid value: \"cpus\": must be a standard resource for quota".to_string()),
            (8, 10, "spec.hard[cpu]: Invalid value: \"-1\": must be greater than or equal to 0".to_string()),
            (9, 11, format!("spec.scopes: Invalid value: {scopes}: unsupported scope applied to resource")),
            (9, 11, format!("spec.scopes: Invalid value: {scopes}: unsupported scope")),
            (9, 11, format!("spec.scopes: Invalid value: {scopes}: conflicting scopes")),
        ]
    );
    accepted("apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute}\nspec:\n  hard: {requests.cpu: \"1\", requests.memory: 1Gi, limits.cpu: \"2\", count/deployments.apps: \"5\", requests.nvidia.com/gpu: 4}\n  scopeSelector:\n    matchExpressions:\n    - {operator: In, scopeName: PriorityClass, values: [high]}\n", 1);
}

// ValidateServiceAccount: ValidateObjectMeta alone (ValidateServiceAccountName: NameIsDNSSubdomain)
#[test]
fn validate_service_account_name() {
    let src = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: My_SA\n";
    assert_eq!(refusals(src), vec![(4, 9, format!("metadata.name: Invalid value: \"My_SA\": {SUBDOMAIN}"))]);
    accepted("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: build-robot}\nsecrets: [{name: Not_A_Checked_Name}]\nautomountServiceAccountToken: false\n", 1);
}

// pkg/apis/core/validation ValidatePersistentVolume → ValidatePersistentVolumeSpec: accessModes
// required, capacity exactly `storage` (the ResourceList shown as its JSON, keys sorted; a missing
// one `null`), one volume type (a later one Forbidden), hostPath `/` not Recycle, a local volume's
// nodeAffinity; kubernetes-up-and-running/examples 16-4-nfs-volume.yaml's shape is accepted
#[test]
fn validate_persistent_volume_spec() {
    let src = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 10Gi\n    cpu: \"1\"\n  persistentVolumeReclaimPolicy: Recycle\n  hostPath:\n    path: /\n  nfs:\n    server: x\n    path: /y\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv2\nspec:\n  accessModes: [ReadWriteOnce]\n  local:\n    path: /mnt/disks/ssd1\n";
    assert_eq!(
        refusals(src),
        vec![
            (6, 3, "spec.accessModes: Required value".to_string()),
            (7, 5, "spec.capacity: Unsupported value: {\"cpu\":\"1\",\"storage\":\"10Gi\"}: supported values: \"storage\"".to_string()),
            (9, 34, "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'".to_string()),
            (13, 5, "spec.nfs: Forbidden: may not specify more than 1 volume type".to_string()),
            (21, 3, "spec.capacity: Required value".to_string()),
            (21, 3, "spec.capacity: Unsupported value: null: supported values: \"storage\"".to_string()),
            (21, 3, "spec.nodeAffinity: Required value: Local volume requires node affinity".to_string()),
        ]
    );
    assert!(run(src).diagnostics.iter().filter(|d| d.severity == Severity::Error).all(|d| d.object.as_deref().is_some_and(|o| o.starts_with("PersistentVolume/pv"))));
    accepted("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: nfs-share\n  labels: {volume: my-volume}\nspec:\n  accessModes: [ReadWriteMany]\n  capacity: {storage: 1Gi}\n  nfs: {server: 192.168.0.1, path: /exports}\n", 1);
    let none = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}\n";
    assert_eq!(errors(&run(none)), vec!["spec: Required value: must specify a volume type"]);
}
