//! Strict decoding tests: each names the upstream function it follows (see strict.rs's module
//! doc for the repositories and paths).

use super::*;
use crate::core::schema_gen::list;
use crate::core::yaml::parse_stream;

fn tree(src: &str) -> Node {
    let (docs, errors) = parse_stream(src);
    assert!(errors.is_empty(), "{errors:?}");
    docs.into_iter().next().and_then(|d| d.root).expect("one document")
}

/// kind_root + check on one document, as the caller will do it.
fn strict(src: &str) -> Vec<Diagnostic> {
    let root = tree(src);
    let mut diags = Vec::new();
    duplicate_keys(&root, &mut diags);
    let av = root.get("apiVersion").and_then(|n| n.as_str()).unwrap_or("");
    let kind = root.get("kind").and_then(|n| n.as_str()).unwrap_or("");
    match kind_root(av, kind) {
        KindMatch::Known(ty) => check(&root, ty, &mut diags, "obj"),
        KindMatch::NoMatch => panic!("NoMatch for {av} {kind}"),
        KindMatch::Unmodelled => {}
    }
    diags
}

/// What the API server alone, sent the YAML, answers about each repeated key (the end of each
/// DuplicateKey warning), and each of those warnings' other words (kubectl's answer).
fn server_says(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| {
            assert_eq!(d.code, "DuplicateKey", "{}", d.message);
            assert_eq!(d.severity, Severity::Warning, "{}", d.message);
            d.message.split_once("the API server would refuse the object: ").expect("the server's answer").1.to_string()
        })
        .collect()
}

fn messages(d: &[Diagnostic]) -> Vec<String> {
    d.iter().map(|d| d.message.clone()).collect()
}

/// Our hints, beside the API server's words (qa2 E1).
fn hints(d: &[Diagnostic]) -> Vec<Option<&str>> {
    d.iter().map(|d| d.hint.as_deref()).collect()
}

const SERVICE_SELECTR: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selectr:
    app: web
  ports:
  - port: 80
";

// sigs.k8s.io/json kubernetes_patch.go newFieldError + apimachinery runtime/error.go
// strictDecodingError.Error + apiserver handlers/rest.go transformDecodeError
#[test]
fn new_field_error_unknown_spec_selectr() {
    let d = strict(SERVICE_SELECTR);
    assert_eq!(
        messages(&d),
        vec![
            "Service in version \"v1\" cannot be handled as a Service: strict decoding error: \
             unknown field \"spec.selectr\""
        ]
    );
    assert_eq!(hints(&d), vec![Some("did you mean \"selector\"?")]);
    assert_eq!(d[0].code, "UnknownField");
    assert_eq!(d[0].field.as_deref(), Some("spec.selectr"));
    assert_eq!(d[0].object.as_deref(), Some("obj"));
    assert_eq!((d[0].line, d[0].column), (6, 3));
    assert_eq!(d[0].severity, Severity::Error);
}

// sigs.k8s.io/json json.go UnmarshalCaseSensitivePreserveInts / decode.go object(): with
// caseSensitive set, byFoldedName is not consulted, so a case mismatch is an unknown field
#[test]
fn unmarshal_case_sensitive_targetport() {
    let d = strict(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetport: 8080\n",
    );
    assert_eq!(
        messages(&d),
        vec![
            "Service in version \"v1\" cannot be handled as a Service: strict decoding error: \
             unknown field \"spec.ports[0].targetport\""
        ]
    );
    assert_eq!(hints(&d), vec![Some("did you mean \"targetPort\"?")]);
    assert_eq!((d[0].line, d[0].column), (9, 5));
}

// kubernetes_patch.go appendStrictFieldStackKey: metadata is a struct (ObjectMeta), `label` is not a field
#[test]
fn new_field_error_metadata_label() {
    let d = strict("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  label:\n    app: web\nspec:\n  ports:\n  - port: 80\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.ends_with("unknown field \"metadata.label\""), "{}", d[0].message);
    assert_eq!(hints(&d), vec![Some("did you mean \"labels\"?")]);
}

// kubernetes_patch.go appendStrictFieldStackIndex: list items are `[i]` with no dot; the kind's
// *version* (not group) is printed by transformDecodeError
#[test]
fn append_strict_field_stack_index_container() {
    let src = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicyy: Always
";
    let d = strict(src);
    assert_eq!(
        messages(&d),
        vec![
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: \
             unknown field \"spec.template.spec.containers[0].imagePullPolicyy\""
        ]
    );
    assert_eq!(hints(&d), vec![Some("did you mean \"imagePullPolicy\"?")]);
    assert_eq!((d[0].line, d[0].column), (15, 9));
}

const POD_GET_O_YAML: &str = r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubectl.kubernetes.io/restartedAt: "2026-07-20T10:00:00Z"
  creationTimestamp: "2026-07-20T10:00:05Z"
  generateName: web-7d4b9c8f6d-
  labels:
    app: web
    pod-template-hash: 7d4b9c8f6d
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:generateName: {}
        f:labels:
          .: {}
          f:app: {}
        f:ownerReferences:
          .: {}
          k:{"uid":"5b1e0c1a-3f7e-4a57-9a0e-0d9f1c2b3a4d"}: {}
      f:spec:
        f:containers:
          k:{"name":"web"}:
            .: {}
            f:image: {}
    manager: kube-controller-manager
    operation: Update
    time: "2026-07-20T10:00:05Z"
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:status:
        f:conditions:
          k:{"type":"Ready"}:
            .: {}
            f:status: {}
        f:podIP: {}
    manager: kubelet
    operation: Update
    subresource: status
    time: "2026-07-20T10:00:09Z"
  name: web-7d4b9c8f6d-x2k9p
  namespace: default
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: web-7d4b9c8f6d
    uid: 5b1e0c1a-3f7e-4a57-9a0e-0d9f1c2b3a4d
  resourceVersion: "48213"
  uid: 0f6c8e2a-1b3d-4c5e-8f7a-9b0c1d2e3f4a
