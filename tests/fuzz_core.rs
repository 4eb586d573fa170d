//! Structure-aware fuzzing of everything that reads untrusted input: manifests grown from the
//! presets and the committed corpus (tests/fuzz/corpus/) with mutations (field renames, type
//! swaps, huge numbers, unicode, deep nesting, aliases and alias bombs, duplicate keys, cut
//! lines, List wrappers, copies), through parse → analyze → layout → editor tokens; share links
//! (round trip and damaged); the URL / JS / postMessage option readers. Properties:
//! `switchboard::fuzz`.
//!
//! `cargo test` runs a short, fixed-seed run (and replays the corpus and every regression).
//! The long run: `./dev fuzz` (= `FUZZ_ITERS=… FUZZ_SEED=… cargo test --release --test
//! fuzz_core -- --ignored --nocapture`). A failing input is written to
//! target/fuzz-failures/ and the run stops; add it to tests/fuzz/regressions/.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use switchboard::fuzz::{self, Rng};

fn read_dir(dir: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml")).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let t = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            (p, t)
        })
        .collect();
    out.sort();
    out
}

/// Slowest single input allowed (a hang: the run stops), in CPU time of this thread (the box
/// is shared): 10 s plus 2 s per MiB of input in release, ten times that in debug builds.
/// Inputs over a third of that (3.3 s + 0.7 s/MiB) are "slow": counted, the slowest kept in
/// target/fuzz-failures/slow-*.yaml and reported, but not a failure (see ARCHITECTURE.md:
/// many Services × many selected pods is quadratic in endpoints, an open limit).
fn hang_limit_for(bytes: usize) -> Duration {
    let ms = 10_000 + 2_000 * bytes as u64 / (1024 * 1024);
    Duration::from_millis(if cfg!(debug_assertions) { ms * 10 } else { ms })
}
fn hang_limit() -> Duration {
    hang_limit_for(0)
}

/// CPU time of this thread (Linux: /proc/thread-self/schedstat, ns on CPU); wall time elsewhere.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

struct Clock(Instant, Option<Duration>);
impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu_now())
    }
    fn elapsed(&self) -> Duration {
        match (self.1, cpu_now()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => self.0.elapsed(),
        }
    }
}

fn save_failure(input: &str, why: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(format!("failure-{:016x}.yaml", fxhash(input)));
    let _ = std::fs::write(&p, input);
    let _ = std::fs::write(p.with_extension("why.txt"), why);
    p
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

struct Stats {
    execs: u64,
    slowest: Duration,
    slowest_bytes: usize,
    slow: u64,
}

/// Run `f`; a panic, a broken property or a hang is a failure with the input saved.
fn guarded(input: &str, stats: &mut Stats, f: impl FnOnce() -> Result<(), String>) {
    let t = Clock::start();
    let r = catch_unwind(AssertUnwindSafe(f));
    let took = t.elapsed();
    stats.execs += 1;
    if took > stats.slowest {
        stats.slowest = took;
        stats.slowest_bytes = input.len();
    }
    if took > hang_limit_for(input.len()) / 3 {
        stats.slow += 1;
        if took == stats.slowest {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("slow-{:016x}.yaml", fxhash(input))), input);
        }
    }
    let why = match r {
        Ok(Ok(())) if took <= hang_limit_for(input.len()) => return,
        Ok(Ok(())) => format!("hang: {took:?} of CPU for {} bytes", input.len()),
        Ok(Err(e)) => format!("property broken: {e}"),
        Err(p) => format!("panic: {}", p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()),
    };
    let p = save_failure(input, &why);
    panic!("{why}\ninput saved to {}", p.display());
}

fn run(iters: u64, seed: u64) -> Stats {
    let corpus: Vec<String> = read_dir("tests/fuzz/corpus").into_iter().map(|(_, t)| t).collect();
    let seeds = fuzz::seeds(&corpus);
    let mut rng = Rng::new(seed);
    let mut stats = Stats { execs: 0, slowest: Duration::ZERO, slowest_bytes: 0, slow: 0 };
    let started = Instant::now();
    for i in 0..iters {
        let text = fuzz::manifest(&mut rng, &seeds);
        let variant = rng.next_u64();
        guarded(&text, &mut stats, || fuzz::check_text(&text, variant).map(|_| ()));
        if i % 4 == 0 {
            let mut r2 = rng.clone();
            let yaml = if text.len() < 20_000 { text.clone() } else { seeds[0].clone() };
            guarded(&yaml, &mut stats, || fuzz::check_share(&mut r2, &yaml));
            guarded(&text, &mut stats, || fuzz::check_options(&mut r2, &text));
            rng.next_u64();
        }
        if iters >= 10_000 && i > 0 && i % (iters / 20).max(1) == 0 {
            eprintln!("fuzz: {i}/{iters} inputs, {} executions, {:.0?}, slowest {:.1?} CPU ({} bytes), {} slow", stats.execs, started.elapsed(), stats.slowest, stats.slowest_bytes, stats.slow);
        }
    }
    stats
}

