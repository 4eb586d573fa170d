#!/bin/sh
# Trunk post_build hook (Trunk.toml [[hooks]]): minify the JavaScript of a release build with
# terser. Trunk's own minifier (minify-js) cannot parse wasm-bindgen's glue (`export default`:
# "Failed to minify JS: RequiredTokenNotFound(Identifier) [token=Some(KeywordDefault)]"), so it
# shipped as written: 85 KB (13.6 KB gzipped) → 37 KB (9.6 KB gzipped) with terser.
# Minified: the glue and the snippets (worker, crash panel), all ES modules. Not minified: a file
# index.html names (web/loader.js: trunk has already written its `integrity` hash, which a changed
# file would fail, and the page would not start) and examples/ (the embedding samples hosts copy).
# `./dev setup` installs terser (npm, pinned); without it the build goes on with the JS as written
# and says so.
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
stage="${TRUNK_STAGING_DIR:?trunk sets TRUNK_STAGING_DIR for hooks}"
if ! command -v terser >/dev/null 2>&1; then
  echo "minify-js: terser not found (./dev setup installs it): the JS ships unminified" >&2
  exit 0
fi
find "$stage" -name '*.js' ! -path "$stage/examples/*" | while read -r f; do
  if grep -qF "./${f#"$stage"/}" "$stage/index.html"; then continue; fi
  terser "$f" --module --compress --mangle --output "$f.min"
  mv "$f.min" "$f"
done
