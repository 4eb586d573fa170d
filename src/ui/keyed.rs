//! Content keys for keyed lists (`<For>`), so that a keystroke rebuilds only what it changed.
//!
//! Why: the page is built with Leptos' `erase_components` (.cargo/config.toml), under which an
//! element's attributes are a `Vec<AnyAttribute>` whose rebuild removes every attribute and sets
//! it again (tachys `html/attribute/any_attribute.rs`). A `move || view! { … }` that re-runs
//! therefore rewrote ~1,600 attributes per keystroke on the tutorial scene, and the browser
//! restyled and laid out all of them. A `<For>` keyed by content keeps every row, line and box
//! whose content is the same, and builds only the changed ones (issue #12, keystroke budget).
//!
//! Where one edit changes many texts at once (renaming a Service renames its card, its box, the
//! caption, the checks, the DNS chips…), a list is keyed instead by *place and shape* (what its
//! elements are, not what they say) and each text or attribute of a row follows the data at its
//! place through its own closure: the rename then sets texts rather than building new rows. Not
//! for lists of thousands of rows (each row's closures are effects; the iptables rows of a whole
//! cluster stay content-keyed).

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use std::fmt::{self, Debug, Write};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Feeds formatted text straight into a hasher (no String is built).
struct HashWriter<'a>(&'a mut DefaultHasher);

impl Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A key for everything `v` shows (its `Debug` form, hashed).
pub fn key_of(v: &impl Debug) -> u64 {
    let mut h = DefaultHasher::new();
    let _ = write!(HashWriter(&mut h), "{v:?}");
    h.finish()
}

/// A key for a report value: a hash of its JSON (`serde_json::to_vec_pretty`, the code the
/// page's "Report JSON" already carries; a derived `Debug` per type would add ~10 KB gzipped).
pub fn key_json(v: &impl serde::Serialize) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_vec_pretty(v).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// A key for a box of the diagram as placed: its kind, name, place and lines of text.
pub fn key_item(it: &crate::core::layout::Item) -> u64 {
    let mut h = DefaultHasher::new();
    let rect = |h: &mut DefaultHasher, r: &crate::core::layout::Rect| [r.x, r.y, r.w, r.h].iter().for_each(|v| v.to_bits().hash(h));
    (it.kind, &it.name, it.index).hash(&mut h);
    rect(&mut h, &it.rect);
    it.badge.is_some().hash(&mut h);
    if let Some(b) = &it.badge {
        rect(&mut h, b);
    }
    for t in &it.texts {
        (t.font.class(), t.class, t.x.to_bits(), t.y.to_bits(), t.end, &t.text, &t.full).hash(&mut h);
    }
    h.finish()
}

/// Make keys unique: the n-th repeat of a key gets `n` mixed in (two equal lines of YAML are
/// two rows), so a row keeps its key when rows before it are added or removed.
pub fn unique(keys: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut seen: HashMap<u64, u64> = HashMap::new();
    keys.into_iter()
        .map(|k| {
            let n = seen.entry(k).or_insert(0);
            *n += 1;
            if *n == 1 {
                k
            } else {
                let mut h = DefaultHasher::new();
                (k, *n).hash(&mut h);
                h.finish()
            }
        })
        .collect()
}

/// A key for what `v` holds, by its `Hash` (no text is formatted: cheaper than `key_of`).
pub fn key_hash(v: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// `items` paired with unique content keys (`key_hash` of what `show` returns for each).
pub fn keyed<T, D: Hash>(items: Vec<T>, show: impl Fn(&T) -> D) -> Vec<(u64, T)> {
    let keys = unique(items.iter().map(|t| key_hash(&show(t))));
    keys.into_iter().zip(items).collect()
}

/// A keyed list: `each` gives the rows with their keys (`keyed`), `children` builds a row.
/// Every list of the page goes through this one `<For>` (the rows type-erased), so the keyed
/// diff is compiled once, not once per list (each `<For>` instantiation added ~3 KB gzipped).
pub fn keyed_list<T: Send + 'static>(each: impl Fn() -> Vec<(u64, T)> + Send + Sync + 'static, children: impl Fn(T) -> AnyView + Send + Sync + 'static) -> AnyView {
    let each: Each = Arc::new(move || each().into_iter().map(|(k, t)| (k, Box::new(t) as Box<dyn Any + Send>)).collect());
    let children: Children = Arc::new(move |row: Box<dyn Any + Send>| match row.downcast::<T>() {
        Ok(t) => children(*t),
        Err(_) => ().into_any(),
    });
    list(each, children)
}

/// A keyed list whose rows follow their data. `each` gives the rows with their keys (made unique
/// as `unique` does); a row whose key stays is not built again: its data lives in a signal of its
/// own, set only when it changed, and `row` builds the row's texts and attributes as closures over
/// that signal. Keyed by place (the index), an edit that changes many rows' texts (a renamed
/// Service is in every iptables rule's comment) sets those texts instead of building new rows,
/// and only the rows whose data changed run anything; keyed by content, nothing is ever set
/// (a key that stays holds the same data) and it behaves as `keyed_list`.
pub fn follow_list<T>(each: impl Fn() -> Vec<(u64, T)> + Send + Sync + 'static, row: impl Fn(ArcRwSignal<T>) -> AnyView + Send + Sync + 'static) -> AnyView
where
    T: PartialEq + Send + Sync + 'static,
{
    type Slots<T> = Arc<std::sync::Mutex<HashMap<u64, ArcRwSignal<T>>>>;
    let slots: Slots<T> = Default::default();
    let mine = slots.clone();
    let keys = move || {
        let rows = each();
        let keys = unique(rows.iter().map(|(k, _)| *k));
        let Ok(mut slots) = mine.lock() else { return Vec::new() };
        let mut next = HashMap::with_capacity(rows.len());
        for (k, (_, t)) in keys.iter().zip(rows) {
            let sig = match slots.remove(k) {
                Some(sig) => {
                    // untracked: the list itself never follows its rows' signals
                    if sig.with_untracked(|old| *old != t) {
                        sig.set(t);
                    }
                    sig
                }
                None => ArcRwSignal::new(t),
            };
            next.insert(*k, sig);
        }
        *slots = next;
        keys.into_iter().map(|k| (k, k)).collect()
    };
    keyed_list(keys, move |k: u64| {
        let sig = slots.lock().ok().and_then(|s| s.get(&k).cloned());
        match sig {
            Some(sig) => row(sig),
            None => ().into_any(),
        }
    })
}

type Row = (u64, Box<dyn Any + Send>);
type Each = Arc<dyn Fn() -> Vec<Row> + Send + Sync>;
type Children = Arc<dyn Fn(Box<dyn Any + Send>) -> AnyView + Send + Sync>;

fn list(each: Each, children: Children) -> AnyView {
    view! { <For each=move || each() key=|row: &Row| row.0 children=move |row: Row| children(row.1) /> }.into_any()
}