spec:
  containers:
  - image: nginx:1.27
    imagePullPolicy: IfNotPresent
    name: web
    ports:
    - containerPort: 8080
      name: http
      protocol: TCP
    readinessProbe:
      failureThreshold: 3
      httpGet:
        path: /healthz
        port: http
        scheme: HTTP
      periodSeconds: 10
      successThreshold: 1
      timeoutSeconds: 1
    resources:
      limits:
        memory: 128Mi
      requests:
        cpu: 100m
        memory: 64Mi
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-8xk2d
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: worker-1
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-8xk2d
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2026-07-20T10:00:07Z"
    observedGeneration: 1
    status: "True"
    type: PodReadyToStartContainers
  - lastProbeTime: null
    lastTransitionTime: "2026-07-20T10:00:05Z"
    status: "True"
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: "2026-07-20T10:00:09Z"
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2026-07-20T10:00:09Z"
    status: "True"
    type: ContainersReady
  - lastProbeTime: null
    lastTransitionTime: "2026-07-20T10:00:05Z"
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://4c1f0e9a7b
    image: docker.io/library/nginx:1.27
    imageID: docker.io/library/nginx@sha256:0a1b2c3d
    lastState:
      terminated:
        containerID: containerd://1a2b3c
        exitCode: 137
        finishedAt: "2026-07-20T09:59:00Z"
        reason: OOMKilled
        startedAt: "2026-07-20T09:00:00Z"
    name: web
    ready: true
    resources:
      limits:
        memory: 128Mi
      requests:
        cpu: 100m
        memory: 64Mi
    restartCount: 1
    started: true
    state:
      running:
        startedAt: "2026-07-20T10:00:07Z"
    user:
      linux:
        gid: 0
        supplementalGroups:
        - 0
        uid: 0
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-8xk2d
      readOnly: true
      recursiveReadOnly: Disabled
  hostIP: 172.18.0.3
  hostIPs:
  - ip: 172.18.0.3
  observedGeneration: 1
  phase: Running
  podIP: 10.244.1.7
  podIPs:
  - ip: 10.244.1.7
  qosClass: Burstable
  startTime: "2026-07-20T10:00:05Z"
"#;

// sigs.k8s.io/json UnmarshalStrict on a whole `kubectl get pod -o yaml`: status, managedFields
// (fieldsV1 is metav1.FieldsV1, any JSON), ownerReferences, conditions — nothing is unknown
#[test]
fn unmarshal_strict_pod_get_o_yaml_is_clean() {
    let d = strict(POD_GET_O_YAML);
    assert!(d.is_empty(), "{:#?}", messages(&d));
}

const DEPLOYMENT_FULL: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels: {app: api, tier: backend}
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: 3
  revisionHistoryLimit: 10
  progressDeadlineSeconds: 600
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels: {app: api}
    matchExpressions:
    - {key: tier, operator: In, values: [backend]}
  template:
    metadata:
      labels: {app: api, tier: backend}
    spec:
      serviceAccountName: api
      automountServiceAccountToken: false
      nodeSelector:
        kubernetes.io/os: linux
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 2000
        seccompProfile: {type: RuntimeDefault}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a, eu-west-1b]}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels: {app: api}
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: api}
      tolerations:
      - {key: dedicated, operator: Equal, value: api, effect: NoSchedule}
      initContainers:
      - name: migrate
        image: registry.example.com/api:1.4.2
        command: [/app/migrate, --up]
        envFrom:
        - secretRef: {name: db}
      containers:
      - name: api
        image: registry.example.com/api:1.4.2
        args: [--port=8080]
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        - {name: metrics, containerPort: 9090}
        env:
        - name: POD_IP
          valueFrom:
            fieldRef: {fieldPath: status.podIP}
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password, optional: false}
        - name: MEM_LIMIT
          valueFrom:
            resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
        - {name: LOG_LEVEL, value: info}
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {memory: 512Mi, ephemeral-storage: 1Gi}
        livenessProbe:
          httpGet: {path: /livez, port: http, httpHeaders: [{name: X-Probe, value: "1"}]}
          initialDelaySeconds: 10
          periodSeconds: 10
        readinessProbe:
          tcpSocket: {port: 8080}
        startupProbe:
          exec:
            command: [cat, /tmp/ready]
          failureThreshold: 30
        lifecycle:
          preStop:
            sleep: {seconds: 5}
          postStart:
            exec: {command: [sh, -c, "echo started"]}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop: [ALL]
        volumeMounts:
        - {name: config, mountPath: /etc/api, readOnly: true}
        - {name: cache, mountPath: /cache}
        - {name: tls, mountPath: /tls}
      volumes:
      - name: config
        configMap:
          name: api-config
          items: [{key: api.yaml, path: api.yaml}]
      - name: cache
        emptyDir: {sizeLimit: 1Gi, medium: Memory}
      - name: tls
        secret: {secretName: api-tls, defaultMode: 0400}
      - name: data
        persistentVolumeClaim: {claimName: api-data}