/// Part of `cargo test`: a short fixed-seed run.
#[test]
fn fuzz_short_run() {
    let iters = if cfg!(debug_assertions) { 800 } else { 20_000 };
    let t = Instant::now();
    let s = run(iters, 0x5b);
    eprintln!("fuzz short run: {} executions in {:.1?}, slowest {:.1?}", s.execs, t.elapsed(), s.slowest);
}

/// Every committed corpus entry and every regression input keeps the properties.
#[test]
fn fuzz_corpus_and_regressions_replay() {
    let mut stats = Stats { execs: 0, slowest: Duration::ZERO, slowest_bytes: 0, slow: 0 };
    let mut files = read_dir("tests/fuzz/corpus");
    files.extend(read_dir("tests/fuzz/regressions"));
    assert!(files.len() >= 10, "the corpus is committed ({} files)", files.len());
    for (path, text) in files {
        for variant in [0u64, 9, 32 + 3] {
            guarded(&text, &mut stats, || fuzz::check_text(&text, variant).map(|_| ()).map_err(|e| format!("{}: {e}", path.display())));
        }
        guarded(&text, &mut stats, || {
            let _ = switchboard::core::share::decode(&text);
            Ok(())
        });
    }
}

/// AFL++'s minimised corpus (fuzz/corpus/, `cargo afl cmin` of its queue): every input that
/// reached new coverage, replayed natively through the same target.
#[test]
fn fuzz_afl_corpus_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut stats = Stats { execs: 0, slowest: Duration::ZERO, slowest_bytes: 0, slow: 0 };
    for p in entries.flatten().map(|e| e.path()) {
        let data = std::fs::read(&p).unwrap();
        let label = String::from_utf8_lossy(&data).into_owned();
        guarded(&label, &mut stats, || {
            fuzz::one_input(&data);
            Ok(())
        });
    }
}

/// The long run (`./dev fuzz`): FUZZ_ITERS inputs (default 1,000,000) from FUZZ_SEED.
#[test]
#[ignore]
fn fuzz_long_run() {
    let iters = std::env::var("FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let s = run(iters, seed);
    eprintln!(
        "fuzz long run (seed {seed}): {iters} inputs, {} executions in {:.1?} ({:.0}/s), slowest {:.1?} CPU ({} bytes), {} slow, 0 failures",
        s.execs,
        t.elapsed(),
        s.execs as f64 / t.elapsed().as_secs_f64(),
        s.slowest,
        s.slowest_bytes,
        s.slow
    );
}

/// Replays AFL++ findings (`FUZZ_TRIAGE=fuzz/out/default/crashes cargo test --release --test
/// fuzz_core fuzz_triage -- --ignored --nocapture`): which still fail, and how long each takes.
#[test]
#[ignore]
fn fuzz_triage() {
    let dir = std::env::var("FUZZ_TRIAGE").expect("FUZZ_TRIAGE=<dir of AFL inputs>");
    let mut failing = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("README")) {
            continue;
        }
        let data = std::fs::read(&p).unwrap();
        let t = Clock::start();
        let r = catch_unwind(AssertUnwindSafe(|| fuzz::one_input(&data)));
        let took = t.elapsed();
        let bad = r.is_err() || took > hang_limit_for(data.len());
        failing += bad as usize;
        eprintln!("{} {:>8.1?} {}", if bad { "FAIL" } else { "ok  " }, took, p.display());
    }
    assert_eq!(failing, 0);
}

/// Found by AFL++: `replicas: 9223372036854775807` asked for that many pod names before the
/// pod cap (then 2,000, now MAX_PODS) applied (capacity overflow: a panic, so a dead page in wasm).
#[test]
fn fuzz_regression_huge_replicas_are_capped_not_allocated() {
    let just_over = (switchboard::core::cluster::MAX_PODS + 1).to_string();
    for r in ["9223372036854775807", "4294967296", just_over.as_str(), "100000000"] {
        let y = format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: {r}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: c, image: x}}]}}\n");
        let t = Instant::now();
        let rep = switchboard::core::analyze(&y, &Default::default());
        if r.parse::<i64>().is_ok_and(|n| n > i64::from(i32::MAX)) {
            // spec.replicas is an int32: the decoder refuses the Deployment ("cannot unmarshal
            // number 4294967296 into Go struct field DeploymentSpec.spec.replicas of type int32")
            assert!(rep.pods.is_empty(), "{r}");
            assert!(rep.diagnostics.iter().any(|d| d.code == "TypeMismatch" && d.message.contains(&format!("number {r} into Go struct field DeploymentSpec.spec.replicas of type int32"))), "{r}");
        } else {
            assert_eq!(rep.pods.len(), switchboard::core::cluster::MAX_PODS, "{r}");
            assert!(rep.diagnostics.iter().any(|d| d.code == "TooManyPods"), "{r}");
        }
        assert!(t.elapsed() < hang_limit());
    }
}
