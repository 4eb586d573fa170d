//! Refusals a review of kubernetes/kubernetes pkg/apis/core/validation/validation.go (1.33/1.34)
//! found missing: each test names the upstream function, feeds manifests shaped like real ones,
//! asserts the server's exact message, and checks that the accepted neighbours stay accepted.
//! (The report lists an object's errors by position in the file, not in upstream's order.)

use super::tests::{errors, run};

/// A Deployment whose pod template's spec is `spec` (indented under `spec:`).
fn deployment(spec: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{spec}"
    )
}

fn ok(doc: &str) {
    assert!(errors(&run(doc)).is_empty(), "{doc}\n{:?}", errors(&run(doc)));
}

// validateVolumeSource → validateSecretVolumeSource / validateConfigMapVolumeSource /
// validatePersistentClaimVolumeSource: the name each refers to is required (secretName too: the
// v1 type marks it optional, ValidateVolumes requires it); file modes 0..0777; items through
// validateKeyToPath (key and path required, path relative without `..`)
#[test]
fn volume_source_names_modes_and_items() {
    let vols = |v: &str| deployment(&format!("      containers: [{{name: c, image: nginx}}]\n      volumes:\n{v}"));
    assert_eq!(
        errors(&run(&vols("      - name: config\n        configMap: {items: [{key: nginx.conf, path: /etc/nginx.conf}]}\n      - name: certs\n        secret: {defaultMode: 0400}\n      - name: data\n        persistentVolumeClaim: {readOnly: true}\n"))),
        vec![
            "spec.template.spec.volumes[0].configMap.name: Required value",
            "spec.template.spec.volumes[0].configMap.items[0].path: Invalid value: \"/etc/nginx.conf\": must be a relative path",
            "spec.template.spec.volumes[1].secret.secretName: Required value",
            "spec.template.spec.volumes[2].persistentVolumeClaim.claimName: Required value",
        ]
    );
    assert_eq!(
        errors(&run(&vols("      - name: config\n        configMap:\n          name: app\n          items:\n          - {key: a, path: ../a}\n          - {key: '', path: ''}\n          - {key: b, path: ..b, mode: 0o1000}\n"))),
        vec![
            "spec.template.spec.volumes[0].configMap.items[0].path: Invalid value: \"../a\": must not contain '..'",
            "spec.template.spec.volumes[0].configMap.items[1].key: Required value",
            "spec.template.spec.volumes[0].configMap.items[1].path: Required value",
            "spec.template.spec.volumes[0].configMap.items[2].path: Invalid value: \"..b\": must not start with '..'",
            "spec.template.spec.volumes[0].configMap.items[2].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
        ]
    );
    // a refused volume is not one a mount can name (ValidateVolumes keeps only valid ones)
    let r = run(&deployment("      containers:\n      - name: c\n        image: nginx\n        volumeMounts: [{name: config, mountPath: /etc/app}]\n      volumes:\n      - name: config\n        configMap: {}\n"));
    assert_eq!(
        errors(&r),
        vec![
            "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"config\"",
            "spec.template.spec.volumes[0].configMap.name: Required value",
        ]
    );
    // only the first source is validated; a later one is only "more than 1 volume type"
    assert_eq!(
        errors(&run(&vols("      - name: x\n        secret: {}\n        configMap: {}\n"))),
        vec![
            "spec.template.spec.volumes[0].secret.secretName: Required value",
            "spec.template.spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type",
        ]
    );
    // accepted: what real manifests write
    ok(&vols(
        "      - name: config\n        configMap: {name: app, defaultMode: 0644, items: [{key: nginx.conf, path: nginx.conf}, {key: a, path: conf.d/a.conf, mode: 420}]}\n      - name: certs\n        secret: {secretName: tls, optional: true, items: [{key: tls.crt, path: ./tls.crt}, {key: k, path: a..b}]}\n      - name: data\n        persistentVolumeClaim: {claimName: data}\n      - name: tmp\n        emptyDir: {}\n      - name: none\n",
    ));
}

