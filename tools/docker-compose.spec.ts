// docker-compose.yml has to describe the same stack as scripts/infra.sh, and every app under apps/ has to have a
// service in it. Nothing here needs Docker: the file is parsed (YAML anchors and `<<` merges resolved as Compose
// resolves them) and checked.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = resolve(__dirname, '..');
const APPS_DIR = join(ROOT, 'apps');
const INFRA = ['kafka', 'schema-registry', 'postgres'] as const;
const DB_SETUP = 'db-setup';
const LOOPBACK = '127.0.0.1';

type Service = Record<string, unknown>;
type Compose = { services: Record<string, Service> };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function loadCompose(file: string): Compose {
  const doc = parseDocument(readFileSync(file, 'utf8'), { merge: true });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('\n')}`);
  const compose: unknown = doc.toJS();
  if (!isRecord(compose) || !isRecord(compose['services'])) throw new Error(`${file} has no services`);
  const services: Record<string, Service> = {};
  for (const [name, service] of Object.entries(compose['services'])) {
    if (!isRecord(service)) throw new Error(`${file}: service ${name} is not a mapping`);
    services[name] = service;
  }
  return { services };
}

/** Folders under apps/ that hold an app: apps/<app>/src/main.ts. None when apps/ does not exist. */
function appsIn(appsDir: string): string[] {
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** A Compose key that may be a mapping or a list of KEY=VALUE strings (environment, build.args). */
function keyValues(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const at = text.indexOf('=');
      if (at > 0) result[text.slice(0, at)] = text.slice(at + 1);
    }
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) result[key] = typeof item === 'string' ? item : JSON.stringify(item);
  }
  return result;
}

const envOf = (service: Service) => keyValues(service['environment']);
const buildArgsOf = (service: Service) => (isRecord(service['build']) ? keyValues(service['build']['args']) : {});
const buildsFromRepo = (service: Service) =>
  service['build'] === '.' || (isRecord(service['build']) && (service['build']['context'] ?? '.') === '.');

/** depends_on as service -> condition (the short list form means service_started). */
function dependsOn(service: Service): Record<string, string> {
  const deps = service['depends_on'];
  const result: Record<string, string> = {};
  if (Array.isArray(deps)) for (const name of deps) result[String(name)] = 'service_started';
  else if (isRecord(deps)) {
    for (const [name, spec] of Object.entries(deps)) {
      result[name] = isRecord(spec) && typeof spec['condition'] === 'string' ? spec['condition'] : 'service_started';
    }
  }
  return result;
}

function commandOf(service: Service): string | undefined {
  const command = service['command'];
  if (command === undefined || command === null) return undefined;
  return Array.isArray(command) ? command.map(String).join(' ') : typeof command === 'string' ? command : JSON.stringify(command);
}

/** The Dockerfile's default command runs apps/$APP/src/main.ts through ts-node and tsconfig-paths, APP a build arg. */
function dockerfileRunsAppArg(dockerfile: string): boolean {
  const cmd = dockerfile.split('\n').filter((line) => /^\s*CMD\s/.test(line)).pop() ?? '';
  return (
    /^\s*ARG\s+APP\b/m.test(dockerfile) &&
    /^\s*ENV\s+APP[=\s]\$\{?APP\}?/m.test(dockerfile) &&
    /apps\/\$\{?APP\}?\/src\/main\.ts/.test(cmd) &&
    cmd.includes('ts-node/register/transpile-only') &&
    cmd.includes('tsconfig-paths/register')
  );
}

function kafkaInternalAddress(compose: Compose): string | undefined {
  const advertised = envOf(compose.services['kafka'] ?? {})['KAFKA_ADVERTISED_LISTENERS'] ?? '';
  return advertised
    .split(',')
    .map((listener) => /^[A-Z_]+:\/\/(.+)$/.exec(listener.trim())?.[1])
    .find((address) => address?.startsWith('kafka:'));
}

/** Problems with the settings a container gets for Kafka, the registry and PostgreSQL (none: all good). */
function connectionProblems(compose: Compose, name: string, keys: readonly string[]): string[] {
  const env = envOf(compose.services[name] ?? {});
  const problems: string[] = [];
  const isService = (host: string) => host in compose.services;
  if (keys.includes('KAFKA_BROKERS')) {
    const brokers = env['KAFKA_BROKERS'];
    const internal = kafkaInternalAddress(compose);
    if (!brokers) problems.push(`${name}: KAFKA_BROKERS is not set`);
    else if (brokers !== internal) problems.push(`${name}: KAFKA_BROKERS=${brokers}, but Kafka's internal listener is ${internal}`);
  }
  if (keys.includes('SCHEMA_REGISTRY_URL')) {
    const raw = env['SCHEMA_REGISTRY_URL'];
    const url = raw ? new URL(raw) : undefined;
    if (!url) problems.push(`${name}: SCHEMA_REGISTRY_URL is not set`);
    else if (url.hostname !== 'schema-registry' || !isService(url.hostname) || url.port !== '8080' || url.pathname !== '/apis/ccompat/v7') {
      problems.push(`${name}: SCHEMA_REGISTRY_URL=${raw} is not http://schema-registry:8080/apis/ccompat/v7`);
    }
  }
  if (keys.includes('DATABASE_URL')) {
    const raw = env['DATABASE_URL'];
    const url = raw ? new URL(raw) : undefined;
    if (!url) problems.push(`${name}: DATABASE_URL is not set`);
    else if (url.protocol !== 'postgresql:' || url.hostname !== 'postgres' || !isService(url.hostname) || url.port !== '5432' || url.pathname !== '/lotbridge') {
      problems.push(`${name}: DATABASE_URL=${raw} is not postgresql://…@postgres:5432/lotbridge`);
    }
  }
  return problems;
}