status:
  availableReplicas: 3
  conditions:
  - lastTransitionTime: "2026-07-20T10:00:00Z"
    lastUpdateTime: "2026-07-20T10:00:00Z"
    message: Deployment has minimum availability.
    reason: MinimumReplicasAvailable
    status: "True"
    type: Available
  observedGeneration: 3
  readyReplicas: 3
  replicas: 3
  updatedReplicas: 3
"#;

// UnmarshalStrict through inline structs (VolumeSource in Volume, ProbeHandler in Probe,
// LifecycleHandler) and map fields (labels, nodeSelector, resources.limits): nothing unknown
#[test]
fn unmarshal_strict_deployment_with_inline_structs_is_clean() {
    let d = strict(DEPLOYMENT_FULL);
    assert!(d.is_empty(), "{:#?}", messages(&d));
}

// go.yaml.in/yaml/v2 decode.go setMapIndex (strict): `line %d: key %#v already set in map`,
// reached through sigs.k8s.io/yaml YAMLToJSONStrict in apimachinery json.go Serializer.unmarshal
#[test]
fn set_map_index_duplicate_port() {
    let src = "\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    port: 8080
";
    let d = strict(src);
    assert_eq!(
        server_says(&d),
        vec!["strict decoding error: yaml: unmarshal errors:\n  line 10: key \"port\" already set in map"]
    );
    // through kubectl: sigs.k8s.io/yaml Unmarshal (non-strict go-yaml v2 decode.go `mapping`)
    // keeps the last value; kubectl v1.32 `annotate --local -f` prints `port: 8080`
    assert!(
        d[0].message.starts_with("key \"port\" is repeated in this mapping (first at line 9): kubectl apply/create keeps the last value, 8080 "),
        "{}",
        d[0].message
    );
    assert_eq!((d[0].line, d[0].column), (10, 5));
    assert_eq!(d[0].field.as_deref(), Some("spec.ports[0].port"));
}

// setMapIndex reports the line of the repeated entry's *value* node (n.children[i+1]); a block
// mapping's node starts at its first key (libyaml BLOCK-MAPPING-START mark)
#[test]
fn set_map_index_reports_the_value_line() {
    let d = strict("apiVersion: v1\nkind: Event\ndata:\n  a: x\ndata:\n  b: y\n");
    assert_eq!(server_says(&d), vec!["strict decoding error: yaml: unmarshal errors:\n  line 6: key \"data\" already set in map"]);
    assert!(d[0].message.contains("keeps the last value (the one at line 6)"), "{}", d[0].message);
    assert_eq!((d[0].line, d[0].column), (5, 1));
}

// duplicate keys are found in every kind, including unmodelled ones (no unknown-field check there:
// a core/v1 Event; ConfigMap and Secret are decoded strictly, see unmodelled_roots)
#[test]
fn set_map_index_unmodelled_kind() {
    let d = strict("apiVersion: v1\nkind: Event\nmetadata: {name: c}\ndata:\n  k: a\n  k: b\nextra: 1\n");
    assert_eq!(server_says(&d), vec!["strict decoding error: yaml: unmarshal errors:\n  line 6: key \"k\" already set in map"]);
    assert!(d[0].message.contains("(first at line 5): kubectl apply/create keeps the last value, \"b\" "), "{}", d[0].message);
}

// go-yaml v2 compares decoded keys: `yes` and `on` are both true (resolve.go), `1` and "1" differ;
// %#v prints a bool key bare
#[test]
fn set_map_index_compares_decoded_keys() {
    let d = strict("apiVersion: v1\nkind: ConfigMap\ndata:\n  yes: a\n  on: b\n  1: c\n  \"1\": d\n");
    assert_eq!(server_says(&d), vec!["strict decoding error: yaml: unmarshal errors:\n  line 5: key true already set in map"]);
}

// go-yaml v2 strict setMapIndex fails at each repeat (one line each); non-strict decode.go
// `mapping` overwrites each time, so the value kept is the very last one, named in every
// warning; a large map (the indexed path) says the same as a small one
#[test]
fn set_map_index_each_repeat_and_the_last_value_kept() {
    let d = strict("apiVersion: v1\nkind: ConfigMap\ndata:\n  k: a\n  k: b\n  k: c\n");
    assert_eq!(
        server_says(&d),
        vec![
            "strict decoding error: yaml: unmarshal errors:\n  line 5: key \"k\" already set in map",
            "strict decoding error: yaml: unmarshal errors:\n  line 6: key \"k\" already set in map"
        ]
    );
    assert!(d.iter().all(|d| d.message.contains("(first at line 4): kubectl apply/create keeps the last value, \"c\" ")), "{:#?}", messages(&d));
    let filler: String = (0..20).map(|i| format!("  f{i}: x\n")).collect();
    let big = strict(&format!("apiVersion: v1\nkind: ConfigMap\ndata:\n  k: a\n{filler}  k: b\n  k: c\n"));
    assert_eq!(big.len(), 2);
    assert!(big.iter().all(|d| d.message.contains("(first at line 4): kubectl apply/create keeps the last value, \"c\" ")), "{:#?}", messages(&big));
    assert_eq!((big[0].line, big[1].line), (25, 26));
}