// validateDownwardAPIVolumeSource → validateDownwardAPIVolumeFile (passed the downwardAPI's path,
// not the item's: the errors name `downwardAPI.path`), validateObjectFieldSelector with
// validVolumeDownwardAPIFieldPathExpressions after pods.ConvertDownwardAPIFieldLabel, and
// validateContainerResourceFieldSelector(volume=true)
#[test]
fn downward_api_volume_items() {
    let dapi = |items: &str| deployment(&format!("      containers: [{{name: c, image: nginx}}]\n      volumes:\n      - name: podinfo\n        downwardAPI:\n          items:\n{items}"));
    assert_eq!(
        errors(&run(&dapi(
            "          - {path: labels, fieldRef: {fieldPath: status.podIP}}\n          - {path: /name, fieldRef: {fieldPath: metadata.nam}}\n          - {path: cpu, resourceFieldRef: {resource: limits.cpu}}\n          - {path: mem, resourceFieldRef: {containerName: c, resource: memory}}\n          - {path: xx}\n          - {path: yy, fieldRef: {fieldPath: metadata.name}, resourceFieldRef: {containerName: c, resource: limits.cpu}, mode: 01000}\n          - {path: z, fieldRef: {fieldPath: \"metadata.labels['-bad']\"}}\n          - {path: w, fieldRef: {apiVersion: v2, fieldPath: metadata.name}}\n"
        ))),
        vec![
            "spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: \"status.podIP\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\"",
            "spec.template.spec.volumes[0].downwardAPI.path: Invalid value: \"/name\": must be a relative path",
            "spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: \"metadata.nam\": error converting fieldPath: field label not supported: metadata.nam",
            "spec.template.spec.volumes[0].downwardAPI.resourceFieldRef.containerName: Required value",
            "spec.template.spec.volumes[0].downwardAPI.resourceFieldRef.resource: Unsupported value: \"memory\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
            "spec.template.spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required",
            "spec.template.spec.volumes[0].downwardAPI: Invalid value: \"resource\": fieldRef and resourceFieldRef can not be specified simultaneously",
            "spec.template.spec.volumes[0].downwardAPI.mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
            "spec.template.spec.volumes[0].downwardAPI.fieldRef: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2",
        ]
    );
    // accepted: the forms of the Kubernetes docs' downward-api-volume examples
    ok(&dapi(
        "          - {path: labels, fieldRef: {fieldPath: metadata.labels}}\n          - {path: annotations, fieldRef: {apiVersion: v1, fieldPath: metadata.annotations}}\n          - {path: app, fieldRef: {fieldPath: \"metadata.labels['app.kubernetes.io/name']\"}}\n          - {path: anno, fieldRef: {fieldPath: \"metadata.annotations['Build.Example.com/Id']\"}}\n          - {path: cpu_limit, resourceFieldRef: {containerName: c, resource: limits.cpu, divisor: 1m}}\n          - {path: mem_request, resourceFieldRef: {containerName: c, resource: requests.memory}, mode: 0444}\n          - {path: hp, resourceFieldRef: {containerName: c, resource: requests.hugepages-2Mi}}\n          - {path: meta/uid, fieldRef: {fieldPath: metadata.uid}}\n",
    ));
}

