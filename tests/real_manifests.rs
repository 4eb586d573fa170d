//! Real manifests from public repositories (tests/fixtures/real, each with its source, licence and
//! reason in its header) that exposed a false diagnostic or a missed refusal: each is analysed as
//! `switchboard analyze FILE` would, and its errors and warnings are exactly what the API server
//! and kubectl would say (infos are not asserted).
#![cfg(not(target_arch = "wasm32"))]

use switchboard::core::analyze;
use switchboard::core::config::Config;
use switchboard::core::diag::Severity;

/// (severity, line, code, message) of every error and warning; a message given as `…` is only
/// checked by its code and line (the simulation's own words may move).
fn diagnostics(file: &str) -> Vec<(Severity, u32, String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = analyze(&text, &Config::default());
    report.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| (d.severity, d.line, d.code.clone(), d.message.clone())).collect()
}

fn check(file: &str, want: &[(Severity, u32, &str, &str)]) {
    let got = diagnostics(file);
    let shown = |v: &[(Severity, u32, String, String)]| v.iter().map(|(s, l, c, m)| format!("{s:?} {l} {c} {m}")).collect::<Vec<_>>().join("\n");
    assert_eq!(got.len(), want.len(), "{file}:\n{}", shown(&got));
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1, g.2.as_str()), (w.0, w.1, w.2), "{file}:\n{}", shown(&got));
        if w.3 != "…" {
            assert_eq!(g.3, w.3, "{file}");
        }
    }
}

// pkg/apis/core/validation/validation.go ValidateVolumeMounts: a mount names a volume of the pod
#[test]
fn istio_mtls_echo_mounts_a_volume_it_does_not_have() {
    check(
        "istio-mtls-echo.yaml",
        &[
            // the Service selects the refused Deployment's pods, which never exist
            (Severity::Warning, 12, "NoPodsSelected", "…"),
            (Severity::Error, 96, "FieldValueNotFound", "spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"ca-certs\""),
        ],
    );
}

// k8s.io/kubectl pkg/cmd/apply/apply.go applyOneObject: generateName is refused by kubectl apply
#[test]
fn gke_kueue_job_generate_name_is_refused_by_kubectl_apply() {
    check(
        "gke-kueue-job-team-a.yaml",
        &[(
            Severity::Error,
            23,
            "GenerateNameWithApply",
            // kubectl's words alone; why (metadata.name) is our hint, beside them (qa2 E1)
            "from sample-job-team-a-: cannot use generate name with apply",
        )],
    );
}

// kubernetes/website deprecation-guide.md: autoscaling/v2beta2 (v1.26) and apps/v1beta1 (v1.16)
// are served no more; apimachinery pkg/api/meta/errors.go NoKindMatchError
#[test]
fn gke_hpa_v2beta2_and_apps_v1beta1_find_no_mapping() {
    check(
        "gke-deployment-with-hpa-v2beta2.yaml",
        &[
            (Severity::Error, 18, "NoKindMatch", "no matches for kind \"HorizontalPodAutoscaler\" in version \"autoscaling/v2beta2\""),
            (Severity::Error, 36, "NoKindMatch", "no matches for kind \"Deployment\" in version \"apps/v1beta1\""),
        ],
    );
}

// policy/v1beta1 (v1.25) finds no mapping; the StatefulSet's pods mount their claim template
// (pkg/apis/apps/validation volumesToAddForTemplates): no error there
#[test]
fn examples_cockroachdb_pdb_v1beta1_and_a_claim_template_mount() {
    check(
        "examples-cockroachdb-statefulset.yaml",
        &[(Severity::Error, 60, "NoKindMatch", "no matches for kind \"PodDisruptionBudget\" in version \"policy/v1beta1\"")],
    );
}

// accepted as the API server accepts it: the claim template cassandra-data is a volume
#[test]
fn examples_cassandra_statefulset_is_accepted() {
    check("examples-cassandra-statefulset.yaml", &[]);
}

// encoding/json literalStore → encoding/base64 CorruptInputError on a Secret's `data`
#[test]
fn ingress_nginx_dh_param_secret_is_not_base64() {
    check(
        "ingress-nginx-ssl-dh-param.yaml",
        &[(Severity::Error, 6, "TypeMismatch", "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0")],
    );
}

// encoding/json UnmarshalTypeError: a number for a Secret's stringData string (two Secrets)
#[test]
fn argocd_repo_creds_numbers_in_string_data() {
    let m = "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string";
    check("argocd-repo-creds.yaml", &[(Severity::Error, 43, "TypeMismatch", m), (Severity::Error, 60, "TypeMismatch", m)]);
}
