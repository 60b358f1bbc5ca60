#!/usr/bin/env bash
# The one test command: installs what is needed, starts the infrastructure (Kafka, schema registry,
# PostgreSQL), runs every check and test, and stops what it started. Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/install.sh
install_dependencies

started_here=no
if ! bash scripts/infra.sh status | grep -q '^kafka: running'; then started_here=yes; fi
cleanup() { if [[ $started_here == yes ]]; then bash scripts/infra.sh down; fi; }
trap cleanup EXIT
bash scripts/infra.sh up

t0=$SECONDS
npx nx run-many -t typecheck,lint,test --outputStyle=stream --skipNxCache
# Integration and end-to-end tests share one broker and database: one project at a time.
npx nx run-many -t integration --parallel=1 --outputStyle=stream --skipNxCache
echo "[test-all] every check passed in $((SECONDS - t0)) s (after infrastructure start)"