// validateProjectedVolumeSource → validateProjectionSources: names required, items, duplicate
// paths (on `projected`, with the source's name or the path as value), the token's
// expirationSeconds and path (named `projected.path`), one kind per source
#[test]
fn projected_volume_sources() {
    let proj = |body: &str| deployment(&format!("      containers: [{{name: c, image: nginx}}]\n      volumes:\n      - name: all\n        projected:\n{body}"));
    assert_eq!(
        errors(&run(&proj(
            "          defaultMode: 0o1000\n          sources:\n          - secret: {items: [{key: a, path: a}]}\n          - configMap: {name: cm, items: [{key: b, path: a}]}\n          - downwardAPI: {items: [{path: a, fieldRef: {fieldPath: metadata.name}}]}\n          - serviceAccountToken: {path: /token, expirationSeconds: 60}\n          - serviceAccountToken: {audience: vault}\n          - secret: {name: s}\n            configMap: {name: c}\n"
        ))),
        vec![
            "spec.template.spec.volumes[0].projected: Invalid value: \"cm\": conflicting duplicate paths",
            "spec.template.spec.volumes[0].projected: Invalid value: \"a\": conflicting duplicate paths",
            "spec.template.spec.volumes[0].projected.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
            "spec.template.spec.volumes[0].projected.sources[0].secret.name: Required value",
            "spec.template.spec.volumes[0].projected.path: Invalid value: \"/token\": must be a relative path",
            "spec.template.spec.volumes[0].projected.sources[3].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
            "spec.template.spec.volumes[0].projected.path: Required value",
            "spec.template.spec.volumes[0].projected.sources[5]: Forbidden: may not specify more than 1 volume type per source",
        ]
    );
    // accepted: the kube-api-access volume every pod gets, and a typical mix
    ok(&proj(
        "          defaultMode: 420\n          sources:\n          - serviceAccountToken: {expirationSeconds: 3607, path: token}\n          - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}\n          - downwardAPI: {items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}\n          - secret: {name: creds, optional: true}\n          - serviceAccountToken: {audience: vault, path: vault-token}\n",
    ));
}

// validateVolumeMounts: subPath and subPathExpr through validateLocalDescendingPath (with the
// list's path: `volumeMounts.subPath`), and not both
#[test]
fn volume_mount_sub_paths() {
    let mounts = |m: &str| deployment(&format!("      containers:\n      - name: c\n        image: nginx\n        volumeMounts:\n{m}      volumes: [{{name: data, emptyDir: {{}}}}]\n"));
    assert_eq!(
        errors(&run(&mounts(
            "        - {name: data, mountPath: /a, subPath: /abs}\n        - {name: data, mountPath: /b, subPath: x/../../etc}\n        - {name: data, mountPath: /c, subPath: x, subPathExpr: $(POD_NAME)}\n        - {name: data, mountPath: /d, subPathExpr: ../$(POD_NAME)}\n"
        ))),
        vec![
            "spec.template.spec.containers[0].volumeMounts.subPath: Invalid value: \"/abs\": must be a relative path",
            "spec.template.spec.containers[0].volumeMounts.subPath: Invalid value: \"x/../../etc\": must not contain '..'",
            "spec.template.spec.containers[0].volumeMounts[2].subPathExpr: Invalid value: \"$(POD_NAME)\": subPathExpr and subPath are mutually exclusive",
            "spec.template.spec.containers[0].volumeMounts.subPathExpr: Invalid value: \"../$(POD_NAME)\": must not contain '..'",
        ]
    );
    ok(&mounts("        - {name: data, mountPath: /a, subPath: nginx.conf}\n        - {name: data, mountPath: /b, subPath: conf.d/..x}\n        - {name: data, mountPath: /c, subPathExpr: $(POD_NAME)/logs}\n        - {name: data, mountPath: /d, subPath: ''}\n"));
}