/** Everything wrong between apps/ and the app services (empty: every app has a correct service). */
function appServiceProblems(compose: Compose, apps: readonly string[], dockerfile: string): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    const service = compose.services[app];
    if (!service) {
      problems.push(`apps/${app}/src/main.ts has no service "${app}" in docker-compose.yml`);
      continue;
    }
    const command = commandOf(service);
    const runsApp = command
      ? command.includes(`apps/${app}/src/main.ts`)
      : buildsFromRepo(service) && buildArgsOf(service)['APP'] === app && dockerfileRunsAppArg(dockerfile);
    if (!runsApp) {
      problems.push(`service ${app} does not run apps/${app}/src/main.ts (command: ${command ?? 'none'}, build arg APP: ${buildArgsOf(service)['APP'] ?? 'none'})`);
    }
    const deps = dependsOn(service);
    for (const infra of INFRA) {
      if (deps[infra] !== 'service_healthy') problems.push(`service ${app} does not wait for ${infra} (condition: service_healthy)`);
    }
    if (deps[DB_SETUP] !== 'service_completed_successfully') {
      problems.push(`service ${app} does not wait for ${DB_SETUP} (condition: service_completed_successfully)`);
    }
    problems.push(...connectionProblems(compose, app, ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DATABASE_URL']));
  }
  // The other way round: an app service whose app folder is gone.
  for (const [name, service] of Object.entries(compose.services)) {
    const app = buildArgsOf(service)['APP'];
    if (app !== undefined && !apps.includes(app)) problems.push(`service ${name} runs apps/${app}, which has no src/main.ts`);
  }
  return problems;
}

/** Published ports that are not bound to 127.0.0.1. */
function exposedPorts(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const ports = service['ports'];
    if (ports === undefined) continue;
    if (!Array.isArray(ports)) {
      problems.push(`${name}: ports is not a list`);
      continue;
    }
    for (const port of ports) {
      const ok = isRecord(port)
        ? port['host_ip'] === LOOPBACK
        : typeof port === 'string' && new RegExp(`^${LOOPBACK.replace(/\./g, '\\.')}:\\d+:\\d+(/(tcp|udp))?$`).test(port);
      if (!ok) problems.push(`${name}: ${JSON.stringify(port)} is not bound to ${LOOPBACK}`);
    }
  }
  return problems;
}

