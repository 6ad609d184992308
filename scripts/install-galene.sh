#!/usr/bin/env bash
# Installs Galène (the lab's second real SFU) into a folder meetbench controls:
#   $GALENE_HOME/bin/galene   the server, built by `go install` of its Go module
#   $GALENE_HOME/static/      its own web client, copied from the module source (go install leaves it in
#                             the module cache, and `galene -static` needs a folder)
#   $GALENE_HOME/VERSION      the module version that was built
# Idempotent: does nothing when that version is already installed. Go is used for this step only.
#
# Environment: GO (default: go on PATH, else /usr/local/go/bin/go), GALENE_VERSION (default latest),
# GALENE_HOME (default ${XDG_CACHE_HOME:-$HOME/.cache}/meetbench/galene).
# Exit codes: 0 installed or already there; 2 no Go; 3 the module could not be fetched or built (the go
# command's own error is printed, and kept in $GALENE_HOME/INSTALL-ERROR so `meetbench doctor` can show it).
set -euo pipefail

MODULE=github.com/jech/galene
VERSION_WANTED=${GALENE_VERSION:-latest}
GALENE_HOME=${GALENE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/meetbench/galene}

fail() { # code, message lines...
  local code=$1; shift
  mkdir -p "$GALENE_HOME"
  # the proxy's address is configuration, not information: keep it out of logs and reports
  printf '%s\n' "$@" | sed -E 's|https?://[^/ ]+/|<GOPROXY>/|g' | tee "$GALENE_HOME/INSTALL-ERROR" >&2
  exit "$code"
}

GO=${GO:-$(command -v go || true)}
if [[ -z "$GO" && -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go; fi
if [[ -z "$GO" ]]; then
  fail 2 "install-galene: no Go toolchain found (set GO=/path/to/go); Galène is not installed"
fi

# Resolve "latest" to a concrete version first, so the idempotence check compares real versions.
if ! resolved=$("$GO" list -m -f '{{.Version}}' "$MODULE@$VERSION_WANTED" 2>&1); then
  fail 3 "install-galene: cannot resolve $MODULE@$VERSION_WANTED:" "$resolved"
fi

if [[ -x "$GALENE_HOME/bin/galene" && -f "$GALENE_HOME/static/galene.html" && "$(cat "$GALENE_HOME/VERSION" 2>/dev/null)" == "$resolved" ]]; then
  echo "install-galene: Galène $resolved already installed in $GALENE_HOME"
  exit 0
fi

mkdir -p "$GALENE_HOME/bin"
if ! out=$(GOBIN="$GALENE_HOME/bin" CGO_ENABLED=0 "$GO" install "$MODULE@$resolved" 2>&1); then
  fail 3 "install-galene: go install $MODULE@$resolved failed:" "$out"
fi

src="$("$GO" env GOMODCACHE)/$MODULE@$resolved/static"
if [[ ! -f "$src/galene.html" ]]; then
  fail 3 "install-galene: the module source has no static/galene.html at $src"
fi
# The module cache is read-only; copy into a fresh folder, then swap, so a half copy never looks installed.
rm -rf "$GALENE_HOME/static.new"
cp -R "$src" "$GALENE_HOME/static.new"
chmod -R u+w "$GALENE_HOME/static.new"
rm -rf "$GALENE_HOME/static"
mv "$GALENE_HOME/static.new" "$GALENE_HOME/static"
echo "$resolved" > "$GALENE_HOME/VERSION"
rm -f "$GALENE_HOME/INSTALL-ERROR"
echo "install-galene: Galène $resolved installed in $GALENE_HOME"
