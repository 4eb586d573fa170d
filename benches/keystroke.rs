//! `cargo bench --bench keystroke`: the analysis worker's path per keystroke on the biggest
//! synthetic dump (tools/bench_dump.py, 10,000 pods, 1,000 Services; issue #12), natively:
//! one character typed into the first Service's name (ui::worker's TextDoc: splice, the
//! incremental analysis of core::incremental, the wire's bytes of what changed since the last
//! report; then the page's decoding of them onto the report it holds), with
//! the analysis stage by stage. Prints medians and minima; asserts nothing. `SWITCHBOARD_BENCH_PODS=N`
//! picks the dump, `SWITCHBOARD_BENCH_KEYS=N` the number of keystrokes (default 30),
//! `SWITCHBOARD_BENCH_FILE=path` another text instead (its first Service's name is typed into),
//! `SWITCHBOARD_BENCH_SHAPE=endpoints` the dump with each Service's Endpoints and EndpointSlice
//! (`tools/bench_dump.py --endpoints`, a real dump's shape), `=twice` the List printing every pod
//! twice (`--twice`, `kubectl get all,pods -A -o yaml`), `=list` the same objects as the default
//! dump in one `kind: List` (`pods-N-list.yaml`, as `kubectl get all -A -o yaml` prints them).

use std::collections::BTreeMap;
use std::time::Instant;

use switchboard::core::config::Config;
use switchboard::core::incremental::Incremental;
use switchboard::core::wire;

fn main() {
    let pods: usize = std::env::var("SWITCHBOARD_BENCH_PODS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let keys: usize = std::env::var("SWITCHBOARD_BENCH_KEYS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let dir = std::path::Path::new(&target).join("bench").join("dumps");
    let shape = std::env::var("SWITCHBOARD_BENCH_SHAPE").ok().filter(|s| matches!(s.as_str(), "endpoints" | "twice" | "list"));
    let path = dir.join(match &shape {
        Some(s) => format!("pods-{pods}-{s}.yaml"),
        None => format!("pods-{pods}.yaml"),
    });
    if !path.exists() && std::env::var_os("SWITCHBOARD_BENCH_FILE").is_none() {
        let mut cmd = std::process::Command::new("python3");
        cmd.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/bench_dump.py"));
        if let Some(s) = shape.as_deref().filter(|s| *s != "list") {
            cmd.arg(format!("--{s}"));
        }
        let ok = cmd.arg(&dir).arg(pods.to_string()).status();
        assert!(ok.is_ok_and(|s| s.success()), "python3 tools/bench_dump.py");
    }
    let path = std::env::var("SWITCHBOARD_BENCH_FILE").map(std::path::PathBuf::from).unwrap_or(path);
    let text = std::fs::read_to_string(&path).expect("the dump");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(text.clone());
    let t = Instant::now();
    let first = inc.analyze(&cfg);
    println!("{} ({} bytes): first analysis {:.1} ms, {} Services, {} pods", path.display(), text.len(), t.elapsed().as_secs_f64() * 1e3, first.services.len(), first.pods.len());
    // the page holds the first report whole; the worker, what it sent
    let mut held = wire::decode(&wire::encode(&first)).expect("decodes");
    let mut sent = first;
    // the end of the first Service's name, as tools/bench.py types
    let svc = text.find("kind: Service").expect("a Service");
    // (its metadata.name: the first `name:` key after it, at any indentation: a List's items
    // are indented)
    let mut pos = svc + text[svc..].find(" name: ").expect("its name") + " name: ".len();
    pos += text[pos..].find('\n').unwrap();
    let mut spans: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut push = |k: &str, ms: f64, spans: &mut BTreeMap<String, Vec<f64>>| {
        if !order.iter().any(|o| o == k) {
            order.push(k.to_string());
        }
        spans.entry(k.to_string()).or_default().push(ms);
    };
    for _ in 0..keys {
        let t0 = Instant::now();
        inc.splice(pos, pos, "x");
        pos += 1;
        push("splice", t0.elapsed().as_secs_f64() * 1e3, &mut spans);
        let t1 = Instant::now();
        let mut last = Instant::now();
        let mut stages: Vec<(&'static str, f64)> = Vec::new();
        let report = inc.analyze_staged(&cfg, &mut |s| {
            stages.push((s, last.elapsed().as_secs_f64() * 1e3));
            last = Instant::now();
        });
        let analyse = t1.elapsed().as_secs_f64() * 1e3;
        let mut per: BTreeMap<&str, f64> = BTreeMap::new();
        for (s, ms) in &stages {
            *per.entry(s).or_default() += ms;
        }
        for (s, _) in &stages {
            if let Some(ms) = per.remove(s) {
                push(&format!("  analyse: {s}"), ms, &mut spans);
            }
        }
        push("analyse (total)", analyse, &mut spans);
        // the worker: what changed since the report it sent last (ui::worker::TextDoc::encode)
        let t2 = Instant::now();
        let bytes = wire::encode_since(&report, &sent, 0, 1).unwrap_or_default();
        push("wire encode (what changed)", t2.elapsed().as_secs_f64() * 1e3, &mut spans);
        // the page: applied to the report it holds (ui::worker::Analyst::answer)
        let t3 = Instant::now();
        let back = if bytes.is_empty() { held.clone() } else { wire::decode_since(&bytes, Some(&held)).expect("decodes") };
        push("wire decode (page)", t3.elapsed().as_secs_f64() * 1e3, &mut spans);
        let t6 = Instant::now();
        let same = back.services == report.services && back.pods == report.pods && back.diagnostics == report.diagnostics;
        push("compare two reports (Services, pods, diagnostics)", t6.elapsed().as_secs_f64() * 1e3, &mut spans);
        assert!(same, "the decoded report is the report");
        let t4 = Instant::now();
        drop(std::mem::replace(&mut held, back));
        push("drop the page's last report", t4.elapsed().as_secs_f64() * 1e3, &mut spans);
        let t5 = Instant::now();
        drop(std::mem::replace(&mut sent, report));
        push("drop the worker's last report", t5.elapsed().as_secs_f64() * 1e3, &mut spans);
        push("wire bytes (KB)", bytes.len() as f64 / 1e3, &mut spans);
        let t7 = Instant::now();
        let whole = wire::encode(&sent);
        push("(whole report: encode)", t7.elapsed().as_secs_f64() * 1e3, &mut spans);
        let t8 = Instant::now();
        let whole = wire::decode(&whole);
        push("(whole report: decode)", t8.elapsed().as_secs_f64() * 1e3, &mut spans);
        drop(whole);
    }
    // (the least is the steadier figure on a machine others load)
    println!("{keys} keystrokes, median and least:");
    for k in order {
        let mut v = spans.remove(&k).unwrap_or_default();
        v.sort_by(f64::total_cmp);
        println!("  {k:<44} {:>9.2} {:>9.2}", v[v.len() / 2], v[0]);
    }
}