// json.go UnmarshalStrict decodes the JSON kubectl made, which holds only the last value of a
// repeated key: in a map[string]T (metadata.labels, map[string]string) an object in the
// overwritten value is no type error
#[test]
fn repeated_map_key_checks_last_value_only() {
    let d = strict("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    a: {bogus: 1}\n    a: x\n");
    assert!(d.iter().all(|d| d.code == "DuplicateKey"), "{:#?}", messages(&d));
}

// go-yaml v2 decode.go merge: keys merged in with `<<: *anchor` are overridden by explicit keys
#[test]
fn merge_keys_are_not_duplicates() {
    let d = strict("apiVersion: v1\nkind: Event\nx: &base {a: 1, b: 2}\ndata:\n  <<: *base\n  a: 3\n");
    assert!(d.is_empty(), "{:#?}", messages(&d));
}

// an alias repeats the anchored subtree: its duplicate is reported once
#[test]
fn duplicate_keys_alias_reported_once() {
    let d = strict("apiVersion: v1\nkind: Event\nx: &base\n  a: 1\n  a: 2\ny: *base\n");
    assert_eq!(d.len(), 1, "{:#?}", messages(&d));
}

// meta/errors.go NoKindMatchError.Error with one searched version
#[test]
fn no_kind_match_error_v1_deployment() {
    assert!(matches!(kind_root("v1", "Deployment"), KindMatch::NoMatch));
    assert_eq!(no_match_message("v1", "Deployment"), "no matches for kind \"Deployment\" in version \"v1\"");
    assert!(matches!(kind_root("extensions/v1beta1", "Deployment"), KindMatch::NoMatch));
    assert!(matches!(kind_root("apps/v1beta2", "StatefulSet"), KindMatch::NoMatch));
    assert!(matches!(kind_root("discovery.k8s.io/v1beta1", "EndpointSlice"), KindMatch::NoMatch));
    assert!(matches!(kind_root("apps/v1", "Service"), KindMatch::NoMatch));
    let d = no_match_diagnostic("v1", "Deployment", Pos { line: 1, column: 13 });
    assert_eq!((d.code.as_str(), d.field.as_deref(), d.line, d.column), ("NoKindMatch", Some("apiVersion"), 1, 13));
    assert_eq!(
        no_match_message("apps/v1beta2", "StatefulSet"),
        "no matches for kind \"StatefulSet\" in version \"apps/v1beta2\""
    );
}

// the RESTMapper served kinds; CustomResources in other groups and other kinds are not checked
#[test]
fn kind_root_served_and_unmodelled() {
    for (av, k) in [
        ("v1", "Service"),
        ("v1", "Pod"),
        ("v1", "Endpoints"),
        ("v1", "Node"),
        ("v1", "Namespace"),
        ("apps/v1", "Deployment"),
        ("apps/v1", "ReplicaSet"),
        ("apps/v1", "StatefulSet"),
        ("apps/v1", "DaemonSet"),
        ("discovery.k8s.io/v1", "EndpointSlice"),
    ] {
        assert!(matches!(kind_root(av, k), KindMatch::Known(_)), "{av} {k}");
    }
    assert!(matches!(kind_root("v1", "Event"), KindMatch::Unmodelled));
    // not drawn, yet decoded strictly from the generated tables (gen_schema.py OTHER_ROOTS)
    for (av, k) in [
        ("v1", "ServiceAccount"),
        ("v1", "PersistentVolumeClaim"),
        ("v1", "PersistentVolume"),
        ("v1", "ResourceQuota"),
        ("v1", "LimitRange"),
        ("rbac.authorization.k8s.io/v1", "Role"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("storage.k8s.io/v1", "StorageClass"),
        ("networking.k8s.io/v1", "IngressClass"),
        ("scheduling.k8s.io/v1", "PriorityClass"),
    ] {
        assert!(matches!(kind_root(av, k), KindMatch::Known(_)), "{av} {k}");
    }
    // not modelled, yet decoded strictly (unmodelled_roots)
    assert!(matches!(kind_root("v1", "ConfigMap"), KindMatch::Known(_)));
    assert!(matches!(kind_root("v1", "Secret"), KindMatch::Known(_)));
    assert!(matches!(kind_root("serving.knative.dev/v1", "Service"), KindMatch::Unmodelled));
    assert!(matches!(kind_root("", "Service"), KindMatch::Unmodelled));
}

// convertToJSONableObject turns a non-string key into its string form; in a struct it is unknown
#[test]
fn convert_to_jsonable_object_non_string_key() {
    let d = strict("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  1: x\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.ends_with("unknown field \"metadata.1\""), "{}", d[0].message);
}

// map[string]T (labels, annotations, selector, data...) takes any key; fields under Any are unchecked
#[test]
fn map_fields_accept_any_key() {
    let d = strict(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {whatever: x, 'a/b': z}\n  annotations: {selectr: z}\nspec:\n  selector: {anything: goes}\n  ports: [{port: 80}]\n",
    );
    assert!(d.is_empty(), "{:#?}", messages(&d));
}

