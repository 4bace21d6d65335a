#!/usr/bin/env bash
# System packages the test suite needs beyond Python: Debian's Chromium and its driver, for
# the browser tests of the web UI (tests/test_web_browser.py drives /usr/bin/chromium with
# Playwright; Playwright's own browser download is never used), and a Java runtime for the
# Spark job's tests (tests/test_spark*.py; PySpark runs on the JVM).
# Idempotent and quick when everything is installed: it only checks, then exits.
#
#   bash scripts/ci-deps.sh
#
# Needs root (apt-get). Does nothing but warn when apt-get is absent (not Debian).
set -euo pipefail

log() { echo "ci-deps: $*" >&2; }

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    log "chromium, chromium-driver and java present"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    log "no apt-get: install Chromium by hand; the browser tests will skip without it"
    exit 0
fi
log "installing chromium, chromium-driver and a Java runtime"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >&2
command -v java >/dev/null 2>&1 || apt-get install -y -qq default-jre-headless >&2 || log "no Java: Spark tests will skip"
log "installed: $(chromium --version 2>/dev/null | head -1)"
