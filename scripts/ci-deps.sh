#!/usr/bin/env bash
# System packages the test suite needs beyond Python: Debian's Chromium and its driver, for
# the browser tests of the web UI (tests/test_web_browser.py drives /usr/bin/chromium with
# Playwright; Playwright's own browser download is never used).
# Idempotent and quick when everything is installed: it only checks, then exits.
#
#   bash scripts/ci-deps.sh
#
# Needs root (apt-get). Does nothing but warn when apt-get is absent (not Debian).
set -euo pipefail

log() { echo "ci-deps: $*" >&2; }

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    log "chromium and chromium-driver present"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    log "no apt-get: install Chromium by hand; the browser tests will skip without it"
    exit 0
fi
log "installing chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >&2
log "installed: $(chromium --version 2>/dev/null | head -1)"
