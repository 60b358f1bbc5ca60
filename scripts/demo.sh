#!/usr/bin/env bash
# The main job from a fresh clone: install, start the infrastructure, run scripts/demo.ts.
# The infrastructure keeps running afterwards (stop it with `npm run infra:down`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/run-with-infra.sh
run_with_infrastructure scripts/demo.ts
echo
echo "Infrastructure is still running (npm run infra:status); stop it with: npm run infra:down"
