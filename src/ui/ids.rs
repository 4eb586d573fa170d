//! Per-instance element ids (mountfix). Every `id=`, `for=`, `aria-describedby`, `href="#…"` and
//! every lookup by id goes through the instance's `Ids` (`Scene::ids`), so two mounts on one
//! page share no id and each acts on its own elements. The naming is `hostopts::instance_id`
//! (pure, tested natively): the page and the first mount keep the plain ids, later mounts get
//! `-2`, `-3`, … . The instance's number is on its root, `.sb-app[data-sb-instance]`.

use wasm_bindgen::JsCast;

/// The attribute on each instance's root (`.sb-app`) that holds its number.
pub const INSTANCE_ATTR: &str = "data-sb-instance";

/// An instance's ids: `ids.id("service")` is `service` on the page and the first mount,
/// `service-2` on the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ids(pub u32);

impl Default for Ids {
    fn default() -> Ids {
        Ids(1)
    }
}

impl Ids {
    /// The number the next instance takes: the smallest one no instance holds — no root in the
    /// document, and no root still inside the host element of an earlier mount that is not in
    /// the document (`Switchboard.mount` into an element attached later) — and none of whose ids
    /// an element of the page already has (a host heading `id="service"`:
    /// `hostopts::free_instance_where`). `host` is this mount's host element (None: the page).
    /// An instance is built before its root is in its host, after every earlier one's is.
    pub fn claim(host: Option<&web_sys::Element>) -> Ids {
        let d = doc();
        let mut taken: Vec<u32> = d
            .as_ref()
            .and_then(|d| d.query_selector_all(&format!(".sb-app[{INSTANCE_ATTR}]")).ok())
            .map(|l| (0..l.length()).filter_map(|i| l.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute(INSTANCE_ATTR)?.parse().ok()).collect())
            .unwrap_or_default();
        DETACHED.with(|hosts| {
            let mut hosts = hosts.borrow_mut();
            // an entry lasts while its root is inside its host and the host is out of the document
            hosts.retain(|(n, h)| !h.is_connected() && h.query_selector(&format!(".sb-app[{INSTANCE_ATTR}='{n}']")).ok().flatten().is_some());
            taken.extend(hosts.iter().map(|(n, _)| *n));
            let n = crate::hostopts::free_instance_where(&taken, |id| d.as_ref().is_some_and(|d| d.get_element_by_id(id).is_some()));
            if let Some(h) = host.filter(|h| !h.is_connected()) {
                hosts.push((n, h.clone()));
            }
            Ids(n)
        })
    }

    /// This instance's id for the element the page calls `base`.
    pub fn id(self, base: &str) -> String {
        crate::hostopts::instance_id(base, self.0)
    }

    /// `#id` (a CSS selector for this instance's element `base`).
    pub fn sel(self, base: &str) -> String {
        format!("#{}", self.id(base))
    }

    /// This instance's root element (`.sb-app`), if it is in the document.
    pub fn root(self) -> Option<web_sys::Element> {
        doc()?.query_selector(&format!(".sb-app[{INSTANCE_ATTR}='{}']", self.0)).ok().flatten()
    }

    /// This instance's element `base`, if it is in the document.
    pub fn get(self, base: &str) -> Option<web_sys::Element> {
        doc()?.get_element_by_id(&self.id(base))
    }

    /// The first element matching `rest` inside this instance's element `base`
    /// (`ids.find("selected", "[data-kind='cordon']")`).
    pub fn find(self, base: &str, rest: &str) -> Option<web_sys::Element> {
        self.get(base)?.query_selector(rest).ok().flatten()
    }

    /// This instance's editor textarea (`yaml`), if it has one.
    pub fn editor(self) -> Option<web_sys::HtmlTextAreaElement> {
        self.get("yaml")?.dyn_into().ok()
    }
}

thread_local! {
    /// Mounts made into an element outside the document, with their numbers (`Ids::claim`).
    static DETACHED: std::cell::RefCell<Vec<(u32, web_sys::Element)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn doc() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}