// decode.go object(): a repeated key decodes once (the last value), so only the last is walked
#[test]
fn repeated_struct_key_checks_last_value_only() {
    let d = strict("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\nspec: {bogus: 1}\nspec: {finalizers: [kubernetes]}\n");
    assert_eq!(server_says(&d), vec!["strict decoding error: yaml: unmarshal errors:\n  line 6: key \"spec\" already set in map"]);
}

// kubernetes_patch.go saveStrictError dedupes by path: several unknown fields are each reported
#[test]
fn save_strict_error_each_unknown_field() {
    let d = strict(
        "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web-abc}\naddressType: IPv4\nendpoints:\n- addresses: [10.0.0.1]\n  condition: {ready: true}\n- addresses: [10.0.0.2]\n  conditions: {ready: true, servin: true}\nports: [{name: http, port: 8080, protocol: TCP}]\n",
    );
    let fields: Vec<_> = d.iter().map(|d| d.field.clone().unwrap_or_default()).collect();
    assert_eq!(fields, vec!["endpoints[0].condition", "endpoints[1].conditions.servin"]);
    assert_eq!(hints(&d), vec![Some("did you mean \"conditions\"?"), Some("did you mean \"serving\"?")]);
    assert!(d[0].message.starts_with("EndpointSlice in version \"v1\" cannot be handled as a EndpointSlice: "));
}

// the Endpoints / Node shapes of `kubectl get -o yaml` decode cleanly
#[test]
fn unmarshal_strict_endpoints_and_node_are_clean() {
    let ep = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: web, namespace: default}\nsubsets:\n- addresses:\n  - ip: 10.244.1.7\n    nodeName: worker-1\n    targetRef: {kind: Pod, name: web-1, namespace: default, uid: 0f6c}\n  notReadyAddresses: [{ip: 10.244.2.9}]\n  ports: [{name: http, port: 8080, protocol: TCP}]\n";
    assert!(strict(ep).is_empty());
    let node = r#"apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels: {kubernetes.io/hostname: worker-1, topology.kubernetes.io/zone: eu-west-1a}
spec:
  podCIDR: 10.244.1.0/24
  podCIDRs: [10.244.1.0/24]
  providerID: kind://docker/kind/worker-1
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
status:
  addresses: [{address: 172.18.0.3, type: InternalIP}, {address: worker-1, type: Hostname}]
  allocatable: {cpu: "8", ephemeral-storage: 100Gi, memory: 16Gi, pods: "110"}
  capacity: {cpu: "8", memory: 16Gi, pods: "110"}
  conditions:
  - {lastHeartbeatTime: "2026-07-20T10:00:00Z", lastTransitionTime: "2026-07-20T09:00:00Z", message: kubelet is posting ready status, reason: KubeletReady, status: "True", type: Ready}
  daemonEndpoints:
    kubeletEndpoint: {Port: 10250}
  images:
  - names: [docker.io/library/nginx:1.27]
    sizeBytes: 72000000
  nodeInfo: {architecture: amd64, bootID: b, containerRuntimeVersion: containerd://2.0.0, kernelVersion: 6.8.0, kubeProxyVersion: "", kubeletVersion: v1.33.0, machineID: m, operatingSystem: linux, osImage: Debian, systemUUID: s}
"#;
    let d = strict(node);
    assert!(d.is_empty(), "{:#?}", messages(&d));
}

// the List envelope (metav1.List: TypeMeta, ListMeta, items []runtime.RawExtension): items are Any
#[test]
fn list_envelope_items_are_any() {
    let root = tree("apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n- {apiVersion: v1, kind: Service, bogus: 1}\nextra: 1\n");
    let mut d = Vec::new();
    check(&root, list(), &mut d, "");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].field.as_deref(), Some("extra"));
    assert_eq!(d[0].object, None);
}

#[test]
fn go_quote_escapes_like_strconv_quote() {
    assert_eq!(go_quote("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\x01é\"");
}

#[test]
fn suggestions() {
    let t = match kind_root("v1", "Service") {
        KindMatch::Known(t) => t,
        k => panic!("{k:?}"),
    };
    assert_eq!(suggest(t, "KIND"), Some("kind"));
    assert_eq!(suggest(t, "sepc"), Some("spec"));
    assert_eq!(suggest(t, "zzz"), None);
    assert_eq!(suggest(t, "xyzzy"), None);
    assert_eq!(edit_distance("selectr", "selector"), 1);
}

/// Every document of a stream, with `kind: List` / `*List` unpacked into its items (as
/// read_objects does, apimachinery meta.ExtractList), checked as the caller will check it.
fn strict_stream(src: &str) -> Vec<Diagnostic> {
    let (docs, errors) = parse_stream(src);
    assert!(errors.is_empty(), "{errors:?}");
    let mut diags = Vec::new();
    for root in docs.into_iter().filter_map(|d| d.root) {
        duplicate_keys(&root, &mut diags);
        let kind = root.get("kind").and_then(|n| n.as_str()).unwrap_or("");
        let items: Vec<&Node> = match root.get("items").map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) if kind.ends_with("List") => {
                check(&root, list(), &mut diags, "");
                items.iter().collect()
            }
            _ => vec![&root],
        };
        for item in items {
            let av = item.get("apiVersion").and_then(|n| n.as_str()).unwrap_or("");
            let k = item.get("kind").and_then(|n| n.as_str()).unwrap_or("");
            match kind_root(av, k) {
                KindMatch::Known(ty) => check(item, ty, &mut diags, k),
                KindMatch::NoMatch => panic!("NoMatch for {av} {k}"),
                KindMatch::Unmodelled => {}
            }
        }
    }
    diags
}

