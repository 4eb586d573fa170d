//! `cargo bench --bench analyze`: how long one re-analysis takes (the UI runs one per
//! keystroke), for scenes from the tutorial's example up to a large `kubectl get -A -o yaml`
//! style List, then the synthetic dumps of `./dev bench` (tools/bench_dump.py: 10 … 10,000
//! pods) stage by stage: parse, parse + decode (strict checks included), full analysis, JSON.
//! Prints numbers; asserts nothing. `SWITCHBOARD_BENCH_PODS=1000,10000` picks dump sizes.

use std::time::{Duration, Instant};

use switchboard::core::config::Config;
use switchboard::core::{analyze, layout, presets};

/// The synthetic dumps, generated on first use into the target folder (deterministic).
fn synthetic_dumps() -> Vec<(usize, String)> {
    let sizes: Vec<usize> = std::env::var("SWITCHBOARD_BENCH_PODS")
        .unwrap_or_else(|_| "100,1000,4000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let dir = std::path::Path::new(&target).join("bench").join("dumps");
    let mut out = Vec::new();
    for n in sizes {
        let path = dir.join(format!("pods-{n}.yaml"));
        if !path.exists() {
            let ok = std::process::Command::new("python3")
                .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/bench_dump.py"))
                .arg(&dir)
                .arg(n.to_string())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                eprintln!("could not generate {} (python3 tools/bench_dump.py)", path.display());
                continue;
            }
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((n, text));
        }
    }
    out
}

fn time<F: FnMut()>(mut f: F) -> (Duration, u32) {
    // run for at least 300 ms, report the median of per-iteration times
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300) || samples.len() < 5 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
        if samples.len() >= 2000 {
            break;
        }
    }
    samples.sort();
    (samples[samples.len() / 2], samples.len() as u32)
}

fn big_list(services: usize, pods_per_service: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..services {
        s.push_str(&format!(
            "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: svc-{i}\n    namespace: ns-{}\n  spec:\n    type: NodePort\n    selector:\n      app: app-{i}\n    ports:\n    - name: http\n      port: 80\n      targetPort: http\n",
            i % 7
        ));
        for j in 0..pods_per_service {
            s.push_str(&format!(
                "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: app-{i}-{j}\n    namespace: ns-{}\n    labels:\n      app: app-{i}\n      pod-template-hash: 6e068097\n  spec:\n    containers:\n    - name: c\n      image: example/app:1\n      ports:\n      - name: http\n        containerPort: 8080\n  status:\n    phase: Running\n    podIP: 10.244.{}.{}\n    conditions:\n    - type: Ready\n      status: \"True\"\n",
                i % 7,
                (i * pods_per_service + j) / 250,
                (i * pods_per_service + j) % 250 + 2
            ));
        }
    }
    s
}

fn main() {
    let cfg = Config::default();
    println!("{:<44} {:>10} {:>12} {:>8}", "scene", "bytes", "median", "runs");
    let mut scenes: Vec<(String, String)> = presets::ALL.iter().take(3).map(|p| (format!("preset {}", p.id), p.yaml.to_string())).collect();
    scenes.push(("50 pods, 10 Services (List)".into(), big_list(10, 5)));
    scenes.push(("500 pods, 100 Services (List)".into(), big_list(100, 5)));
    scenes.push(("2,000 pods, 200 Services (List)".into(), big_list(200, 10)));
    for (name, text) in &scenes {
        let (t, n) = time(|| {
            std::hint::black_box(analyze(text, &cfg));
        });
        println!("{:<44} {:>10} {:>10.3}ms {:>8}", format!("analyze: {name}"), text.len(), t.as_secs_f64() * 1e3, n);
    }
    let (t, n) = time(|| {
        std::hint::black_box(switchboard::core::yaml::parse_stream(&scenes[5].1));
    });
    println!("{:<44} {:>10} {:>10.3}ms {:>8}", "parse only: 2,000 pods", scenes[5].1.len(), t.as_secs_f64() * 1e3, n);
    let (t, n) = time(|| {
        let mut d = Vec::new();
        std::hint::black_box(switchboard::core::read_objects(&scenes[5].1, &mut d));
    });
    println!("{:<44} {:>10} {:>10.3}ms {:>8}", "parse + decode: 2,000 pods", scenes[5].1.len(), t.as_secs_f64() * 1e3, n);
    let report = analyze(&scenes[3].1, &cfg);
    let (t, n) = time(|| {
        std::hint::black_box(layout::layout(&report, Some(0), 1280.0));
    });
    println!("{:<44} {:>10} {:>10.3}ms {:>8}", "layout: 50 pods, 10 Services at 1280 px", "", t.as_secs_f64() * 1e3, n);
    let report = analyze(&scenes[5].1, &cfg);
    let (t, n) = time(|| {
        std::hint::black_box(report.to_json());
    });
    println!("{:<44} {:>10} {:>10.3}ms {:>8}", "to_json: 2,000 pods", "", t.as_secs_f64() * 1e3, n);

    for (n, text) in synthetic_dumps() {
        let row = |stage: &str, t: Duration, runs: u32| println!("{:<44} {:>10} {:>10.3}ms {:>8}", format!("{stage}: {n} pods"), text.len(), t.as_secs_f64() * 1e3, runs);
        let (t, r) = time(|| {
            std::hint::black_box(switchboard::core::yaml::parse_stream(&text));
        });
        row("parse", t, r);
        let (t, r) = time(|| {
            let mut d = Vec::new();
            std::hint::black_box(switchboard::core::read_objects(&text, &mut d));
        });
        row("parse + decode + strict", t, r);
        let (t, r) = time(|| {
            std::hint::black_box(analyze(&text, &cfg));
        });
        row("analyze", t, r);
        let report = analyze(&text, &cfg);
        let (t, r) = time(|| {
            std::hint::black_box(report.to_json());
        });
        row("to_json", t, r);
        // what the page's main thread does with a worker's report (issue #12): decode it, the
        // Memo copies, and the per-Service panels for the selected Service only
        let bytes = switchboard::core::wire::encode(&report);
        let (t, r) = time(|| {
            std::hint::black_box(switchboard::core::wire::decode(&bytes));
        });
        row("main thread: wire decode", t, r);
        let (t, r) = time(|| {
            std::hint::black_box(report.clone());
        });
        row("main thread: report clone", t, r);
        let (t, r) = time(|| {
            std::hint::black_box(report == report.clone());
        });
        row("main thread: clone + compare (a Memo)", t, r);
        let (t, r) = time(|| {
            std::hint::black_box(layout::layout(&report, Some(0), 1280.0));
        });
        row("main thread: layout of Service 0", t, r);
        if let Some(svc) = report.services.first() {
            let (t, r) = time(|| {
                std::hint::black_box(switchboard::core::checklist::checklist(&text, &report, &svc.name, "pod"));
            });
            row("main thread: checklist of Service 0", t, r);
            let node = report.nodes.first().map(|n| n.name.clone()).unwrap_or_default();
            let (t, r) = time(|| {
                std::hint::black_box(switchboard::core::iptables::rules_for(svc, &report, &node));
            });
            row("main thread: iptables rules of Service 0", t, r);
            let (t, r) = time(|| {
                std::hint::black_box(switchboard::core::dnsquery::lookup(&report, &svc.namespace, "client", &svc.name));
            });
            row("main thread: DNS lookup of Service 0", t, r);
        }
    }
}
