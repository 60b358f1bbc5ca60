#!/usr/bin/env bash
# The main job from a fresh clone: install, start the infrastructure, run scripts/demo.ts.
# The infrastructure keeps running afterwards (stop it with `npm run infra:down`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/install.sh
install_dependencies
bash scripts/infra.sh up
set -a; source .run/env; set +a
node -r ts-node/register/transpile-only -r tsconfig-paths/register scripts/demo.ts
echo
echo "Infrastructure is still running (npm run infra:status); stop it with: npm run infra:down"
