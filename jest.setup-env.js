// Tests reach the infrastructure that `npm run infra:up` started through the settings it wrote to .run/env,
// unless the environment already names other servers (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL).
process.env.LOG_LEVELS ??= 'error,warn';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const envFile = join(__dirname, '.run', 'env');
if (existsSync(envFile)) {
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}