// the repository's own presets, example and `kubectl get all -A -o yaml` fixture decode strictly
#[test]
fn unmarshal_strict_presets_and_fixtures_are_clean() {
    for p in crate::core::presets::ALL.iter().filter(|p| p.id != "broken-field-typo") {
        let d = strict_stream(p.yaml);
        assert!(d.is_empty(), "{}: {:#?}", p.id, messages(&d));
    }
    for (name, src) in [
        ("examples/web.yaml", include_str!("../../examples/web.yaml")),
        ("tests/fixtures/kubectl-get-all.yaml", include_str!("../../tests/fixtures/kubectl-get-all.yaml")),
    ] {
        let d = strict_stream(src);
        // the fixture's one deliberate slip: an unquoted pod-template-hash the decoder refuses
        let d: Vec<&Diagnostic> = d.iter().filter(|d| !(name.contains("kubectl") && d.field.as_deref() == Some("metadata.labels.pod-template-hash"))).collect();
        assert!(d.is_empty(), "{name}: {:#?}", d.iter().map(|d| &d.message).collect::<Vec<_>>());
    }
}

// budgets: a mapping with many keys is checked in linear time (no quadratic scans)
#[test]
fn large_mappings_stay_fast() {
    let mut src = String::from("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n");
    for i in 0..20_000 {
        src.push_str(&format!("    k{i}: v\n"));
    }
    src.push_str("    k7: again\nspec:\n");
    for i in 0..20_000 {
        src.push_str(&format!("  junk{i}: 1\n"));
    }
    let started = std::time::Instant::now();
    let d = strict(&src);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(d.iter().filter(|d| d.code == "DuplicateKey").count(), 1);
    // kubernetes_patch.go saveStrictError keeps at most 100 strict errors
    assert_eq!(d.iter().filter(|d| d.code == "UnknownField").count(), 100);
}

#[test]
fn push_index_writes_list_indices_as_field_paths_do() {
    for i in [0usize, 7, 10, 99, 12345, usize::MAX] {
        let mut p = String::from("spec.ports");
        push_index(&mut p, i);
        assert_eq!(p, format!("spec.ports[{i}]"));
    }
}

// sigs.k8s.io/json UnmarshalStrict sees the JSON go-yaml made, where a repeated key holds only
// its last value: the earlier value's unknown fields are not reported, in a mapping of more
// than 16 keys (looked up through the map of last positions) as in a small one
#[test]
fn unmarshal_strict_reads_only_the_last_of_a_repeated_key_in_a_large_mapping() {
    let service = |first: &str, last: &str| {
        let mut src = format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n{first}");
        for i in 0..20 {
            src.push_str(&format!("  junk{i}: 1\n"));
        }
        src + "  ports:\n  - port: 80\n" + last
    };
    let d = strict(&service("    bogus: 1\n", ""));
    let unknown: Vec<&str> = d.iter().filter(|d| d.code == "UnknownField").map(|d| d.field.as_deref().unwrap_or("")).collect();
    assert_eq!(unknown.len(), 20, "{unknown:?}");
    assert!(unknown.iter().all(|f| f.starts_with("spec.junk")), "{unknown:?}");
    // the other way round: the last value carries the unknown field, and it is reported
    let d = strict(&service("", "    bogus: 1\n"));
    assert!(d.iter().any(|d| d.field.as_deref() == Some("spec.ports[0].bogus")), "{:#?}", messages(&d));
}

// ------------------------------------------------------------------ the decoder's type errors
// sigs.k8s.io/json internal/golang/encoding/json decode.go: UnmarshalTypeError.Error() is
// "json: cannot unmarshal <value> into Go struct field <Struct>.<json path> of type <Go type>";
// the path joins the struct fields' JSON names (no list indexes, no map keys); the first error
// is kept (saveError) and reported alone: no strict errors with it (json.go UnmarshalStrict).

fn service_with(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n{spec}")
}

#[test]
fn unmarshal_type_error_quoted_port_number() {
    let d = strict(&service_with("  ports:\n  - port: \"80\"\n"));
    // (with learnfix11's hint: how to write it)
    assert_eq!(messages(&d), vec!["Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"]);
    assert_eq!(hints(&d), vec![Some("a port is a number: write 80 without quotes")]);
    assert_eq!((d[0].code.as_str(), d[0].field.as_deref(), d[0].line, d[0].column), ("TypeMismatch", Some("spec.ports[0].port"), 7, 11));
}

