#!/usr/bin/env bash
# npm run bench: installs, starts the infrastructure, runs bench/run.ts (see its header for what is measured).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/run-with-infra.sh
run_with_infrastructure bench/run.ts
