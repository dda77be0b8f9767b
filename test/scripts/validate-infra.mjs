#!/usr/bin/env node
// Validates the deployment files offline. Kubernetes: `kubectl kustomize` builds each overlay under
// infra/k8s/overlays, and every object it yields is checked against the Kubernetes API's own
// JSON schemas (the kubernetes-models package, installed with the other dev dependencies), then
// against what Sidang needs of them (probes on the two health routes, socket.io affinity, the
// selectors that must meet). Compose, nginx and the image: what they refer to exists and says what
// Sidang needs. No cluster, no container daemon, no network. KUBECTL names another kubectl.
//   node test/scripts/validate-infra.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const overlaysDir = join(root, 'infra/k8s/overlays');
const kubectl = process.env.KUBECTL || 'kubectl';

let passed = 0;
let failed = 0;
const fail = (what, why) => {
  failed += 1;
  console.error(`FAIL ${what}: ${why}`);
};
const pass = () => {
  passed += 1;
};

/** The schema-checked model class of an object (`apps/v1` + `Deployment` → kubernetes-models/apps/v1/Deployment). */
async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

const matches = (selector = {}, labels = {}) => Object.entries(selector).every(([key, value]) => labels[key] === value);

function sidangChecks(name, objects) {
  const byKind = (kind) => objects.filter((object) => object.kind === kind);
  const check = (what, ok, why) => (ok ? pass() : fail(`${name}: ${what}`, why));
  const [deployment] = byKind('Deployment');
  check('a Deployment', deployment !== undefined, 'none');
  if (!deployment) return;
  const podLabels = deployment.spec.template.metadata?.labels ?? {};
  const container = deployment.spec.template.spec.containers[0];
  check(
    'liveness probe on /api/health/live',
    container.livenessProbe?.httpGet?.path === '/api/health/live',
    JSON.stringify(container.livenessProbe),
  );
  check(
    'readiness probe on /api/health/ready',
    container.readinessProbe?.httpGet?.path === '/api/health/ready',
    JSON.stringify(container.readinessProbe),
  );
  check(
    'grace period longer than the 10 s drain',
    (deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30) > 10,
    String(deployment.spec.template.spec.terminationGracePeriodSeconds),
  );
  check('runs as non-root', deployment.spec.template.spec.securityContext?.runAsNonRoot === true, 'runAsNonRoot not set');
  check(
    'deployment selector matches its pods',
    matches(deployment.spec.selector.matchLabels, podLabels),
    JSON.stringify(deployment.spec.selector),
  );
  for (const service of byKind('Service')) {
    check(
      `Service ${service.metadata.name} selects the pods`,
      matches(service.spec.selector, podLabels),
      JSON.stringify(service.spec.selector),
    );
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    check(
      `PDB ${pdb.metadata.name} selects the pods`,
      matches(pdb.spec.selector.matchLabels, podLabels),
      JSON.stringify(pdb.spec.selector),
    );
  }
  for (const policy of byKind('NetworkPolicy')) {
    check(`NetworkPolicy ${policy.metadata.name} selects the pods`, matches(policy.spec.podSelector.matchLabels, podLabels), '');
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = hpa.spec.scaleTargetRef;
    check(
      `HPA ${hpa.metadata.name} scales the Deployment`,
      target.kind === 'Deployment' && target.name === deployment.metadata.name,
      JSON.stringify(target),
    );
  }
  const ingresses = byKind('Ingress');
  check('an Ingress', ingresses.length > 0, 'none');
  for (const ingress of ingresses) {
    const annotations = ingress.metadata.annotations ?? {};
    check(
      `Ingress ${ingress.metadata.name} keeps a client on one pod (socket.io)`,
      annotations['nginx.ingress.kubernetes.io/affinity'] === 'cookie',
      '',
    );
    check(
      `Ingress ${ingress.metadata.name} keeps idle websockets`,
      Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 60,
      '',
    );
  }
  const jobs = byKind('Job');
  check(
    'a migration Job running server/dist/migrate.js',
    jobs.some((job) => job.spec.template.spec.containers.some((c) => (c.command ?? []).join(' ').includes('server/dist/migrate.js'))),
    '',
  );
  const secrets = byKind('Secret');
  const secretNames = new Set(secrets.map((secret) => secret.metadata.name));
  for (const source of container.envFrom ?? []) {
    if (source.secretRef)
      check(`secret ${source.secretRef.name} is generated`, secretNames.has(source.secretRef.name), [...secretNames].join(', '));
  }
}