#[test]
fn unmarshal_type_error_words_and_go_types() {
    let one = |spec: &str| messages(&strict(&service_with(spec))).join("\n");
    // a number where a named string type is expected; a fraction or an overflow names the number
    assert!(one("  ports: [{port: 80, protocol: 6}]\n").contains("cannot unmarshal number into Go struct field ServicePort.spec.ports.protocol of type v1.Protocol"));
    assert!(one("  ports: [{port: 80.50}]\n").ends_with("cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32"));
    assert!(one("  ports: [{port: 99999999999}]\n").ends_with("cannot unmarshal number 99999999999 into Go struct field ServicePort.spec.ports.port of type int32"));
    // 80.0 is JSON 80: an int32 takes it
    assert_eq!(one("  ports: [{port: 80.0}]\n"), "");
    // shapes: a scalar for a list, a list for a struct, a map value of the wrong type
    assert!(one("  ports: 80\n").ends_with("cannot unmarshal number into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort"));
    assert!(one("  sessionAffinityConfig: [a]\n").ends_with("cannot unmarshal array into Go struct field ServiceSpec.spec.sessionAffinityConfig of type v1.SessionAffinityConfig"));
    assert!(one("  selector: {app: 1}\n").ends_with("cannot unmarshal number into Go struct field ServiceSpec.spec.selector of type string"));
    assert_eq!(hints(&strict(&service_with("  selector: {app: 1}\n"))), vec![Some("YAML reads unquoted 1 as a number; quote it: \"1\"")]);
    assert!(one("  publishNotReadyAddresses: \"true\"\n").ends_with("cannot unmarshal string into Go struct field ServiceSpec.spec.publishNotReadyAddresses of type bool"));
    // null is no error; an int-or-string takes both
    assert_eq!(one("  ports: [{port: 80, targetPort: http, nodePort: null}]\n"), "");
    assert_eq!(one("  ports: [{port: 80, targetPort: 8080}]\n"), "");
}

// IntOrString.UnmarshalJSON (k8s.io/apimachinery pkg/util/intstr): a non-string goes through
// encoding/json into its int32, whose error has no struct context and ends the decode at once,
// winning over an earlier saved error
#[test]
fn unmarshal_type_error_int_or_string_ends_the_decode() {
    let src = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {enabled: yes}\nspec:\n  ports: [{port: 80, targetPort: true}]\n  selectr: {app: web}\n";
    let d = strict(src);
    assert_eq!(messages(&d), vec!["Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32"]);
    assert_eq!(d[0].field.as_deref(), Some("spec.ports[0].targetPort"));
    // without it, the first saved one: the YAML 1.1 boolean label
    let d = strict(&src.replace("targetPort: true", "targetPort: 80"));
    assert_eq!(
        messages(&d),
        vec!["Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string"]
    );
    assert_eq!(hints(&d), vec![Some("YAML reads unquoted yes as a boolean; quote it: \"yes\"")]);
}

// kubectl sends the object as JSON made from a map: every object's keys sorted
// (encoding/json Marshal), so the decoder meets `nodePort` before `port`
#[test]
fn unmarshal_type_error_first_in_sorted_key_order() {
    let d = strict(&service_with("  type: NodePort\n  ports:\n  - port: \"80\"\n    nodePort: \"x\"\n"));
    assert_eq!(messages(&d), vec!["Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.nodePort of type int32"]);
    // list items in order: ports[0] before ports[1] whatever their keys
    let d = strict(&service_with("  ports:\n  - {port: \"80\"}\n  - {nodePort: \"x\", port: 81}\n"));
    assert!(messages(&d)[0].ends_with("ServicePort.spec.ports.port of type int32"), "{:?}", messages(&d));
    assert_eq!(hints(&d)[0], Some("a port is a number: write 80 without quotes"));
}

// Quantity.UnmarshalJSON → ParseQuantity (k8s.io/apimachinery pkg/api/resource/quantity.go):
// its own error, ending the decode
#[test]
fn quantity_unmarshal_errors() {
    let pod = |q: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: x\n    resources: {{requests: {{memory: {q}}}}}\n");
    let format = "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    for bad in ["512mb", "1x", "true", "\"5 Gi\"", "[1]"] {
        assert_eq!(messages(&strict(&pod(bad))), vec![format], "{bad}");
    }
    assert_eq!(messages(&strict(&pod("512mi"))), vec!["Pod in version \"v1\" cannot be handled as a Pod: unable to parse quantity's suffix"]);
    for good in ["512Mi", "1G", "100m", "0.5", "1e3", "2", "\"1.5Gi\"", "null", "+"] {
        assert!(strict(&pod(good)).is_empty(), "{good}: {:?}", messages(&strict(&pod(good))));
    }
}

/// A Service's selector written as a workload's (`selector: {matchLabels: …}`): the decoder's
/// own words (ServiceSpec.Selector is map[string]string), then what a Service's selector is
/// (learner QA n55).
#[test]
fn service_selector_match_labels_says_a_service_selector_is_a_map() {
    let d = strict("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n  ports: [{port: 80}]\n");
    assert_eq!(d.len(), 1, "{:?}", messages(&d));
    assert_eq!(d[0].message, "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal object into Go struct field ServiceSpec.spec.selector of type string");
    assert!(d[0].hint.as_deref().is_some_and(|h| h.starts_with("a Service's selector is a plain map of labels")), "{:?}", d[0].hint);
    // a Deployment's matchLabels is no mistake
    assert!(strict("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n").is_empty());
}

// the generated REGISTERED_KINDS (gen_schema.py registered_kinds, from every k8s.io/api
// register.go) and the hand-written SERVED_KINDS split the group versions between them
#[test]
fn registered_kinds_are_generated_for_every_group_version_not_served() {
    for (gv, _) in SERVED_KINDS {
        assert!(!REGISTERED_KINDS.iter().any(|(r, _)| r == gv), "{gv}");
    }
    let find = |gv: &str| REGISTERED_KINDS.iter().find(|(r, _)| *r == gv).map(|(_, k)| *k);
    assert_eq!(find("apps/v1beta1"), Some(&["Deployment", "DeploymentList", "DeploymentRollback", "Scale", "StatefulSet", "StatefulSetList", "ControllerRevision", "ControllerRevisionList"][..]));
    assert!(find("storage.k8s.io/v1").is_some_and(|k| k.contains(&"StorageClass")));
    assert!(matches!(kind_root("networking.k8s.io/v1beta1", "Gateway"), KindMatch::NoMatch));
}

