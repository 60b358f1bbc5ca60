#!/usr/bin/env bash
# npm run bench: installs, starts the infrastructure, runs bench/run.ts (see its header for what is measured).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/run-with-infra.sh
# the genealogy of the full trace benchmark (10 M movements) needs more than Node's default heap, and a larger young
# generation keeps the short-lived objects of a trace answer from being promoted into (and collected from) that heap
run_with_infrastructure --max-old-space-size=12288 --max-semi-space-size=64 --expose-gc bench/run.ts "$@"
