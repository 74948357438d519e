#!/usr/bin/env bash
# Smoke test of the packaged console: starts the jpackage app-image with --smoke in a virtual X display.
# It starts the embedded demo backend, opens the real window, waits for the first healthy status, prints
# one line ("OpsDeck smoke: connected to http://127.0.0.1:PORT in N ms") and exits 0; non-zero otherwise.
#
# Debian/Ubuntu packages required (as root):
#   apt-get update && apt-get install -y xvfb libgtk-3-0 libxtst6 libgl1
#   (xvfb gives xvfb-run; GTK 3, XTest and libGL are what JavaFX's glass/prism load on Linux)
#
# Usage: installers/smoke.sh [path/to/opsdeck-image]   (default: installers/target/jpackage/opsdeck)
# Build the image first: mvn -q -pl installers -am -Ppackage -DskipTests package
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
image="${1:-$here/target/jpackage/opsdeck}"
launcher="$image/bin/opsdeck"

if [[ ! -x "$launcher" ]]; then
    echo "smoke: no packaged launcher at $launcher; build it with: mvn -q -pl installers -am -Ppackage -DskipTests package" >&2
    exit 2
fi
if ! command -v xvfb-run >/dev/null; then
    echo "smoke: xvfb-run not found; install it with: apt-get install -y xvfb libgtk-3-0 libxtst6 libgl1" >&2
    exit 2
fi

# A fresh data directory, so the smoke run never touches a user's demo data and starts from migrations.
data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT

# -a picks a free display number, so parallel runs (and a developer's own Xvfb) do not collide.
xvfb-run -a -s "-screen 0 1280x800x24" "$launcher" --smoke --data-dir "$data_dir"
