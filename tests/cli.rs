//! The CLI as a user runs it: exit codes, formats, stdin, and junk input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn cli(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        // (a CLI that refuses its arguments exits before reading: its closed pipe is no failure)
        if let Err(e) = child.stdin.take().unwrap().write_all(input) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn analyze_json_of_the_tutorial_example() {
    let (code, out, _) = cli(&["analyze", "examples/web.yaml"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["services"][0]["name"], "web");
    assert_eq!(v["services"][0]["endpoints"].as_array().unwrap().len(), 3);
    assert_eq!(v["services"][0]["dns"][0], "web.default.svc.cluster.local");
}

#[test]
fn analyze_text_and_options() {
    let (code, out, _) = cli(
        &["analyze", "--format", "text", "--nodes", "5", "--service-cidr", "172.20.0.0/16", "--cluster-domain", "corp.local", "presets/web-nodeport.yaml"],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("Cluster: 5 nodes, service CIDR 172.20.0.0/16"), "{out}");
    assert!(out.contains("web.default.svc.corp.local"));
    assert!(out.contains("nodePort 30080 on every node"));
    assert_eq!(out.matches("path from nodeport via node-").count(), 5);
}

/// `--client-node`: the in-cluster client runs on that node, so internalTrafficPolicy: Local
/// (pkg/proxy/topology.go CategorizeEndpoints: node-local endpoints only, no fallback) drops a
/// request from a node without an endpoint; a node the cluster lacks is a usage error.
#[test]
fn client_node_moves_the_in_cluster_client() {
    let y = b"apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, internalTrafficPolicy: Local, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web}}\nspec: {nodeName: node-1, containers: [{name: c, image: nginx}]}\n";
    let (code, out, _) = cli(&["analyze", "--format", "text", "-"], Some(y));
    assert_eq!(code, 0);
    assert!(out.contains("path from pod via node-1 port 80: delivered"), "{out}");
    let (code, out, _) = cli(&["analyze", "--format", "text", "--client-node", "node-2", "-"], Some(y));
    assert_eq!(code, 0);
    assert!(out.contains("path from pod via node-2 port 80: dropped — internalTrafficPolicy Local and no endpoint on node-2"), "{out}");
    let (code, _, err) = cli(&["analyze", "--client-node", "node-9", "-"], Some(y));
    assert_eq!(code, 2);
    assert!(err.contains("no node \"node-9\" (nodes: node-1, node-2, node-3)"), "{err}");
}

#[test]
fn exit_1_on_errors_with_the_report_still_printed() {
    let bad = b"apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 0}]\n";
    let (code, out, _) = cli(&["analyze", "-"], Some(bad));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["field"], "spec.ports[0].port");
    assert_eq!(d["type"], "Invalid");
    assert_eq!(d["line"], 5);
    assert_eq!(d["object"], "Service/default/web");
}

#[test]
fn exit_2_on_bad_arguments_or_missing_files() {
    assert_eq!(cli(&[], None).0, 2);
    assert_eq!(cli(&["analyze"], None).0, 2);
    assert_eq!(cli(&["analyze", "--format", "xml", "x"], None).0, 2);
    assert_eq!(cli(&["analyze", "--node-port-range", "9-1", "x"], None).0, 2);
    let (code, _, err) = cli(&["analyze", "does/not/exist.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read does/not/exist.yaml"));
}