// validateProbe: a probe's terminationGracePeriodSeconds, when set, "must be greater than 0";
// validateReadinessProbe: a readiness probe may not set it at all (after validateProbe's errors)
#[test]
fn probe_termination_grace_period() {
    let probes = |p: &str| deployment(&format!("      containers:\n      - name: c\n        image: nginx\n{p}"));
    assert_eq!(
        errors(&run(&probes(
            "        livenessProbe: {httpGet: {path: /healthz, port: 8080}, terminationGracePeriodSeconds: 0}\n        readinessProbe: {httpGet: {path: /ready, port: 8080}, terminationGracePeriodSeconds: 10}\n        startupProbe: {tcpSocket: {port: 8080}, terminationGracePeriodSeconds: -5}\n"
        ))),
        vec![
            "spec.template.spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0",
            "spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes",
            "spec.template.spec.containers[0].startupProbe.terminationGracePeriodSeconds: Invalid value: -5: must be greater than 0",
        ]
    );
    assert_eq!(
        errors(&run(&probes("        readinessProbe: {exec: {command: [cat, /tmp/ready]}, terminationGracePeriodSeconds: 0}\n"))),
        vec![
            "spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0",
            "spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must not be set for readinessProbes",
        ]
    );
    ok(&probes(
        "        livenessProbe: {httpGet: {path: /healthz, port: 8080}, terminationGracePeriodSeconds: 60}\n        startupProbe: {tcpSocket: {port: 8080}, failureThreshold: 30, terminationGracePeriodSeconds: 1}\n        readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}\n",
    ));
}

// validateSleepAction with opts.AllowPodLifecycleSleepActionZeroValue (feature gate
// PodLifecycleSleepActionAllowZero: beta, on by default in 1.33; GA in 1.34): seconds within
// 0..=the pod's terminationGracePeriodSeconds (SetDefaults_PodSpec: 30), error on `sleep`
#[test]
fn lifecycle_sleep_seconds() {
    let pod = |grace: &str, hooks: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{grace}  containers:\n  - name: c\n    image: nginx\n    lifecycle: {hooks}\n")
    };
    assert_eq!(
        errors(&run(&pod("", "{preStop: {sleep: {seconds: 45}}}"))),
        vec!["spec.containers[0].lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (30)"]
    );
    assert_eq!(
        errors(&run(&pod("  terminationGracePeriodSeconds: 10\n", "{postStart: {sleep: {seconds: -1}}, preStop: {sleep: {seconds: 11}}}"))),
        vec![
            "spec.containers[0].lifecycle.postStart.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (10)",
            "spec.containers[0].lifecycle.preStop.sleep: Invalid value: 11: must be non-negative and less than terminationGracePeriodSeconds (10)",
        ]
    );
    // a sidecar's hooks too; a later handler kind is only "more than 1 handler type"
    let sidecar = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: proxy, image: envoy, restartPolicy: Always, lifecycle: {preStop: {sleep: {seconds: 31}}}}\n  containers:\n  - {name: c, image: nginx, lifecycle: {preStop: {exec: {command: [sh]}, sleep: {seconds: 99}}}}\n";
    assert_eq!(
        errors(&run(sidecar)),
        vec![
            "spec.initContainers[0].lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)",
            "spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler type",
        ]
    );
    for (grace, hooks) in [
        ("", "{preStop: {sleep: {seconds: 5}}}"),
        ("", "{preStop: {sleep: {seconds: 30}}}"),
        ("", "{preStop: {sleep: {seconds: 0}}}"),
        ("  terminationGracePeriodSeconds: 120\n", "{preStop: {sleep: {seconds: 90}}}"),
    ] {
        ok(&pod(grace, hooks));
    }
}

// validateContainerResourceName: after validateResourceName's errors (a name that is not
// qualified gets no standard-resource check), a name without `/` must still be a container
// resource — a second error on the same key — and one with `/` native (kubernetes.io/) or
// extended (helper.IsExtendedResourceName: no `requests.` prefix)
#[test]
fn container_resource_name_errors() {
    let pod = |res: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {res}\n");
    assert_eq!(
        errors(&run(&pod("{limits: {CPU_: 1, requests.example.com/gpu: 1}, requests: {requests.cpu: 100m}}"))),
        vec![
            "spec.containers[0].resources.limits[CPU_]: Invalid value: \"CPU_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "spec.containers[0].resources.limits[CPU_]: Invalid value: \"CPU_\": must be a standard resource for containers",
            "spec.containers[0].resources.limits[requests.example.com/gpu]: Invalid value: \"requests.example.com/gpu\": doesn't follow extended resource name standard",
            "spec.containers[0].resources.requests[requests.cpu]: Invalid value: \"requests.cpu\": must be a standard resource for containers",
        ]
    );
    ok(&pod("{limits: {cpu: 500m, memory: 128Mi, nvidia.com/gpu: 1, kubernetes.io/foo: 1, amd.com/gpu: 2}, requests: {cpu: 250m, nvidia.com/gpu: 1}}"));
}

