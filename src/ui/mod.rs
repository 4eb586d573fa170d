//! The browser app: Leptos components that read and write signals over the core's report.
//! No Kubernetes rule lives here; everything shown comes from `crate::core::analyze`.

mod editor;
mod tables;

use leptos::prelude::*;

use crate::core::config::Config;
use crate::core::diag::ErrorType;
use crate::core::report::Report;
use crate::core::{analyze, presets};

/// Mount the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// Shared state, provided through context.
#[derive(Clone, Copy)]
pub struct Scene {
    /// the user's text: never replaced behind their back
    pub text: RwSignal<String>,
    pub nodes: RwSignal<usize>,
    pub cloud: RwSignal<bool>,
    /// what the core says about the current text
    pub analysis: Memo<Report>,
    /// what is drawn: the last report whose YAML parsed (stale while the text does not)
    pub shown: Memo<Report>,
    pub stale: Memo<bool>,
    /// the editor line to highlight/jump to (1-based)
    pub jump: RwSignal<Option<u32>>,
}

fn syntax_broken(r: &Report) -> bool {
    r.diagnostics.iter().any(|d| d.kind == ErrorType::Syntax)
}

impl Scene {
    pub fn new(text: String) -> Scene {
        let text = RwSignal::new(text);
        let nodes = RwSignal::new(3usize);
        let cloud = RwSignal::new(false);
        let analysis = Memo::new(move |_| {
            let cfg = Config { nodes: nodes.get(), cloud: cloud.get(), ..Config::default() };
            text.with(|t| analyze(t, &cfg))
        });
        let shown = Memo::new(move |prev: Option<&Report>| {
            let now = analysis.get();
            match prev {
                Some(p) if syntax_broken(&now) => p.clone(),
                _ => now,
            }
        });
        let stale = Memo::new(move |_| syntax_broken(&analysis.get()) && shown.with(|s| !syntax_broken(s)));
        Scene { text, nodes, cloud, analysis, shown, stale, jump: RwSignal::new(None) }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let scene = Scene::new(presets::DEFAULT.yaml.to_string());
    provide_context(scene);
    view! {
        <header class="topbar">
            <h1 class="brand">"Switchboard"</h1>
            <p class="tagline">"What your cluster does with a Service: selectors, ports, endpoints, DNS and the path a request takes."</p>
        </header>
        <main class="workspace">
            <section class="pane editor-pane" aria-label="Manifests">
                <editor::Editor />
                <editor::Diagnostics />
            </section>
            <section class="pane result-pane" aria-label="Analysis">
                <tables::Analysis />
            </section>
        </main>
    }
}
