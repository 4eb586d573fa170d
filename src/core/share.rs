//! A scene in a link: `#s=v1.<base64url(deflate(json))>`. The fragment never reaches a server.
//! Decoding is defensive: a link is attacker-controlled input (size caps before and after
//! inflating, then the normal YAML budgets). DEFLATE is `core::deflate` (links made with
//! miniz_oxide by earlier versions open unchanged).

use super::deflate;
use serde::{Deserialize, Serialize};

/// Links longer than this are refused (chat apps, QR codes and proxies break well before).
pub const MAX_LINK_CHARS: usize = 8_000;
/// Above this a link still works but is worth a warning.
pub const WARN_LINK_CHARS: usize = 2_000;
/// Most bytes a link may inflate to.
pub const MAX_INFLATED: usize = 256 * 1024;
const PREFIX: &str = "v1.";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SharedScene {
    pub yaml: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub entry: String,
    #[serde(default)]
    pub step: usize,
    #[serde(default)]
    pub theme: String,
    #[serde(default = "three")]
    pub nodes: usize,
    #[serde(default)]
    pub cloud: bool,
    /// pods (`namespace/name`) whose readiness was flipped
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flipped: Vec<String>,
}

fn three() -> usize {
    3
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = B64.iter().position(|&b| b == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

pub fn encode(scene: &SharedScene) -> String {
    let json = serde_json::to_vec(scene).unwrap_or_default();
    format!("{PREFIX}{}", b64url_encode(&deflate::deflate(&json)))
}

/// Why a link could not be opened, in words for the person who clicked it.
pub fn decode(payload: &str) -> Result<SharedScene, String> {
    if payload.len() > MAX_LINK_CHARS {
        return Err(format!("the link is {} characters long; links over {MAX_LINK_CHARS} are refused", payload.len()));
    }
    let Some(body) = payload.strip_prefix(PREFIX) else {
        return Err("the link is not a Switchboard scene (or comes from a newer version)".into());
    };
    let bytes = b64url_decode(body).ok_or("the link is damaged (not base64url); was it cut off?")?;
    let json = deflate::inflate(&bytes, MAX_INFLATED).map_err(|e| match e {
        deflate::InflateError::TooBig => format!("the link unpacks to more than {} KiB; refused", MAX_INFLATED / 1024),
        deflate::InflateError::Damaged => "the link is damaged (it does not unpack); was it cut off?".to_string(),
    })?;
    let mut scene: SharedScene = serde_json::from_slice(&json).map_err(|e| format!("the link's contents are not a scene: {e}"))?;
    scene.nodes = scene.nodes.clamp(1, 8);
    scene.step = scene.step.min(64);
    scene.flipped.truncate(256);
    if !["auto", "light", "dark", ""].contains(&scene.theme.as_str()) {
        scene.theme = String::new();
    }
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;

    fn scene() -> SharedScene {
        SharedScene {
            yaml: presets::ALL[1].yaml.into(),
            service: "web".into(),
            entry: "nodeport@node-2".into(),
            step: 2,
            theme: "dark".into(),
            nodes: 4,
            cloud: true,
            flipped: vec!["default/web-1".into()],
        }
    }

    #[test]
    fn round_trip_and_size() {
        let s = scene();
        let link = encode(&s);
        assert!(link.starts_with("v1."));
        assert!(link.len() < 600, "{} chars for a {} byte scene", link.len(), s.yaml.len());
        assert_eq!(decode(&link).unwrap(), s);
        for p in presets::ALL {
            let s = SharedScene { yaml: p.yaml.into(), ..scene() };
            assert_eq!(decode(&encode(&s)).unwrap(), s, "{}", p.id);
        }
        for n in 0..70 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 % 256) as u8).collect();
            assert_eq!(b64url_decode(&b64url_encode(&data)).unwrap(), data);
        }
    }

    /// A link made by the versions that packed with miniz_oxide (level 9) opens unchanged:
    /// one frozen link, and one packed the old way now.
    #[test]
    fn links_made_before_still_open() {
        let old = format!("v1.{}", b64url_encode(&miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&scene()).unwrap(), 9)));
        assert_eq!(decode(&old).unwrap(), scene());
        // made by the miniz_oxide version (git 5397fa6) for the scene asserted below
        let frozen = "v1.JYsxDoMwEAS_Yl3tIlK6-0ZamgveBCv2GeFLIoT4O4coZ2d2o1VqIaZP1sThgeWXRwxaYZLEhMOmUsHhj-c-KEXqV-IXn5yhtqxOc0unNczEt0g2oZ5Rye_JXGhL6MT3SGNp30T8ktKxHw";
        let s = decode(frozen).unwrap();
        assert_eq!((s.service.as_str(), s.entry.as_str(), s.nodes, s.theme.as_str()), ("web", "pod", 3, "light"));
        assert_eq!(s.yaml, "kind: Service\nmetadata: {name: web}\n");
    }

    #[test]
    fn corrupt_truncated_foreign_and_oversized_links_are_refused_with_a_reason() {
        let link = encode(&scene());
        assert!(decode(&link[..link.len() / 2]).unwrap_err().contains("damaged"));
        assert!(decode("v1.@@@").unwrap_err().contains("base64url"));
        assert!(decode("v9.abc").unwrap_err().contains("not a Switchboard scene"));
        assert!(decode(&"A".repeat(MAX_LINK_CHARS + 1)).unwrap_err().contains("refused"));
        // a decompression bomb: 4 MiB of 'a' packs into a few KB
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; 4 * 1024 * 1024], 10);
        let link = format!("v1.{}", b64url_encode(&bomb));
        assert!(link.len() <= MAX_LINK_CHARS, "{}", link.len());
        assert!(decode(&link).unwrap_err().contains("more than 256 KiB"));
        let not_json = format!("v1.{}", b64url_encode(&miniz_oxide::deflate::compress_to_vec(b"hello", 9)));
        assert!(decode(&not_json).unwrap_err().contains("not a scene"));
    }
}