// validateVolumeSource → validateHostPathVolumeSource (path required, then no `..` element and a
// known type) and validateNFSVolumeSource (server and path required, the path absolute — an
// empty one is both)
#[test]
fn host_path_and_nfs_volumes() {
    let vols = |v: &str| format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec:\n      containers: [{{name: c, image: agent}}]\n      volumes:\n{v}");
    assert_eq!(
        errors(&run(&vols("      - name: a\n        hostPath: {type: Directory}\n      - name: b\n        hostPath: {path: /var/log/../lib, type: Dir}\n      - name: c\n        nfs: {path: exports}\n      - name: d\n        nfs: {server: nfs.example.com}\n"))),
        vec![
            "spec.template.spec.volumes[0].hostPath.path: Required value",
            "spec.template.spec.volumes[1].hostPath.path: Invalid value: \"/var/log/../lib\": must not contain '..'",
            "spec.template.spec.volumes[1].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
            "spec.template.spec.volumes[2].nfs.server: Required value",
            "spec.template.spec.volumes[2].nfs.path: Invalid value: \"exports\": must be an absolute path",
            "spec.template.spec.volumes[3].nfs.path: Required value",
            "spec.template.spec.volumes[3].nfs.path: Invalid value: \"\": must be an absolute path",
        ]
    );
    ok(&vols(
        "      - name: a\n        hostPath: {path: /var/log}\n      - name: b\n        hostPath: {path: /var/run/docker.sock, type: Socket}\n      - name: c\n        hostPath: {path: /sys, type: ''}\n      - name: d\n        hostPath: {path: /dev/kmsg, type: CharDevice}\n      - name: e\n        hostPath: {path: /var/lib/agent..d, type: DirectoryOrCreate}\n      - name: f\n        nfs: {server: 10.0.0.2, path: /, readOnly: true}\n",
    ));
}

// validateEnvVarValueFrom → validateObjectFieldSelector with validEnvDownwardAPIFieldPathExpressions
// (no bare metadata.labels, no status.phase: ConvertDownwardAPIFieldLabel knows them, the env
// does not) and validateContainerResourceFieldSelector(volume=false: containerName optional)
#[test]
fn env_field_and_resource_refs() {
    let env = |e: &str| deployment(&format!("      containers:\n      - name: c\n        image: nginx\n        env:\n{e}"));
    assert_eq!(
        errors(&run(&env(
            "        - {name: A, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}\n        - {name: B, valueFrom: {fieldRef: {fieldPath: status.phase}}}\n        - {name: C, valueFrom: {fieldRef: {fieldPath: status.podIp}}}\n        - {name: D, valueFrom: {fieldRef: {fieldPath: \"spec.nodeName['x']\"}}}\n        - {name: E, valueFrom: {resourceFieldRef: {resource: cpu}}}\n        - {name: F, valueFrom: {resourceFieldRef: {containerName: c}}}\n"
        ))),
        vec![
            "spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
            "spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
            "spec.template.spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Invalid value: \"status.podIp\": error converting fieldPath: field label not supported: status.podIp",
            "spec.template.spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.nodeName['x']\": error converting fieldPath: field label does not support subscript: spec.nodeName['x']",
            "spec.template.spec.containers[0].env[4].valueFrom.resourceFieldRef.resource: Unsupported value: \"cpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
            "spec.template.spec.containers[0].env[5].valueFrom.resourceFieldRef.resource: Required value",
        ]
    );
    // accepted: the env vars real manifests write (spec.host is the old name of spec.nodeName)
    ok(&env(
        "        - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}\n        - {name: POD_IPS, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}\n        - {name: NODE, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}}}\n        - {name: HOST, valueFrom: {fieldRef: {fieldPath: spec.host}}}\n        - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}\n        - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}\n        - {name: SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}\n        - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}\n        - {name: APP, valueFrom: {fieldRef: {fieldPath: \"metadata.labels['app']\"}}}\n        - {name: ANNO, valueFrom: {fieldRef: {fieldPath: \"metadata.annotations['prometheus.io/port']\"}}}\n        - {name: GOMAXPROCS, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}\n        - {name: MEM, valueFrom: {resourceFieldRef: {containerName: c, resource: requests.memory, divisor: 1Mi}}}\n",
    ));
}