#[test]
fn never_panics_on_junk() {
    let mut junk: Vec<Vec<u8>> = vec![
        vec![],
        b"\x00\x01\x02\xff\xfe".to_vec(),
        b"---\n---\n".to_vec(),
        b"# only a comment\n".to_vec(),
        b"[".repeat(100_000),
        b"{a: ".repeat(5_000),
        b"kind: Service\nmetadata: {name: [1]}\nspec: {ports: [{port: abc, targetPort: {}}]}\n".to_vec(),
        b"kind: List\nitems: 3\n".to_vec(),
        b"kind: Service\n\tspec: {}\n".to_vec(),
    ];
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let mut prev = 'a';
    for n in 'b'..='i' {
        bomb.push_str(&format!("{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = n;
    }
    junk.push(bomb.into_bytes());
    for j in junk {
        let (code, out, err) = cli(&["analyze", "-"], Some(&j));
        assert!(code == 0 || code == 1, "exit {code} for {:?}: {err}", String::from_utf8_lossy(&j[..j.len().min(40)]));
        assert!(!err.contains("panicked"), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
    }
}

/// `--service-cidr v4,v6`: a dual-stack cluster (IPv4 first) accepts a Service asking for IPv6
/// second (alloc.go initIPFamilyFields), which a single-stack one refuses.
#[test]
fn dual_stack_service_cidr() {
    let y = b"apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv6], selector: {app: web}, ports: [{port: 80}]}\n";
    let (code, out, _) = cli(&["analyze", "--format", "text", "-"], Some(y));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("this cluster is not configured for dual-stack services"), "{out}");
    let (code, out, _) = cli(&["analyze", "--format", "text", "--service-cidr", "10.96.0.0/12,fd00:10:96::/112", "-"], Some(y));
    assert_eq!(code, 0, "{out}");
    // (no input: the arguments are refused before any is read, and a pipe to write would break)
    let (code, _, err) = cli(&["analyze", "--service-cidr", "10.96.0.0/12,10.97.0.0/16", "x.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("not an IPv6 CIDR"), "{err}");
}

/// `--service-cidr v6`: an IPv6-only cluster (kube-apiserver --service-cluster-ip-range
/// fd00:10:96::/112) draws the tutorial web Service's clusterIP there, answers AAAA, and writes
/// IPv6 endpoints in brackets; `v6,v4` is dual-stack IPv6 first; an IPv6 range wider than
/// /108 is refused as kube-apiserver's validateMaxCIDRRange refuses it.
#[test]
fn ipv6_service_cidr() {
    let (code, out, err) = cli(&["analyze", "--format", "text", "--service-cidr", "fd00:10:96::/112", "presets/web-clusterip.yaml"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("service CIDR fd00:10:96::/112"), "{out}");
    assert!(out.contains("  clusterIP: fd00:10:96::"), "{out}");
    assert!(out.contains("  DNS AAAA web.default.svc.cluster.local -> fd00:10:96::"), "{out}");
    assert!(out.contains("endpoint web-") && out.contains(" [fd00:10:244:"), "{out}");
    assert!(!out.contains("10.96.") && !out.contains("10.244.") && !out.contains("192.168."), "an IPv4 address in an IPv6 cluster: {out}");
    // dual-stack IPv6 first: a Service asking for IPv4 as its only family is accepted
    let y = b"apiVersion: v1\nkind: Service\nmetadata: {name: legacy}\nspec: {ipFamilies: [IPv4], selector: {app: web}, ports: [{port: 80}]}\n";
    let (code, out, _) = cli(&["analyze", "--format", "text", "--service-cidr", "fd00:10:96::/112", "-"], Some(y));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("spec.ipFamilies[0]: Invalid value: \"IPv4\": not configured on this cluster"), "{out}");
    let (code, out, _) = cli(&["analyze", "--format", "text", "--service-cidr", "fd00:10:96::/112,10.96.0.0/12", "-"], Some(y));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("  DNS A legacy.default.svc.cluster.local -> 10."), "{out}");
    let (code, _, err) = cli(&["analyze", "--service-cidr", "fd00:10:96::/64", "x.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("the mask must be >= 108"), "{err}");
    let (code, _, err) = cli(&["analyze", "--service-cidr", "fd00:10:96::/112,fd00:10:97::/112", "x.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("not an IPv4 CIDR"), "{err}");
}

/// Dual-stack (alloc.go allocClusterIPs): `--service-cidr v4,v6` and a PreferDualStack Service:
/// the header lists both ranges, the Service both clusterIPs and both DNS records, each node
/// and pod both addresses.
#[test]
fn dual_stack_service_cidr_text() {
    let y = b"apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web}}\nspec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ipFamilyPolicy: PreferDualStack, selector: {app: web}, ports: [{port: 80}]}\n";
    let (code, out, err) = cli(&["analyze", "--format", "text", "--service-cidr", "10.96.0.0/12,fd00:10:96::/112", "-"], Some(y));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("service CIDR 10.96.0.0/12,fd00:10:96::/112 (dual-stack)"), "{out}");
    assert!(out.contains("  clusterIPs: 10.") && out.contains(", fd00:10:96::") && out.contains("(ipFamilies IPv4, IPv6)"), "{out}");
    assert!(out.contains("  DNS A web.default.svc.cluster.local -> 10.") && out.contains("  DNS AAAA web.default.svc.cluster.local -> fd00:10:96::"), "{out}");
    assert!(out.contains("  node node-1 192.168.49.2, 2001:db8:49::2 pods 10.244.0.0/24, fd00:10:244::/64"), "{out}");
    assert!(out.contains("  pod default/web-1 on node-1 ip 10.244.0.2, fd00:10:244::2 Running"), "{out}");
    assert!(out.contains("  endpoint web-1 10.244.0.2:80 and [fd00:10:244::2]:80 on node-1 ready"), "{out}");
}

/// The page's "IP family" choices and the CLI's `--service-cidr` give the same report (both
/// through Config::with_service_cidrs): a PreferDualStack Service gets one or two clusterIPs.
#[test]
fn page_families_equal_the_service_cidr_flag() {
    use switchboard::core::config::{Config, Families};
    let y = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ipFamilyPolicy: PreferDualStack\n  selector: {app: web}\n  ports: [{port: 80}]\n";
    for f in Families::ALL {
        let want = switchboard::core::analyze(y, &f.apply(Config::default())).to_json();
        let args: Vec<&str> = match f.service_cidrs() {
            Some(v) => vec!["analyze", "--service-cidr", v, "-"],
            None => vec!["analyze", "-"],
        };
        let (code, out, err) = cli(&args, Some(y.as_bytes()));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.trim_end(), want, "{}", f.label());
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["services"][0]["clusterIPs"].as_array().map_or(1, Vec::len), if f.key().contains(',') { 2 } else { 1 }, "{}", f.label());
    }
}

/// streamfix (qa2 B1/B2): each FILE is a stream of its own, as `kubectl apply -f a -f b`
/// reads them (k8s.io/cli-runtime pkg/resource/builder.go `visitByPaths`: an `EagerVisitorList`
/// of FileVisitors under ContinueOnError); a YAML error stops its own file at that document
/// (visitor.go `StreamVisitor.Visit`: `error parsing <file>: …`) and not the next file.
#[test]
fn stream_visitor_visit_each_file_stops_alone() {
    let broken = "tests/fixtures/streamfix/q28-broken.yaml";
    let (code, out, err) = cli(&["analyze", broken, "tests/fixtures/streamfix/web.yaml"], None);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v["services"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    // q28's Service ciao (after its broken Deployment) is not sent; web.yaml's Service is
    assert_eq!(names, ["web"]);
    let syntax: Vec<&serde_json::Value> = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "YAMLSyntax").collect();
    assert_eq!(syntax.len(), 1, "{syntax:?}");
    let msg = syntax[0]["message"].as_str().unwrap();
    assert!(msg.starts_with(&format!("error parsing {broken}: error converting YAML to JSON: yaml: did not find expected key")), "{msg}");
    // kubectl's words alone in the message; what is not sent is our hint, beside them (qa2 E1)
    assert_eq!(msg, format!("error parsing {broken}: error converting YAML to JSON: yaml: did not find expected key"));
    let hint = syntax[0]["hint"].as_str().unwrap_or_default();
    assert!(hint.contains("this document and the 1 document after it are not sent"), "{hint}");
    assert_eq!((syntax[0]["line"].as_u64(), syntax[0]["column"].as_u64()), (Some(29), Some(5)));
    // one file: the same error stops the rest of it; standard input is STDIN
    let text = std::fs::read(broken).unwrap();
    let (_, out, _) = cli(&["analyze", "-"], Some(&text));
    assert!(out.contains("error parsing STDIN: error converting YAML to JSON: yaml: did not find expected key"), "{out}");
    // qa2 q/47: `---apiVersion: v1` (decoder.go YAMLReader.Read) refuses the whole file
    let (code, out, _) = cli(&["analyze", "--format", "text", "tests/fixtures/streamfix/q47-glued.yaml"], None);
    assert_eq!(code, 1);
    assert!(out.contains("error parsing tests/fixtures/streamfix/q47-glued.yaml: invalid Yaml document separator: apiVersion: v1"), "{out}");
}

/// qa5 10 (kubernetes/kubernetes#120922): "why does trino.datalake from a pod in datalake not
/// reach trino" is a question about one name from one pod; the CLI could not ask it.
/// `--lookup NAME` prints the resolver's queries (the pod's search path first: ndots 5) and the
/// cluster DNS's answers (core::dnsquery::lookup), after the text report or as "lookups" in JSON.
#[test]
fn lookup_prints_the_resolvers_queries_and_answers() {
    let file = "tests/fixtures/qa5-10-externalname-named-like-namespace.yaml";
    let (code, out, err) = cli(&["analyze", "--format", "text", "--client-pod", "datalake/client", "--lookup", "trino.datalake", file], None);
    assert_eq!(code, 0, "{err}");
    let at = out.find("DNS lookup \"trino.datalake\" from pod datalake/client (search datalake.svc.cluster.local svc.cluster.local cluster.local; ndots 5):").unwrap_or_else(|| panic!("{out}"));
    let section = &out[at..];
    let first = section.find("1. A trino.datalake.datalake.svc.cluster.local.: NXDOMAIN").unwrap_or_else(|| panic!("{section}"));
    let second = section.find("2. A trino.datalake.svc.cluster.local.: NOERROR -> A ").unwrap_or_else(|| panic!("{section}"));
    assert!(first < second);
    let (code, out, _) = cli(&["analyze", "--client-pod", "datalake/client", "--lookup", "trino.datalake", "--lookup", "datalake", file], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["lookups"].as_array().unwrap().len(), 2);
    assert_eq!(v["lookups"][0]["tries"][1]["rcode"], "NOERROR");
    assert_eq!(v["services"].as_array().unwrap().len(), 3);
    // without --lookup the report has no such field
    let (_, out, _) = cli(&["analyze", file], None);
    assert!(serde_json::from_str::<serde_json::Value>(&out).unwrap().get("lookups").is_none());
}

/// whatif23: `--down NODE` and `--rollout [NS/]DEPLOYMENT` are the page's what-ifs "Node goes
/// down (NotReady)" and "Roll out a new version" (Config::down, Config::rollout): the down
/// node's nodePort answers nothing and its Ready is Unknown (printed NotReady); the rollout's
/// first step adds a not-ready pod of a new ReplicaSet. A node or Deployment the input lacks is
/// a usage error (exit 2), as `--client-node` is.
#[test]
fn down_and_rollout_are_the_pages_what_ifs() {
    let (code, out, _) = cli(&["analyze", "--format", "text", "presets/web-nodeport.yaml"], None);
    assert_eq!(code, 0);
    assert!(out.contains("path from nodeport via node-2 port 80 (nodePort 30080): delivered"), "{out}");
    let (code, out, err) = cli(&["analyze", "--format", "text", "--down", "node-2", "presets/web-nodeport.yaml"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("path from nodeport via node-2 port 80 (nodePort 30080): dropped"), "{out}");
    assert!(out.contains("node node-2 is down: nothing answers at its address"), "{out}");
    assert!(out.contains("path from nodeport via node-1 port 80 (nodePort 30080): delivered"), "{out}");
    assert!(out.contains("  node node-2 ") && out.contains(", NotReady (down, what-if), taints node.kubernetes.io/unreachable:NoSchedule"), "{out}");
    let (code, _, err) = cli(&["analyze", "--down", "node-9", "presets/web-nodeport.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--down: the cluster has no node \"node-9\""), "{err}");

    let (code, out, err) = cli(&["analyze", "--rollout", "web", "presets/web-clusterip.yaml"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes: Vec<&serde_json::Value> = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "RollingUpdate").collect();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["message"].as_str().unwrap().starts_with("Deployment web rolls out a new version"));
    assert_eq!(v["pods"].as_array().unwrap().iter().filter(|p| p["ready"] == false).count(), 1, "{}", v["pods"]);
    let (code, out2, _) = cli(&["analyze", "--rollout", "default/web", "presets/web-clusterip.yaml"], None);
    assert_eq!((code, &out2), (0, &out));
    let (code, _, err) = cli(&["analyze", "--rollout", "nope", "presets/web-clusterip.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--rollout: the input has no Deployment \"nope\" in namespace \"default\""), "{err}");
}
