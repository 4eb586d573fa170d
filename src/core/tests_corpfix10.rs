//! corpfix10: what the corpus10 sweep of uncurated real manifests found (tests/fixtures/corpus10;
//! the sources are in each fixture's header).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn diags(src: &str) -> Vec<(Severity, String, u32, u32)> {
    analyze(src, &Config::default()).diagnostics.iter().map(|d| (d.severity, d.message.clone(), d.line, d.column)).collect()
}

fn errors(src: &str) -> Vec<String> {
    diags(src).into_iter().filter(|d| d.0 == Severity::Error).map(|d| format!("{}:{}: {}", d.2, d.3, d.1)).collect()
}

/// go-yaml v2 decode.go `(*decoder).mapping`: `failf("invalid map key: %#v", k.Interface())` —
/// an unrendered `{{replicas}}` is a mapping whose key is a mapping; sigs.k8s.io/yaml cannot
/// convert the document and kubectl's StreamVisitor stops there (not the API server's
/// "cannot unmarshal object into Go struct field" on a document kubectl never sends).
#[test]
fn go_yaml_v2_decoder_mapping_invalid_map_key_vitess_template() {
    let e = errors(include_str!("../../tests/fixtures/corpus10/vitess-etcd-template.yaml"));
    assert_eq!(
        e,
        vec!["9:14: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"replicas\":interface {}(nil)}".to_string()],
        "{e:?}"
    );
}

#[test]
fn go_yaml_v2_decoder_mapping_invalid_map_key_helm_values() {
    let src = include_str!("../../tests/fixtures/corpus10/helm-values-unrendered.yaml");
    let d = analyze(src, &Config::default());
    let e: Vec<_> = d.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].line, e[0].column, e[0].message.as_str()),
        (19, 14, "error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\".Values.replicaCount\":interface {}(nil)}")
    );
    // the Service before it is sent (and analysed); the Deployment is not
    assert!(e[0].hint.as_deref().unwrap_or_default().contains("kubectl stops reading STDIN at this error: this document is not sent"), "{:?}", e[0].hint);
    assert_eq!(d.services.len(), 1);
}

