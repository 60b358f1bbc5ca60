# Installs the dependencies, starts the infrastructure and runs a TypeScript entry point with its settings
# (the shared part of `npm start` and `npm run bench`).
run_with_infrastructure() {
  source scripts/lib/install.sh
  install_dependencies
  bash scripts/infra.sh up
  set -a; source .run/env; set +a
  LOG_LEVELS=error,warn node -r ts-node/register/transpile-only -r tsconfig-paths/register "$@"
}
