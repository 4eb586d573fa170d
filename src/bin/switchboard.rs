//! `switchboard analyze [--format json|text] [--nodes N] [--service-cidr CIDR[,CIDR]]
//! [--node-port-range A-B] [--cluster-domain D] [--cloud] [--down NODE]... [--rollout
//! [NS/]DEPLOYMENT]... FILE...` (`-` reads stdin).
//! Exit 0: no error diagnostics; 1: errors (the report is still printed); 2: bad arguments or
//! unreadable input.

use std::io::Read;
use std::process::ExitCode;

use switchboard::core::{analyze_files_staged, config::Config, Source, STDIN};

const USAGE: &str = "usage: switchboard analyze [--format json|text] [--nodes N] [--service-cidr CIDR[,CIDR]]
                            [--node-port-range A-B] [--cluster-domain D] [--cloud]
                            [--client-node NODE] [--client-namespace NS] [--client-pod [NS/]POD]
                            [--lookup NAME]... [--down NODE]... [--rollout [NS/]DEPLOYMENT]... FILE...
       (FILE '-' reads standard input; --client-node: the in-cluster client pod runs on NODE;
        --client-namespace: your own pod named client in NS is the in-cluster client;
        --client-pod: your pod POD of the input (in NS, else --client-namespace, else default)
        is the in-cluster client: its labels and namespace meet the NetworkPolicies;
        --lookup: resolve NAME as the client pod's resolver does (its search path and ndots,
        each query in order and the cluster DNS's answer), after the report (text), or as the
        report's \"lookups\" list (json); repeatable;
        --down: the page's what-if \"Node goes down (NotReady)\" on NODE: the cluster once
        node-monitor-grace-period has passed (Ready Unknown, the unreachable taints, its pods
        Ready=False, paths through it failing); repeatable;
        --rollout: the page's what-if \"Roll out a new version\" of Deployment DEPLOYMENT (in NS,
        else default): the rollout's first step (kubectl set image); repeatable;
        --service-cidr: IPv4 (10.96.0.0/12), IPv6 (fd00:10:96::/112), or one of each for
        dual-stack, the first being the primary family: 10.96.0.0/12,fd00:10:96::/112)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("switchboard: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("analyze") => {}
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(format!("unknown command {other:?}")),
        None => return Err("missing command".into()),
    }
    let mut cfg = Config::default();
    let mut format = "json".to_string();
    let mut files = Vec::new();
    let mut lookups: Vec<String> = Vec::new();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--format" => {
                format = value("--format")?;
                if format != "json" && format != "text" {
                    return Err(format!("--format must be json or text, not {format:?}"));
                }
            }
            "--nodes" => {
                let v = value("--nodes")?;
                cfg.nodes = v.parse().ok().filter(|n| (1..=250).contains(n)).ok_or(format!("--nodes must be 1..250, not {v:?}"))?;
            }
            "--service-cidr" => {
                // kube-apiserver --service-cluster-ip-range: one CIDR, or two of different
                // families in either order (Config::with_service_cidrs)
                let v = value("--service-cidr")?;
                cfg = std::mem::take(&mut cfg).with_service_cidrs(&v).map_err(|why| format!("--service-cidr: {why}"))?;
            }
            "--node-port-range" => {
                let v = value("--node-port-range")?;
                let parsed = v.split_once('-').and_then(|(a, b)| Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?)));
                cfg.node_port_range = parsed.filter(|(a, b)| a <= b && *a > 0).ok_or(format!("--node-port-range must look like 30000-32767, not {v:?}"))?;
                cfg.node_port_range_set = true;
            }
            "--cluster-domain" => {
                let v = value("--cluster-domain")?;
                if v.is_empty() || !switchboard::core::names::dns1123_subdomain(&v).is_empty() {
                    return Err(format!("--cluster-domain must be a DNS name, not {v:?}"));
                }
                cfg.cluster_domain = v;
            }
            "--cloud" => cfg.cloud = true,
            "--client-node" => cfg.client_node = Some(value("--client-node")?),
            "--client-namespace" => cfg.client_namespace = Some(value("--client-namespace")?),
            "--client-pod" => {
                let v = value("--client-pod")?;
                match v.split_once('/') {
                    Some((ns, name)) => {
                        cfg.client_namespace = Some(ns.to_string());
                        cfg.client_pod = Some(name.to_string());
                    }
                    None => cfg.client_pod = Some(v),
                }
            }
            "--lookup" => lookups.push(value("--lookup")?),
            // the page's node panel "Node goes down (NotReady)" and pod panel "Roll out a new
            // version" (whatif22; whatif23 gave the CLI the same): Config::down, Config::rollout
            "--down" => cfg.down.push(value("--down")?),
            "--rollout" => {
                let v = value("--rollout")?;
                cfg.rollout.push(if v.contains('/') { v } else { format!("default/{v}") });
            }
            "-" => files.push("-".to_string()),
            f if f.starts_with("--") => return Err(format!("unknown option {f}")),
            f => files.push(f.to_string()),
        }
    }
    if files.is_empty() {
        return Err("no input: name a FILE or '-' for standard input".into());
    }
    let mut text = String::new();
    // each file is a stream of its own (core::Source): an error in one stops that file alone
    let mut sources = Vec::new();
    for f in &files {
        let mut bytes = Vec::new();
        let r = if f == "-" { std::io::stdin().read_to_end(&mut bytes).map(|_| ()) } else { std::fs::read(f).map(|b| bytes = b) };
        r.map_err(|e| format!("cannot read {f}: {e}"))?;
        // binary junk is read lossily; the YAML parser then reports where it stops
        if files.len() == 1 {
            // one file: its bytes become the text (no second copy of a 50 MB dump)
            text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            sources.push(Source { bytes: 0..text.len(), name: source_name(f) });
            break;
        }
        let part = String::from_utf8_lossy(&bytes);
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.is_empty() {
            text.push_str("---\n");
        }
        let start = text.len();
        text.push_str(&part);
        sources.push(Source { bytes: start..text.len(), name: source_name(f) });
    }
    // SWITCHBOARD_STAGES=1: where the time goes, stage by stage, on stderr (issue #12)
    let timed = std::env::var_os("SWITCHBOARD_STAGES").is_some();
    let mut stages: Vec<(&'static str, std::time::Duration, u64)> = Vec::new();
    let start = std::time::Instant::now();
    let mut last = start;
    // the per-Service stages end once per Service: reading /proc each time would be most of
    // their time, so a repeated stage's memory is read at most every 20 ms
    let mut rss_read = start;
    let report = analyze_files_staged(text, &sources, &cfg, &mut |name| {
        if timed {
            let now = std::time::Instant::now();
            match stages.iter_mut().find(|(n, ..)| *n == name) {
                Some((_, d, r)) => {
                    *d += now - last;
                    if now - rss_read > std::time::Duration::from_millis(20) {
                        *r = rss_kib();
                        rss_read = std::time::Instant::now();
                    }
                }
                None => stages.push((name, now - last, rss_kib())),
            }
            last = std::time::Instant::now();
        }
    });
    if let Some(n) = cfg.client_node.as_deref().filter(|n| !report.nodes.iter().any(|x| x.name == *n)) {
        let names: Vec<&str> = report.nodes.iter().map(|x| x.name.as_str()).collect();
        return Err(format!("--client-node: the cluster has no node {n:?} (nodes: {})", names.join(", ")));
    }
    if let Some(n) = cfg.down.iter().find(|n| !report.nodes.iter().any(|x| x.name == **n)) {
        let names: Vec<&str> = report.nodes.iter().map(|x| x.name.as_str()).collect();
        return Err(format!("--down: the cluster has no node {n:?} (nodes: {})", names.join(", ")));
    }
    // a Deployment the report says nothing of (its RollingUpdate note, or why it is not rolled
    // out): the input has none of that name (or the API server refuses it)
    for d in &cfg.rollout {
        let (ns, name) = d.split_once('/').unwrap_or(("default", d));
        let id = switchboard::core::model::object_id("Deployment", ns, name);
        if !report.diagnostics.iter().any(|x| matches!(x.code.as_str(), "RollingUpdate" | "RolloutNotDrawn") && x.object.as_deref() == Some(id.as_str())) {
            return Err(format!("--rollout: the input has no Deployment {name:?} in namespace {ns:?} that the API server accepts"));
        }
    }
    // qa5 10 (kubernetes/kubernetes#120922): "why does trino.datalake resolve to …" is a
    // question about one name asked from one pod: core::dnsquery::lookup answers it (the pod's
    // search path, glibc's ndots order, each query's answer)
    let asked: Vec<switchboard::core::dnsquery::Lookup> = {
        let ns = cfg.client_namespace.clone().unwrap_or_else(|| switchboard::core::paths::CLIENT_NAMESPACE.into());
        let pod = cfg.client_pod.clone().unwrap_or_else(|| switchboard::core::paths::CLIENT_POD.into());
        lookups.iter().map(|name| switchboard::core::dnsquery::lookup(&report, &ns, &pod, name)).collect()
    };
    if format == "json" && !asked.is_empty() {
        // (the report with one more top-level field, "lookups": the contract adds, never renames)
        let mut v = serde_json::to_value(&report).map_err(|e| format!("cannot write the report: {e}"))?;
        if let Some(map) = v.as_object_mut() {
            map.insert("lookups".into(), serde_json::to_value(&asked).map_err(|e| format!("cannot write the report: {e}"))?);
        }
        let text = serde_json::to_string_pretty(&v).map_err(|e| format!("cannot write the report: {e}"))?;
        println!("{text}");
    } else if format == "json" {
        // streamed (the same bytes as `to_json()` and a newline): a whole-cluster report is tens of MB
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, &report).and_then(|()| writeln!(out).map_err(serde_json::Error::io)).map_err(|e| format!("cannot write the report: {e}"))?;
    } else {
        print!("{}", report.to_text());
        for l in &asked {
            print!("{}", lookup_text(l));
        }
    }
    if timed {
        stages.push(("output", last.elapsed(), rss_kib()));
        eprintln!("{:<28} {:>9} {:>22}", "stage", "time", "resident after (last)");
        for (name, d, rss) in &stages {
            eprintln!("{:<28} {:>9.1} ms {:>16} MB", name, d.as_secs_f64() * 1e3, rss / 1024);
        }
        eprintln!("{:<28} {:>9.1} ms", "total", start.elapsed().as_secs_f64() * 1e3);
    }
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// One `--lookup` in the text format: the name, the asking pod's search path, each query the
/// resolver sends (in order, up to the one answered) with the cluster DNS's answer and why.
fn lookup_text(l: &switchboard::core::dnsquery::Lookup) -> String {
    let mut out = format!("\nDNS lookup {:?} from pod {} (search {}; ndots {}):\n", l.name, l.pod, l.search.join(" "), l.ndots);
    for (i, t) in l.tries.iter().enumerate() {
        let answers: Vec<String> = t.answers.iter().map(|r| format!("{} {}", r.kind, r.answer)).collect();
        let got = if answers.is_empty() { t.rcode.clone() } else { format!("{} -> {}", t.rcode, answers.join(", ")) };
        out.push_str(&format!("  {}. {} {}: {got}\n", i + 1, t.qtype, t.query));
        if !t.note.is_empty() {
            out.push_str(&format!("     {}\n", t.note));
        }
    }
    out.push_str(&format!("  {}\n", l.summary));
    out
}

/// A file's name as kubectl prints it in `error parsing <name>: …` (the path as given;
/// standard input is STDIN: k8s.io/cli-runtime pkg/resource/visitor.go `FileVisitorForSTDIN`).
fn source_name(f: &str) -> String {
    if f == "-" {
        STDIN.to_string()
    } else {
        f.to_string()
    }
}

/// Resident memory now (KiB; Linux /proc, 0 elsewhere).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}