describe('docker-compose.yml', () => {
  const compose = loadCompose(join(ROOT, 'docker-compose.yml'));
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const kafka = compose.services['kafka'] ?? {};
  const kafkaEnv = envOf(kafka);

  it('runs Kafka as one KRaft node, broker and controller, without ZooKeeper, replication factors 1', () => {
    const infraScript = readFileSync(join(ROOT, 'scripts', 'infra.sh'), 'utf8');
    const version = /^KAFKA_VERSION=(\S+)$/m.exec(infraScript)?.[1];
    expect(kafka['image']).toBe(`apache/kafka:${version}`);
    expect((kafkaEnv['KAFKA_PROCESS_ROLES'] ?? '').split(',').map((role) => role.trim()).sort()).toEqual(['broker', 'controller']);
    expect(kafkaEnv['KAFKA_CONTROLLER_QUORUM_VOTERS']).toBe(`${kafkaEnv['KAFKA_NODE_ID']}@kafka:9093`);
    expect(kafkaEnv['KAFKA_LISTENERS']).toContain('CONTROLLER://');
    expect(kafkaEnv['KAFKA_CONTROLLER_LISTENER_NAMES']).toBe('CONTROLLER');
    expect(kafkaEnv['CLUSTER_ID']).toBe(readFileSync(join(ROOT, 'infra', 'kafka', 'cluster-id'), 'utf8').trim());
    expect(Object.keys(kafkaEnv).filter((key) => /ZOOKEEPER/.test(key))).toEqual([]);
    expect(Object.entries(compose.services).filter(([name, s]) => /zookeeper/i.test(`${name} ${JSON.stringify(s['image'] ?? '')}`))).toEqual([]);

    const factors = Object.entries(kafkaEnv).filter(([key]) => /_REPLICATION_FACTOR$|_MIN_ISR$|^KAFKA_MIN_INSYNC_REPLICAS$/.test(key));
    expect(factors.map(([key]) => key)).toEqual(
      expect.arrayContaining(['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', 'KAFKA_DEFAULT_REPLICATION_FACTOR']),
    );
    expect(factors.filter(([, value]) => value !== '1')).toEqual([]);
  });

  it('gives host tools the same Kafka address as scripts/infra.sh (127.0.0.1:19092) and containers kafka:<port>', () => {
    expect(kafkaEnv['KAFKA_ADVERTISED_LISTENERS']?.split(',')).toContain('HOST://127.0.0.1:19092');
    expect(kafka['ports']).toContain('127.0.0.1:19092:19092');
    expect(kafkaInternalAddress(compose)).toMatch(/^kafka:\d+$/);
    expect(compose.services['schema-registry']?.['ports']).toContain('127.0.0.1:18081:8080');
  });

  it('has the schema registry (Apicurio 3, ccompat API) and PostgreSQL 15 next to Kafka, each with a healthcheck', () => {
    expect(compose.services['schema-registry']?.['image']).toMatch(/^apicurio\/apicurio-registry:3\.\d+\.\d+$/);
    expect(compose.services['postgres']?.['image']).toBe('postgres:15');
    for (const name of INFRA) {
      const healthcheck = compose.services[name]?.['healthcheck'];
      expect({ name, test: isRecord(healthcheck) ? healthcheck['test'] : undefined }).toEqual({ name, test: expect.any(Array) });
    }
  });

  it('sets up the database once, after PostgreSQL is healthy', () => {
    const setup = compose.services[DB_SETUP] ?? {};
    expect(commandOf(setup)).toBe('node scripts/db.js setup');
    expect(buildsFromRepo(setup)).toBe(true);
    expect(dependsOn(setup)['postgres']).toBe('service_healthy');
    expect(setup['restart'] ?? 'no').toBe('no');
    expect(connectionProblems(compose, DB_SETUP, ['DATABASE_URL'])).toEqual([]);
  });

  it('has a service for every app under apps/, running it after the infrastructure and db-setup', () => {
    expect(dockerfileRunsAppArg(dockerfile)).toBe(true);
    expect(appServiceProblems(compose, appsIn(APPS_DIR), dockerfile)).toEqual([]);
  });

  it('publishes every port on 127.0.0.1 only', () => {
    expect(exposedPorts(compose)).toEqual([]);
  });

  // The checks above are only worth something if they fail: run them against wrong inputs.
  describe('self-check', () => {
    let tempApps: string;
    beforeEach(() => {
      tempApps = mkdtempSync(join(tmpdir(), 'lotbridge-apps-'));
    });
    afterEach(() => rmSync(tempApps, { recursive: true, force: true }));

    const addApp = (name: string) => {
      mkdirSync(join(tempApps, name, 'src'), { recursive: true });
      writeFileSync(join(tempApps, name, 'src', 'main.ts'), '');
    };

    // The apps that have a service today (independent of what apps/ holds, so that these checks stay green
    // while the real check above is red).
    const appsWithService = Object.values(compose.services)
      .map((service) => buildArgsOf(service)['APP'])
      .filter((app): app is string => app !== undefined)
      .sort();

    it('reports an app folder without a service, and ignores folders without src/main.ts', () => {
      for (const app of appsWithService) addApp(app);
      addApp('foo-service');
      mkdirSync(join(tempApps, 'not-an-app'));
      expect(appsIn(tempApps)).toEqual([...appsWithService, 'foo-service'].sort());
      expect(appServiceProblems(compose, appsIn(tempApps), dockerfile)).toEqual([
        'apps/foo-service/src/main.ts has no service "foo-service" in docker-compose.yml',
      ]);
    });

    it('reports a service whose app folder is gone', () => {
      const [first, ...rest] = appsWithService;
      if (first === undefined) return; // no app yet: nothing to remove
      for (const app of rest) addApp(app);
      expect(appServiceProblems(compose, appsIn(tempApps), dockerfile)).toContain(`service ${first} runs apps/${first}, which has no src/main.ts`);
    });

    it('reports a missing dependency, a wrong app, a wrong address and a port open to every interface', () => {
      const broken: Compose = structuredClone(compose);
      broken.services['bar-service'] = {
        build: { context: '.', args: { APP: 'foo-service' } },
        depends_on: { kafka: { condition: 'service_started' }, postgres: { condition: 'service_healthy' } },
        environment: ['KAFKA_BROKERS=127.0.0.1:19092', 'DATABASE_URL=postgresql://postgres@localhost:5432/lotbridge'],
        ports: ['3009:3009', { target: 3010, published: 3010 }],
      };
      const problems = appServiceProblems(broken, ['bar-service'], dockerfile);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^service bar-service does not run apps\/bar-service/),
          'service bar-service does not wait for kafka (condition: service_healthy)',
          'service bar-service does not wait for schema-registry (condition: service_healthy)',
          'service bar-service does not wait for db-setup (condition: service_completed_successfully)',
          expect.stringMatching(/^bar-service: KAFKA_BROKERS=127\.0\.0\.1:19092, but/),
          'bar-service: SCHEMA_REGISTRY_URL is not set',
          expect.stringMatching(/^bar-service: DATABASE_URL=.*localhost/),
        ]),
      );
      expect(exposedPorts(broken)).toEqual(['bar-service: "3009:3009" is not bound to 127.0.0.1', 'bar-service: {"target":3010,"published":3010} is not bound to 127.0.0.1']);
      expect(dockerfileRunsAppArg(dockerfile.replace(/^CMD .*$/m, 'CMD ["node", "apps/inventory-service/src/main.ts"]'))).toBe(false);
    });
  });
});
