#!/usr/bin/env bash
# The form editor at /admin/: Decap CMS, from the npm registry, pinned, into .cache/editor/.
#
# - decap-cms: only its dist bundle (the browser runtime), taken from the package tarball and
#   checked against the integrity hash below. The build copies it into site/admin/; it is never
#   loaded from a CDN and never committed.
# - decap-server: the local backend that `make edit` runs, installed from tools/editor/'s
#   lock file with `npm ci`, so every dependency is pinned too.
#
# It never fails the site build: without npm (or the registry) it says so and exits 1, and
# `make site` goes on to build the public site without the editor.
set -euo pipefail
cd "$(dirname "$0")/.."

DECAP_CMS_VERSION=3.16.3
DECAP_CMS_INTEGRITY="sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
cache=.cache/editor
bundle="$cache/decap-cms"
server="$cache/server"

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed, so the form editor (/admin/) cannot be fetched." >&2
  exit 1
fi
mkdir -p "$cache"

if [ "$(cat "$bundle/VERSION" 2>/dev/null)" != "$DECAP_CMS_VERSION" ] || [ ! -f "$bundle/decap-cms.js" ]; then
  echo "Fetching decap-cms $DECAP_CMS_VERSION (the editor's browser runtime)"
  work=$(mktemp -d "$cache/.fetch-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  npm pack --silent --pack-destination "$work" "decap-cms@$DECAP_CMS_VERSION" >/dev/null
  tarball="$work/decap-cms-$DECAP_CMS_VERSION.tgz"
  actual=$(python3 -c 'import base64, hashlib, sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
  if [ "$actual" != "$DECAP_CMS_INTEGRITY" ]; then
    echo "decap-cms $DECAP_CMS_VERSION does not match its pinned integrity hash; not using it." >&2
    exit 1
  fi
  # The runtime, its lazily loaded chunks, its WebAssembly and its licence; not the source maps
  # (50 MB) nor the duplicate cms.js build.
  tar -xzf "$tarball" -C "$work" --wildcards 'package/dist/*decap-cms.js' 'package/dist/*.wasm' \
      'package/dist/decap-cms.js.LICENSE.txt'
  mkdir -p "$work/bundle"
  mv "$work"/package/dist/* "$work/bundle/"
  echo "$DECAP_CMS_VERSION" > "$work/bundle/VERSION"
  rm -rf "$bundle"
  mv "$work/bundle" "$bundle"
fi

if [ ! -x "$server/node_modules/.bin/decap-server" ] || ! cmp -s tools/editor/package-lock.json "$server/package-lock.json"; then
  echo "Installing decap-server (the editor's local backend, for make edit)"
  rm -rf "$server"
  mkdir -p "$server"
  cp tools/editor/package.json tools/editor/package-lock.json "$server/"
  npm ci --silent --no-audit --no-fund --prefix "$server" >/dev/null
fi
test -f "$bundle/decap-cms.js"
test -x "$server/node_modules/.bin/decap-server"
