#!/usr/bin/env node
// Validates the Kubernetes manifests offline: `kubectl kustomize` builds each overlay under
// infra/k8s/overlays, and every object it yields is checked against the Kubernetes API's own
// JSON schemas (the kubernetes-models package, installed with the other dev dependencies), then
// against what Sidang needs of them (probes on the two health routes, socket.io affinity, the
// selectors that must meet). No cluster, no network. KUBECTL names another kubectl.
//   node test/scripts/validate-k8s.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