/// `%#v` of a key with a quoted string, several sorted keys and a list (fmtsort: string keys in
/// byte order; strconv.Quote's escapes).
#[test]
fn go_yaml_v2_invalid_map_key_sharp_v_words() {
    let src = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {{b: \"x\\\"y\", a: 1, c: [true, ~]}: 2}\n";
    let e = errors(src);
    assert_eq!(
        e,
        vec!["5:12: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"a\":1, \"b\":\"x\\\"y\", \"c\":[]interface {}{true, interface {}(nil)}}".to_string()],
        "{e:?}"
    );
    // a flow sequence as a key, in a block mapping
    let e = errors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  [a, b]: x\n");
    assert_eq!(e, vec!["6:3: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\", \"b\"}".to_string()], "{e:?}");
}

/// Flow mappings with scalar keys stay fine (kube-prometheus, contour: `{}` and `{a: b}` values).
#[test]
fn flow_mappings_with_scalar_keys_are_not_invalid_keys() {
    let src = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {a: b, \"c\": d}\n  annotations: {}\ndata: {x: \"[1]\"}\n";
    assert_eq!(errors(src), Vec::<String>::new());
}

/// prometheus-operator pkg/alertmanager/statefulset.go `makeStatefulSetSpec` copies
/// `a.Spec.PodMetadata.Labels` into the pods' labels: with the operator running, the
/// kube-prometheus Service and PodDisruptionBudget select the Alertmanager's pods. Switchboard
/// does not model operators: it says so, as an info naming the custom resource, not a warning
/// that they select nothing. A selector the custom resource does not meet keeps its warning.
#[test]
fn operator_pods_of_a_custom_resource_soften_no_pods_selected() {
    let src = include_str!("../../tests/fixtures/corpus10/kube-prometheus-alertmanager.yaml");
    let r = analyze(src, &Config::default());
    let find = |code: &str, object: &str| r.diagnostics.iter().find(|d| d.code == code && d.object.as_deref() == Some(object)).cloned().unwrap_or_else(|| panic!("{code} {object}: {:?}", r.diagnostics));
    for (code, object) in [("NoPodsSelected", "Service/monitoring/alertmanager-main"), ("BudgetSelectsNoPods", "PodDisruptionBudget/monitoring/alertmanager-main")] {
        let d = find(code, object);
        assert_eq!(d.severity, Severity::Info, "{d:?}");
        assert!(
            d.message.ends_with("; Alertmanager main (monitoring.coreos.com/v1, a custom resource) writes these labels at spec.podMetadata.labels: its operator, which Switchboard does not model, likely makes the pods this selects once it runs"),
            "{}",
            d.message
        );
    }
    let other = find("NoPodsSelected", "Service/monitoring/alertmanager-other");
    assert_eq!(other.severity, Severity::Warning, "{other:?}");
    assert!(!other.message.contains("custom resource"), "{}", other.message);
    // the same in another namespace: not the Alertmanager's pods
    let moved = src.replace("  name: alertmanager-main\n  namespace: monitoring\nspec:\n  ports:", "  name: alertmanager-main\n  namespace: elsewhere\nspec:\n  ports:");
    let r = analyze(&moved, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NoPodsSelected" && d.object.as_deref() == Some("Service/elsewhere/alertmanager-main")).expect("warning");
    assert_eq!(d.severity, Severity::Warning);
}

/// The incremental analysis (the page's) says the same as a fresh one, after an edit too.
#[test]
fn operator_pods_soften_the_same_incrementally() {
    let src = include_str!("../../tests/fixtures/corpus10/kube-prometheus-alertmanager.yaml");
    let cfg = Config::default();
    let mut inc = super::incremental::Incremental::new();
    inc.set(src.to_string());
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(src, &cfg).to_json());
    let at = src.find("app.kubernetes.io/version: 0.33.1").unwrap();
    assert!(inc.splice(at, at, "x-"));
    let r = inc.analyze(&cfg);
    assert_eq!(r.to_json(), analyze(inc.text(), &cfg).to_json());
    assert!(r.diagnostics.iter().any(|d| d.code == "NoPodsSelected" && d.severity == Severity::Info));
}

/// A text whose first non-space byte is `{` is JSON to kubectl (apimachinery
/// pkg/util/yaml/decoder.go `YAMLOrJSONDecoder.Decode`: `GuessJSONStream` → encoding/json's
/// Decoder; `JSONSyntaxError.Error`: `json: offset N: …`). Each row's words were printed by
/// kubectl v1.32 (`kubectl annotate --local -f FILE qa=1 -o name`) for the same text; review21:
/// since kubernetes/kubernetes#130666 (Kubernetes 1.33) the decoder reads on as YAML where
/// encoding/json fails before a second value, so the rows a YAML reader accepts are accepted.
#[test]
fn yaml_or_json_decoder_json_stream_words() {
    let cm = |n: &str| format!("{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"{n}\"}}}}");
    let rows: Vec<(String, Vec<&str>, usize)> = vec![
        // a key without quotes: YAML flow style, not JSON; read as YAML (#130666)
        ("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n".into(), vec![], 1),
        // a trailing comma, after a blank line: YAML accepts it (#130666)
        ("  \n{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"},}\n".into(), vec![], 1),
        // two objects one after the other: two documents, no error
        (format!("{}\n{}\n", cm("a"), cm("b")), vec![], 2),
        // JSON, then a `---` line: the first object is sent, encoding/json stops at '-' and the
        // decoder reads on as YAML (#130666: one value read, `d.count > 1` is false)
        (format!("{}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n", cm("a")), vec![], 2),
        // the second object not JSON (kubectl v1.32: json: offset 91, invalid character 'k')
        // (#130666: one value read, so the rest is YAML, where it is a ConfigMap without a name)
        (format!("{}\n{{\"apiVersion\": \"v1\", kind: \"ConfigMap\"}}\n", cm("a")), vec!["2:1: metadata.name: Required value: name or generateName is required"], 1),
        // cut short
        ("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}".into(), vec!["1:68: error parsing STDIN: unexpected EOF"], 0),
    ];
    for (src, want, configmaps) in rows {
        let r = analyze(&src, &Config::default());
        let e: Vec<String> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect();
        assert_eq!(e, want, "{src}");
        let read = r.diagnostics.iter().filter(|d| d.code == "IgnoredKind" && d.message.starts_with("ConfigMap")).count();
        assert_eq!(read, configmaps, "{src}: {:?}", r.diagnostics);
    }
}

/// An unrendered Helm template whose first line is `{{- … }}`: JSON to kubectl, refused at its
/// second byte (not a YAML error).
#[test]
fn yaml_or_json_decoder_helm_template_first_line() {
    let e = errors(include_str!("../../tests/fixtures/corpus10/traefik-service-template.yaml"));
    assert_eq!(e, vec!["1:2: error parsing STDIN: json: offset 2: invalid character '{' looking for beginning of object key string".to_string()], "{e:?}");
}

/// go-yaml v2 scannerc.go `yaml_parser_fetch_block_entry` lets a `- ` in a flow collection through
/// as a BLOCK-ENTRY token and parserc.go `yaml_parser_parse_node` refuses it: `did not find
/// expected node content` (kubectl's words for a `{{- if … }}` line after comments).
#[test]
fn go_yaml_v2_block_entry_in_flow_is_no_node_content() {
    let e = errors(include_str!("../../tests/fixtures/corpus10/dashboard-web-service-template.yaml"));
    assert_eq!(e, vec!["4:3: error parsing STDIN: error converting YAML to JSON: yaml: did not find expected node content".to_string()], "{e:?}");
}

/// go-yaml v2 Unmarshal reads a chunk's first document only: after a whole root, the rest is
/// never parsed (kubectl v1.32: the ConfigMap is read and its `data` dropped; the template's
/// root is refused as an invalid map key, not as a missing `<document start>`).
#[test]
fn go_yaml_v2_unmarshal_reads_the_first_root_only() {
    let r = analyze("# c\n{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\ndata: {x: y}\n", &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.code == "IgnoredKind" && d.message.starts_with("ConfigMap")), "{:?}", r.diagnostics);
    let e = errors("# c\n{{ if .Values.x }}\napiVersion: v1\nkind: ConfigMap\n");
    assert_eq!(e, vec!["2:2: error parsing STDIN: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"if .Values.x\":interface {}(nil)}".to_string()], "{e:?}");
}