// ValidateEnv / validateEnvVarValueFrom → validateConfigMapKeySelector /
// validateSecretKeySelector (the name through ValidateSecretName even when empty, the key
// Required then IsConfigMapKey), IsRelaxedEnvVarName (gate RelaxedEnvironmentVariableValidation,
// on by default since 1.32), ValidateEnvFrom (validateConfigMapEnvSource /
// validateSecretEnvSource; the one-source errors name `envFrom` itself), and
// validateContainerResourceFieldSelector → validateContainerResourceDivisor (Quantity.String()
// against the allowed set: 1000m is 1, 1024 is not 1Ki)
#[test]
fn env_key_selectors_names_env_from_and_divisors() {
    let env = |e: &str| deployment(&format!("      containers:\n      - name: c\n        image: nginx\n{e}"));
    assert_eq!(
        errors(&run(&env("        env:\n        - name: A\n          valueFrom: {configMapKeyRef: {name: cfg}}\n        - name: B\n          valueFrom: {secretKeyRef: {key: 'k k'}}\n        - name: E=1\n          value: x\n        - name: ''\n          value: x\n"))),
        vec![
            "spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value",
            "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.key: Invalid value: \"k k\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "spec.template.spec.containers[0].env[2].name: Invalid value: \"E=1\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            "spec.template.spec.containers[0].env[3].name: Required value",
        ]
    );
    assert_eq!(
        errors(&run(&env("        envFrom:\n        - prefix: P=\n          configMapRef: {name: Cfg}\n        - {}\n        - configMapRef: {name: a}\n          secretRef: {}\n"))),
        vec![
            "spec.template.spec.containers[0].envFrom[0].prefix: Invalid value: \"P=\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            "spec.template.spec.containers[0].envFrom[0].configMapRef.name: Invalid value: \"Cfg\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.template.spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
            "spec.template.spec.containers[0].envFrom: Invalid value: \"\": may not have more than one field specified at a time",
            "spec.template.spec.containers[0].envFrom[2].secretRef.name: Required value",
        ]
    );
    let divisor = |r: &str, d: &str| env(&format!("        env:\n        - name: X\n          valueFrom: {{resourceFieldRef: {{resource: {r}, divisor: {d}}}}}\n"));
    assert_eq!(
        errors(&run(&divisor("limits.memory", "3Mi"))),
        vec!["spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: \"limits.memory\": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"]
    );
    assert_eq!(
        errors(&run(&divisor("requests.cpu", "2m"))),
        vec!["spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: \"requests.cpu\": only divisor's values 1m and 1 are supported with the cpu resource"]
    );
    assert_eq!(errors(&run(&divisor("limits.memory", "1024"))).len(), 1, "1024 prints as 1024, not 1Ki");
    assert_eq!(errors(&run(&divisor("limits.hugepages-2Mi", "5"))).len(), 1);
    for (r, d) in [("limits.cpu", "1000m"), ("limits.cpu", "1m"), ("limits.memory", "1Mi"), ("requests.memory", "1"), ("limits.ephemeral-storage", "1Gi"), ("limits.cpu", "0")] {
        ok(&divisor(r, d));
    }
    // what real manifests write stays accepted: relaxed names (dots, dashes), selectors with
    // both fields, envFrom with one source and a prefix
    ok(&env("        env:\n        - name: my.env-name\n          value: x\n        - name: POD_IP\n          valueFrom: {fieldRef: {fieldPath: status.podIP}}\n        - name: PASS\n          valueFrom: {secretKeyRef: {name: db, key: password, optional: true}}\n        - name: CONF\n          valueFrom: {configMapKeyRef: {name: app-config, key: log.level}}\n        envFrom:\n        - configMapRef: {name: app-config}\n          prefix: APP_\n        - secretRef: {name: db, optional: true}\n"));
}

