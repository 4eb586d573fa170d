//! Frame benchmark (not part of `./dev test`; run `./dev bench-frames`): 500 packets in flight
//! at once, the per-frame work of the one requestAnimationFrame loop measured with
//! performance marks (`sb-frame-start` → measure `sb-frame`), p50/p95/max printed.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn frame_time_with_500_packets_in_flight() {
    let style = web_sys::window().unwrap().document().unwrap().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    web_sys::window().unwrap().document().unwrap().head().unwrap().append_child(&style).unwrap();
    switchboard::ui::mount();
    leptos::task::tick().await;
    gloo_timers::future::TimeoutFuture::new(300).await;
    // 500 packets, each flying 4 s: all in flight together for most of the run
    assert!(switchboard::ui::flight::bench_launch(500, 4000.0));
    gloo_timers::future::TimeoutFuture::new(3000).await;
    let flying = web_sys::window().unwrap().document().unwrap().query_selector_all(".flight [data-kind='packet']").unwrap().length();
    let perf = web_sys::window().unwrap().performance().unwrap();
    let measures = perf.get_entries_by_name("sb-frame").length();
    let mut frames = switchboard::ui::flight::bench_frames();
    assert!(frames.len() > 10, "only {} frames", frames.len());
    frames.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| frames[((frames.len() as f64 - 1.0) * p).round() as usize];
    let line = format!(
        "frame work with {flying} packets in flight: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} frames ({measures} performance measures)",
        q(0.5),
        q(0.95),
        frames[frames.len() - 1],
        frames.len()
    );
    web_sys::console::log_1(&line.clone().into());
    console_log!("{line}");
    // the result is printed by the runner only for a failing test: fail on purpose when asked
    // to show it (./dev bench-frames sets SB_BENCH_PRINT)
    if option_env!("SB_BENCH_PRINT").is_some() {
        panic!("BENCH {line}");
    }
}
