# Installs the npm dependencies exactly as locked, once: a second run with the same lockfile does nothing.
install_dependencies() {
  local stamp=node_modules/.lotbridge-lock-hash hash
  hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ -f $stamp && "$(cat "$stamp")" == "$hash" ]]; then return; fi
  echo "[install] npm ci (package-lock.json changed or first run)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > "$stamp"
}