// ValidateConfigMap and ValidateSecret (kinds Switchboard does not model, checked on their tree):
// the name a DNS subdomain, data keys IsConfigMapKey (`data[key]`), no key both in data and
// binaryData, stringData merged over data first (Convert_v1_Secret_To_core_Secret), and each
// Secret type's required keys.
#[test]
fn config_maps_and_secrets_are_validated() {
    assert_eq!(
        errors(&run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app_config}\ndata:\n  app config: x\n  ok: y2\nbinaryData:\n  ok: eHk=\n")),
        vec![
            "metadata.name: Invalid value: \"app_config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "data[app config]: Invalid value: \"app config\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "data[ok]: Invalid value: \"ok\": duplicate of key present in binaryData",
        ]
    );
    assert_eq!(errors(&run("apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: shop}\ndata: {a: b}\n")), vec!["metadata.name: Required value: name or generateName is required"]);
    assert_eq!(
        errors(&run("apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: YWJj\nstringData:\n  ..key: x\n")),
        vec!["data[tls.key]: Required value", "data[..key]: Invalid value: \"..key\": must not start with '..'"]
    );
    assert_eq!(
        errors(&run("apiVersion: v1\nkind: Secret\nmetadata: {name: bot-token}\ntype: kubernetes.io/service-account-token\n")),
        vec!["metadata.annotations[kubernetes.io/service-account.name]: Required value"]
    );
    assert_eq!(errors(&run("apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\ntype: kubernetes.io/basic-auth\nstringData: {user: x}\n")), vec!["data[username]: Required value", "data[password]: Required value"]);
    assert_eq!(errors(&run("apiVersion: v1\nkind: Secret\nmetadata: {name: pull}\ntype: kubernetes.io/dockerconfigjson\ndata: {}\n")), vec!["data[.dockerconfigjson]: Required value"]);
    // a refused one is not "read and ignored"
    let r = run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Cfg}\n");
    assert!(!r.diagnostics.iter().any(|d| d.code == "IgnoredKind"));
    // what the docs' and real bundles' ConfigMaps and Secrets write stays accepted
    ok("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: game-demo, namespace: shop, labels: {app: game}}\ndata:\n  player_initial_lives: \"3\"\n  ui_properties_file_name: user-interface.properties\n  game.properties: |\n    enemy.types=aliens,monsters\n  .hidden: x\n");
    ok("apiVersion: v1\nkind: Secret\nmetadata:\n  name: build-robot-secret\n  annotations: {kubernetes.io/service-account.name: build-robot}\ntype: kubernetes.io/service-account-token\n");
    ok("apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\ndata: {tls.crt: YWJj, tls.key: YWJj}\n");
    ok("apiVersion: v1\nkind: Secret\nmetadata: {name: basic}\ntype: kubernetes.io/basic-auth\nstringData: {password: t0p-Secret}\n");
    ok("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ntype: Opaque\nstringData: {DB_PASSWORD: x}\ndata: {DB_USER: YWRtaW4=}\n");
}
