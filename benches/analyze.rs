//! `cargo bench --bench analyze`: how long one re-analysis takes (the UI runs one per
//! keystroke), for scenes from the tutorial's example up to a large `kubectl get -A -o yaml`
//! style List. Prints numbers; asserts nothing.

use std::time::{Duration, Instant};

use switchboard::core::config::Config;
use switchboard::core::{analyze, layout, presets};

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
}
