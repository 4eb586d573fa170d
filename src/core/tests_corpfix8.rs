//! corpfix8: what the corpus8 sweep found missing (/work/corpus8 probes): a Job's pod failure
//! and success policies, pod spec checks (security contexts, sysctls, seccomp, mount
//! propagation, httpGet, hugepages, topology spread, DNS config), the API server's pod spec
//! warnings, and the note on Secrets and ConfigMaps the input lacks. Each test names the upstream
//! function it follows (kubernetes/kubernetes).

use super::diag::Severity;
use super::report::Report;
use super::tests::{errors, run};

/// Each warning as `message (hint)`: the API server's words, then our "(the API server's
/// warning: the … is created)" (kept apart in the diagnostic, qa2 E1: tests_hintfix).
fn warnings(r: &Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == "ServerWarning").map(|d| d.message_and_hint()).collect()
}

fn infos(r: &Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code && d.severity == Severity::Info).map(|d| d.message.clone()).collect()
}

fn has(list: &[String], m: &str) -> bool {
    list.iter().any(|e| e == m)
}

fn job(spec: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n{spec}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n"
    )
}

fn pod(spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n{spec}")
}

fn deployment(pod_spec: &str) -> String {
    let indented: String = pod_spec.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n{indented}"
    )
}

// pkg/apis/batch/validation/validation.go validatePodFailurePolicyRuleOnExitCodes: 0 with In;
// duplicates; ordering; containerName among the template's
#[test]
fn validate_pod_failure_policy_rule_on_exit_codes() {
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        operator: In\n        values: [0, 1]\n"));
    assert!(has(&errors(&r), "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        containerName: other\n        operator: NotIn\n        values: [3, 1, 3]\n"));
    let e = errors(&r);
    assert!(has(&e, "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"other\": must be one of the container or initContainer names in the pod template"), "{e:?}");
    assert!(has(&e, "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3"), "{e:?}");
    assert!(has(&e, "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,1,3]: must be ordered"), "{e:?}");
    // NotIn with 0 and a valid name is accepted
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes:\n        containerName: main\n        operator: NotIn\n        values: [0]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validatePodFailurePolicyRule: exactly one of onExitCodes and onPodConditions (field.OmitValueType:
// no value printed); FailIndex needs backoffLimitPerIndex
#[test]
fn validate_pod_failure_policy_rule() {
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes:\n        operator: In\n        values: [42]\n      onPodConditions:\n      - type: DisruptionTarget\n"));
    assert!(has(&errors(&r), "spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"), "{:?}", errors(&r));
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n"));
    assert!(has(&errors(&r), "spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"), "{:?}", errors(&r));
    let r = run(&job("  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes:\n        operator: In\n        values: [42]\n"));
    assert!(has(&errors(&r), "spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"), "{:?}", errors(&r));
    // the same rule on an Indexed Job with backoffLimitPerIndex is accepted
    let r = run(&job("  completionMode: Indexed\n  completions: 2\n  backoffLimitPerIndex: 1\n  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes:\n        operator: In\n        values: [42]\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // a CronJob's job template goes through the same checks (ValidateJobTemplateSpec)
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: \"0 1 * * *\"\n  jobTemplate:\n    spec:\n      podFailurePolicy:\n        rules:\n        - action: FailJob\n          onExitCodes:\n            operator: In\n            values: [0]\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: main\n            image: busybox:1.36\n";
    let r = run(cj);
    assert!(has(&errors(&r), "spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"), "{:?}", errors(&r));
}

// validateJobSpec: `spec.successPolicy: Invalid value: {…}: requires indexed completion mode`
// (batch.SuccessPolicy's json, Go field names); validateSuccessPolicyRule on an Indexed Job
#[test]
fn validate_job_spec_success_policy() {
    let r = run(&job("  completions: 4\n  successPolicy:\n    rules:\n    - succeededCount: 1\n"));
    assert!(has(&errors(&r), "spec.successPolicy: Invalid value: {\"Rules\":[{\"SucceededIndexes\":null,\"SucceededCount\":1}]}: requires indexed completion mode"), "{:?}", errors(&r));
    let r = run(&job("  completionMode: Indexed\n  completions: 4\n  successPolicy:\n    rules:\n    - succeededCount: 5\n"));
    assert!(has(&errors(&r), "spec.successPolicy.rules[0].succeededCount: Invalid value: 5: must be less than or equal to 4 (the number of specified completions)"), "{:?}", errors(&r));
    let r = run(&job("  completionMode: Indexed\n  completions: 4\n  successPolicy:\n    rules:\n    - succeededIndexes: \"0-2\"\n      succeededCount: 2\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// pkg/apis/core/validation/validation.go ValidateSecurityContext: allowPrivilegeEscalation false
// with privileged true (the internal SecurityContext's json, ProcMount defaulted); in a Deployment's
// template too
#[test]
fn validate_security_context_privileged_without_escalation() {
    let spec = "  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n      allowPrivilegeEscalation: false\n";
    let r = run(&pod(spec));
    let want = "spec.containers[0].securityContext: Invalid value: {\"Capabilities\":null,\"Privileged\":true,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":null,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":null,\"AllowPrivilegeEscalation\":false,\"ProcMount\":\"Default\",\"SeccompProfile\":null,\"AppArmorProfile\":null}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true";
    assert!(has(&errors(&r), want), "{:?}", errors(&r));
    assert!(r.pods.is_empty());
    let r = run(&deployment(&spec.lines().map(|l| &l[2..]).collect::<Vec<_>>().join("\n")));
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.template.spec.containers[0].securityContext: Invalid value: {") && e.ends_with("cannot set `allowPrivilegeEscalation` to false and `privileged` to true")), "{:?}", errors(&r));
    // privileged alone, or escalation false alone, is accepted
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateSeccompProfileField (pod and container), ValidateAppArmorProfileField
#[test]
fn validate_seccomp_and_apparmor_profile_fields() {
    let r = run(&pod("  securityContext:\n    seccompProfile:\n      type: Localhost\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(has(&errors(&r), "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"), "{:?}", errors(&r));
    let r = run(&pod("  securityContext:\n    seccompProfile:\n      type: runtime/default\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(has(&errors(&r), "spec.securityContext.seccompProfile.type: Unsupported value: \"runtime/default\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\""), "{:?}", errors(&r));
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      appArmorProfile:\n        type: Localhost\n"));
    assert!(has(&errors(&r), "spec.containers[0].securityContext.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost"), "{:?}", errors(&r));
    let r = run(&pod("  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      seccompProfile:\n        type: Localhost\n        localhostProfile: profiles/audit.json\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateSysctls: IsValidSysctlName's regex in the message; ValidateHostSysctl
#[test]
fn validate_sysctls() {
    let r = run(&pod("  securityContext:\n    sysctls:\n    - name: net.core.somaxconn=1024\n      value: \"1024\"\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(
        has(&errors(&r), "spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn=1024\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"),
        "{:?}",
        errors(&r)
    );
    let r = run(&pod("  hostNetwork: true\n  securityContext:\n    sysctls:\n    - name: net.core.somaxconn\n      value: \"1024\"\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(has(&errors(&r), "spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true"), "{:?}", errors(&r));
    // NormalizeName (component-helpers/node/util/sysctl) swaps `.` and `/` only when the first
    // separator is `/`: `net.ipv4.conf.eno2/100.rp_filter` is a net.* name (diffsweep3)
    let r = run(&pod("  hostNetwork: true\n  securityContext:\n    sysctls:\n    - name: net.ipv4.conf.eno2/100.rp_filter\n      value: \"1\"\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(has(&errors(&r), "spec.securityContext.sysctls[0].name: Invalid value: \"net.ipv4.conf.eno2/100.rp_filter\": may not be specified when 'hostNetwork' is true"), "{:?}", errors(&r));
    let r = run(&pod("  securityContext:\n    sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: \"1024 65535\"\n    - name: kernel/shm_rmid_forced\n      value: \"1\"\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// ValidateVolumeMounts → validateMountPropagation(…, fldPath.Child("mountPropagation")): the
// list's path, not the item's
#[test]
fn validate_mount_propagation() {
    let base = "  volumes:\n  - name: host\n    hostPath:\n      path: /mnt\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - name: host\n      mountPath: /mnt\n";
    let r = run(&pod(&format!("{base}      mountPropagation: Bidirectional\n")));
    assert!(has(&errors(&r), "spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"), "{:?}", errors(&r));
    let r = run(&pod(&format!("{base}      mountPropagation: Shared\n")));
    assert!(has(&errors(&r), "spec.containers[0].volumeMounts.mountPropagation: Unsupported value: \"Shared\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\""), "{:?}", errors(&r));
    let r = run(&pod(&format!("{base}      mountPropagation: Bidirectional\n    securityContext:\n      privileged: true\n")));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateHTTPGetAction: the scheme, the header names (the error names `httpHeaders`)
#[test]
fn validate_http_get_action_scheme_and_headers() {
    let probe = |extra: &str| pod(&format!("  containers:\n  - name: app\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        path: /\n        port: 80\n{extra}"));
    let r = run(&probe("        scheme: http\n"));
    assert!(has(&errors(&r), "spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: \"http\": supported values: \"HTTP\", \"HTTPS\""), "{:?}", errors(&r));
    let r = run(&probe("        httpHeaders:\n        - name: X Custom\n          value: a\n"));
    assert!(
        has(&errors(&r), "spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"X Custom\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"),
        "{:?}",
        errors(&r)
    );
    let r = run(&probe("        scheme: HTTPS\n        httpHeaders:\n        - name: X-Custom\n          value: a\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateResourceRequirements: `resources: Forbidden: HugePages require cpu or memory`
#[test]
fn validate_resource_requirements_hugepages_need_cpu_or_memory() {
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        hugepages-2Mi: 100Mi\n      limits:\n        hugepages-2Mi: 100Mi\n"));
    assert!(has(&errors(&r), "spec.containers[0].resources: Forbidden: HugePages require cpu or memory"), "{:?}", errors(&r));
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        hugepages-2Mi: 100Mi\n      limits:\n        hugepages-2Mi: 100Mi\n        memory: 200Mi\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validateTopologySpreadConstraints: validateMinDomains; ValidateSpreadConstraintNotRepeat (on the
// first of the pair, path `{topologyKey, whenUnsatisfiable}`)
#[test]
fn validate_topology_spread_constraints_min_domains_and_repeats() {
    let tsc = |body: &str| pod(&format!("  topologySpreadConstraints:\n{body}  containers:\n  - name: app\n    image: nginx:1.27\n"));
    let r = run(&tsc("  - maxSkew: 1\n    minDomains: 2\n    topologyKey: topology.kubernetes.io/zone\n    whenUnsatisfiable: ScheduleAnyway\n    labelSelector:\n      matchLabels:\n        app: web\n"));
    assert!(has(&errors(&r), "spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"), "{:?}", errors(&r));
    let one = "  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchLabels:\n        app: web\n";
    let r = run(&tsc(&format!("{one}{one}")));
    assert!(has(&errors(&r), "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: \"{kubernetes.io/hostname, DoNotSchedule}\""), "{:?}", errors(&r));
    let r = run(&tsc(&format!("{one}{}", one.replace("DoNotSchedule", "ScheduleAnyway"))));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// validatePodDNSConfig: at most 3 nameservers (MaxDNSNameservers)
#[test]
fn validate_pod_dns_config_nameservers() {
    let r = run(&pod("  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 1.0.0.1]\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(has(&errors(&r), "spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"8.8.8.8\",\"9.9.9.9\",\"1.0.0.1\"]: must not have more than 3 nameservers"), "{:?}", errors(&r));
    let r = run(&pod("  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9]\n  containers:\n  - name: app\n    image: nginx:1.27\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// A StatefulSet's template pod spec is validated with the set at create since 1.34
// (kubernetes#131790, pkg/apis/apps/validation ValidateStatefulSetSpec): the set is refused
// (was: accepted, its pods refused with FailedCreate — stsval)
#[test]
fn statefulset_template_security_context_refuses_the_set_131790() {
    let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 1\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n        securityContext:\n          privileged: true\n          allowPrivilegeEscalation: false\n";
    let r = run(sts);
    assert!(errors(&r).iter().any(|e| e.starts_with("spec.template.spec.containers[0].securityContext") && e.contains("cannot set `allowPrivilegeEscalation` to false and `privileged` to true")), "{:?}", errors(&r));
    assert!(!r.diagnostics.iter().any(|d| d.code == "FailedCreate"), "{:?}", r.diagnostics);
    assert!(r.pods.is_empty());
}

// pkg/api/pod/warnings.go warningsForPodSpecAndMeta: duplicate env names, duplicate ports,
// deprecated node labels, a negative terminationGracePeriodSeconds
#[test]
fn warnings_for_pod_spec_and_meta() {
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    env:\n    - name: A\n      value: \"1\"\n    - name: A\n      value: \"2\"\n    - name: A\n      value: \"$(A):3\"\n"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let w = warnings(&r);
    assert!(has(&w, "spec.containers[0].env[1]: hides previous definition of \"A\", which may be dropped when using apply (the API server's warning: the Pod is created)"), "{w:?}");
    assert_eq!(w.len(), 1, "{w:?}");
    let r = run(&pod("  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    - containerPort: 80\n"));
    assert!(has(&warnings(&r), "spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0] (the API server's warning: the Pod is created)"), "{:?}", warnings(&r));
    let r = run(&deployment("nodeSelector:\n  beta.kubernetes.io/os: linux\nterminationGracePeriodSeconds: -1\ncontainers:\n- name: app\n  image: nginx:1.27\n"));
    let w = warnings(&r);
    assert!(has(&w, "spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead (the API server's warning: the Deployment is created)"), "{w:?}");
    assert!(has(&w, "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1 (the API server's warning: the Deployment is created)"), "{w:?}");
    // a dump is not warned of again
    let dumped = pod("  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    - containerPort: 80\n").replace("  name: web\n", "  name: web\n  uid: 0b3c2a6e-1111-4a4a-8a8a-000000000001\n  resourceVersion: \"1\"\n");
    assert!(warnings(&run(&dumped)).is_empty());
}

// Secrets and ConfigMaps the kubelet reads (secret/configmap volume plugins SetUpAt,
// makeEnvironmentVariables): absent from the input → an information; optional ones,
// kube-root-ca.crt and those created in the input are not mentioned; the pods are unchanged
#[test]
fn missing_secret_and_config_map_references_are_noted_once_per_object() {
    let spec = "  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      volumes:\n      - name: tls\n        secret:\n          secretName: nginxsecret\n      - name: conf\n        configMap:\n          name: nginxconfigmap\n      - name: opt\n        secret:\n          secretName: maybe\n          optional: true\n      - name: ca\n        configMap:\n          name: kube-root-ca.crt\n      containers:\n      - name: app\n        image: nginx:1.27\n        envFrom:\n        - configMapRef:\n            name: present\n";
    let src = format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n{spec}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: present\ndata:\n  a: b\n");
    let r = run(&src);
    let notes = infos(&r, "ReferenceAssumed");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert!(n.starts_with("secret \"nginxsecret\" (for volume \"tls\" (spec.template.spec.volumes[0].secret)), configmap \"nginxconfigmap\" (for volume \"conf\" (spec.template.spec.volumes[1].configMap)) in namespace default not created in this input"), "{n}");
    assert!(n.contains("MountVolume.SetUp failed for volume \"tls\" : secret \"nginxsecret\" not found"), "{n}");
    assert!(!n.contains("maybe") && !n.contains("kube-root-ca.crt") && !n.contains("present"), "{n}");
    assert_eq!(r.pods.len(), 3);
    let with = format!("{src}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: nginxsecret\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginxconfigmap\n");
    assert!(infos(&run(&with), "ReferenceAssumed").is_empty());
}


// pkg/registry/batch/cronjob/strategy.go WarningsOnCreate → job.WarningsForJobSpec →
// pod.GetWarningsForPodTemplate: a CronJob's template is warned of with its own paths
#[test]
fn cronjob_template_warnings() {
    let cj = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: \"0 1 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: main\n            image: busybox:1.36\n            env:\n            - name: A\n              value: one\n            - name: A\n              value: two\n";
    let r = run(cj);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(
        warnings(&r),
        vec!["spec.jobTemplate.spec.template.spec.containers[0].env[1]: hides previous definition of \"A\", which may be dropped when using apply (the API server's warning: the CronJob is created)"]
    );
}