/// `printed_utc_time` (walk's shortcut past `type_error` for a metav1.Time) says "parses" only
/// for values Go's `time.Parse(time.RFC3339, …)` takes (rfc3339_error None): every month's
/// last day and the day after, leap years by the Gregorian rule (time/format.go `parse` checks
/// the day with `daysIn`), each field's bounds, and the shapes it leaves to the parse.
#[test]
fn printed_utc_time_agrees_with_go_rfc3339_parse() {
    let mut taken = 0;
    for year in ["0000", "0001", "1900", "1999", "2000", "2023", "2024", "2100", "2400", "9999"] {
        for month in 0..=13 {
            for day in [0, 1, 27, 28, 29, 30, 31, 32] {
                for (h, m, s) in [(0, 0, 0), (23, 59, 59), (24, 0, 0), (0, 60, 0), (0, 0, 60), (12, 30, 5)] {
                    let v = format!("{year}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z");
                    let fast = printed_utc_time(v.as_bytes());
                    let go = rfc3339_error(&v);
                    if fast {
                        taken += 1;
                        assert!(go.is_none(), "{v}: taken by the shortcut, refused by the parse: {go:?}");
                    } else if (1..=12).contains(&month) && (1..=28).contains(&day) && h < 24 && m < 60 && s < 60 {
                        panic!("{v}: a plain UTC time the shortcut does not take");
                    }
                }
            }
        }
    }
    assert!(taken > 1000, "{taken}");
    assert!(!printed_utc_time(b"2023-02-29T00:00:00Z") && rfc3339_error("2023-02-29T00:00:00Z").is_some());
    assert!(printed_utc_time(b"2024-02-29T00:00:00Z"));
    // other shapes Go takes or refuses are left to the parse
    for v in ["2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00.5Z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00z", "2024-1-01T00:00:00Z", " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z "] {
        assert!(!printed_utc_time(v.as_bytes()), "{v}");
    }
    // and a creationTimestamp refused by the parse still is, through the walk
    let d = kubectl_decode_error_keys(&tree("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: \"2023-02-29T00:00:00Z\"\n"), "x.yaml", true).expect("refused");
    assert!(d.message.contains("day out of range"), "{}", d.message);
}

/// kubectl's decode of a document's metadata gives the same answer when told that the
/// document's keys are distinct (the stream reader's shortcut) as when it looks for repeated
/// keys itself (decoder.go `UnmarshalJSON` of `metadataOnlyObject`).
#[test]
fn kubectl_decode_error_same_with_distinct_keys() {
    for src in [
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: 5\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: [x]\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: web\n  creationTimestamp: \"2026-11-01T10:00:00Z\"\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  generation: x\n  uid: 00000000-0000-4000-8000-000000000000\n",
    ] {
        let root = tree(src);
        let a = kubectl_decode_error_keys(&root, "x.yaml", true);
        let b = kubectl_decode_error(&root, "x.yaml");
        assert_eq!(a, b, "{src}");
    }
}

/// Every YAML file under tests/fixtures (real manifests, corpus inputs with their typos and
/// type errors, dumps): `quiet`'s shortcut in `check_keys` and `kubectl_decode_error_keys`
/// gives exactly the walk's diagnostics, object by object (List items included), and the
/// fixtures take both branches.
#[test]
fn quiet_shortcut_gives_the_walks_answers_on_every_fixture() {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut paths);
    assert!(paths.len() > 100, "{}", paths.len());
    let (mut quiet_objects, mut walked_objects, mut refusals) = (0, 0, 0);
    let check = |root: &Node, quiet_objects: &mut usize, walked_objects: &mut usize| {
        let av = root.get("apiVersion").and_then(|n| n.as_str()).unwrap_or("");
        let kind = root.get("kind").and_then(|n| n.as_str()).unwrap_or("");
        if let KindMatch::Known(ty) = kind_root(av, kind) {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            check_keys(root, ty, &mut a, "obj", true);
            check_keys_walked(root, ty, &mut b, "obj", true);
            assert_eq!(a, b, "{av} {kind}");
            if quiet(root, Ty::Struct(ty), false) {
                *quiet_objects += 1;
            } else {
                *walked_objects += 1;
            }
        }
    };
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        crate::core::yaml::for_each_document_at(&text, 1, &mut |doc| {
            let Some(root) = doc.root else { return };
            if !doc.distinct_keys {
                return;
            }
            let a = kubectl_decode_error_keys(&root, "x.yaml", true);
            assert_eq!(a, kubectl_decode_error(&root, "x.yaml"), "{}", p.display());
            refusals += usize::from(a.is_some());
            check(&root, &mut quiet_objects, &mut walked_objects);
            if let Some(NodeKind::Seq(items)) = root.get("items").map(|n| &n.kind) {
                for item in items {
                    check(item, &mut quiet_objects, &mut walked_objects);
                }
            }
        });
    }
    assert!(quiet_objects > 500 && walked_objects > 5 && refusals > 0, "{quiet_objects} {walked_objects} {refusals}");
}
