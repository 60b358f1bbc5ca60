#!/usr/bin/env bash
# npm run bench: installs, starts the infrastructure, runs bench/run.ts (see its header for what is measured).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/install.sh
install_dependencies
bash scripts/infra.sh up
set -a; source .run/env; set +a
LOG_LEVELS=error,warn node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/run.ts