const overlays = existsSync(overlaysDir) ? readdirSync(overlaysDir) : [];
if (overlays.length === 0) fail('infra/k8s/overlays', 'no overlay');
for (const overlay of overlays) {
  const dir = join(overlaysDir, overlay);
  const secrets = join(dir, 'secrets.env');
  const example = `${secrets}.example`;
  // A clean checkout has only the example: build with it, and remove it again after.
  const temporary = !existsSync(secrets) && existsSync(example);
  if (temporary) copyFileSync(example, secrets);
  let built;
  try {
    built = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8' });
  } finally {
    if (temporary) rmSync(secrets, { force: true });
  }
  if (built.error || built.status !== 0) {
    fail(`kubectl kustomize ${overlay}`, built.error?.message ?? built.stderr);
    continue;
  }
  pass();
  const objects = parseAllDocuments(built.stdout).map((document) => document.toJS());
  // Newer kustomize folds long base64 values over lines, which the API server's decoder skips.
  for (const object of objects) {
    if (object.kind === 'Secret' && object.data) {
      for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, '');
    }
  }
  for (const object of objects) {
    const what = `${overlay}: ${object.kind} ${object.metadata?.name}`;
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      fail(what, `no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      pass();
    } catch (error) {
      fail(what, error.message);
    }
  }
  sidangChecks(overlay, objects);
  console.log(`${overlay}: ${objects.length} objects (${objects.map((object) => object.kind).join(', ')})`);
}
// The compose file cannot be run here (no container daemon): check what it refers to.
{
  const composePath = join(root, 'infra/docker-compose.yml');
  const compose = parseAllDocuments(readFileSync(composePath, 'utf8'), { merge: true })[0].toJS();
  const check = (what, ok, why = '') => (ok ? pass() : fail(`docker-compose.yml: ${what}`, why));
  const services = compose.services ?? {};
  const apps = Object.keys(services).filter((name) => /^app\d+$/.test(name));
  check('three app instances', apps.length === 3, apps.join(', '));
  for (const name of ['nginx', 'postgres', 'redis', 'migrate']) check(`a ${name} service`, name in services);
  check('the migration runs server/dist/migrate.js', (services.migrate?.command ?? []).join(' ') === 'node server/dist/migrate.js');
  for (const app of apps) {
    check(`${app} starts after the migration`, services[app].depends_on?.migrate?.condition === 'service_completed_successfully');
    check(`${app} has no demo accounts by default`, String(services[app].environment?.SEED_DEMO).includes('false'));
    check(
      `${app} gets the 10 s drain`,
      /^\d+s$/.test(services[app].stop_grace_period ?? '') && Number.parseInt(services[app].stop_grace_period, 10) > 10,
    );
  }
  for (const [name, service] of Object.entries(services)) {
    for (const volume of service.volumes ?? []) {
      const source = String(volume).split(':')[0];
      if (!source.startsWith('./')) continue;
      check(`${name} mounts ${source}, which exists`, existsSync(resolve(dirname(composePath), source)));
    }
  }
  const upstream = readFileSync(join(root, 'infra/nginx/compose/sidang-upstream.conf'), 'utf8');
  for (const app of apps) check(`nginx's upstream lists ${app}`, upstream.includes(`server ${app}:3000`));
  check('nginx keeps a client on one instance', /\bip_hash;/.test(upstream));
  const locations = readFileSync(join(root, 'infra/nginx/sidang-locations.conf'), 'utf8');
  check('nginx upgrades websockets', locations.includes('proxy_set_header Upgrade $http_upgrade;'));
  const dockerfile = readFileSync(join(root, 'infra/Dockerfile'), 'utf8');
  check('the image runs as a user other than root', /^USER (?!root)\S+/m.test(dockerfile));
  check('the image checks readiness', dockerfile.includes('/api/health/ready'));
  check('the image is built in stages', (dockerfile.match(/^FROM /gm) ?? []).length >= 2);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
