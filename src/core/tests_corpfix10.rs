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
