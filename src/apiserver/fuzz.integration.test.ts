// Fuzz: random mutations of valid bodies (truncation, type swaps, random bytes, 10k-deep nesting,
// huge strings, duplicated keys) for POST/PUT/PATCH on a few kinds. No request may get a 5xx or
// crash the handler, and a rejected request may not change storage. Fixed seed, bounded iterations.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, configMap, deployment, pod, service, seededRandom } from './testing/harness.js';

const SEED = Number(process.env.KITE_FUZZ_SEED ?? 0x6b697465); // "kite" unless told otherwise
const ITERATIONS = 240;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Target { kind: string; path: string; name: string; valid: () => Json }

const TARGETS: Target[] = [
  { kind: 'ConfigMap', path: '/api/v1/namespaces/default/configmaps', name: 'fz-cm', valid: () => configMap('fz-cm', { a: '1', b: '2' }, { app: 'fz' }) as unknown as Json },
  { kind: 'Deployment', path: '/apis/apps/v1/namespaces/default/deployments', name: 'fz-deploy', valid: () => deployment('fz-deploy', 2) as unknown as Json },
  { kind: 'Pod', path: '/api/v1/namespaces/default/pods', name: 'fz-pod', valid: () => pod('fz-pod', { labels: { app: 'fz' } }) as unknown as Json },
  { kind: 'Service', path: '/api/v1/namespaces/default/services', name: 'fz-svc', valid: () => service('fz-svc', { type: 'NodePort' }) as unknown as Json },
];

class Mutator {
  constructor(private rnd: () => number) {}

  int(n: number): number { return Math.floor(this.rnd() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }

  /** Paths of every value in v (as key lists). */
  paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => this.paths(x, [...at, i], out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) this.paths(x, [...at, k], out);
    return out;
  }

  randomValue(): Json {
    switch (this.int(9)) {
      case 0: return null;
      case 1: return this.rnd() < 0.5;
      case 2: return this.int(2 ** 31) * (this.rnd() < 0.5 ? -1 : 1);
      case 3: return this.rnd() * 1e6;
      case 4: return 'x'.repeat(this.int(20));
      case 5: return [this.int(5), 'a', null];
      case 6: return { z: this.int(3), y: 'q' };
      case 7: return '\u0000\ud800\uffff';
      default: return 2 ** 64;
    }
  }

  set(root: Json, path: (string | number)[], value: Json): Json {
    if (!path.length) return value;
    let cur = root as Record<string | number, Json>;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
    cur[path[path.length - 1]!] = value;
    return root;
  }

  /** One mutated body (as text). */
  mutate(valid: Json): { text: string; how: string } {
    const obj = structuredClone(valid);
    const text = JSON.stringify(obj);
    switch (this.int(9)) {
      case 0: {
        const at = this.int(text.length);
        return { text: text.slice(0, at), how: `truncated at ${at}` };
      }
      case 1: {
        const ps = this.paths(obj).filter((p) => p.length > 0);
        const p = this.pick(ps);
        return { text: JSON.stringify(this.set(obj, p, this.randomValue())), how: `type swap at ${p.join('.')}` };
      }
      case 2: {
        const bytes = Buffer.from(text);
        for (let i = 0, n = 1 + this.int(4); i < n; i++) bytes[this.int(bytes.length)] = this.int(256);
        return { text: bytes.toString('latin1'), how: 'random bytes' };
      }
      case 3: {
        const ps = this.paths(obj).filter((p) => p.length > 0);
        const p = this.pick(ps);
        const deep = this.rnd() < 0.5 ? `${'['.repeat(10000)}${']'.repeat(10000)}` : `${'{"d":'.repeat(10000)}1${'}'.repeat(10000)}`;
        const marker = '"__DEEP__"';
        return { text: JSON.stringify(this.set(obj, p, '__DEEP__')).replace(marker, deep), how: `10k-deep nesting at ${p.join('.')}` };
      }
      case 4: {
        const ps = this.paths(obj).filter((p) => p.length > 0);
        const p = this.pick(ps);
        const size = this.pick([64 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 10]);
        return { text: JSON.stringify(this.set(obj, p, 'y'.repeat(size))), how: `huge string (${size}) at ${p.join('.')}` };
      }
      case 5: {
        // A duplicated key with a different type.
        const at = text.indexOf('"metadata":');
        return { text: `${text.slice(0, at)}"metadata":${JSON.stringify(this.randomValue())},${text.slice(at)}`, how: 'duplicate metadata key' };
      }
      case 6: {
        const ps = this.paths(obj).filter((p) => p.length > 0);
        const p = this.pick(ps);
        let cur = obj as Record<string | number, Json>;
        for (const k of p.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
        if (Array.isArray(cur)) cur.splice(p[p.length - 1] as number, 1); else delete cur[p[p.length - 1]!];
        return { text: JSON.stringify(obj), how: `removed ${p.join('.')}` };
      }
      case 7:
        return { text: JSON.stringify(this.randomValue()), how: 'a random JSON value' };
      default: {
        // Random unicode noise spliced in.
        const at = this.int(text.length);
        const noise = Array.from({ length: 1 + this.int(8) }, () => String.fromCharCode(this.int(0x3000))).join('');
        return { text: text.slice(0, at) + noise + text.slice(at), how: `noise at ${at}` };
      }
    }
  }
}

describe('apiserver fuzz', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    for (const t of TARGETS) await h.create(t.path, t.valid());
  });
  after(async () => { await h.stop(); });

  test(`${ITERATIONS} mutated POST/PUT/PATCH bodies never yield a 5xx or an unexpected change`, async () => {
    const rnd = seededRandom(SEED);
    const m = new Mutator(rnd);
    const seen = new Map<number, number>();
    for (let i = 0; i < ITERATIONS; i++) {
      const t = m.pick(TARGETS);
      const verb = m.pick(['POST', 'PUT', 'merge', 'strategic', 'json', 'apply'] as const);
      let valid: Json = t.valid();
      if (verb === 'PUT') valid = (await h.get(`${t.path}/${t.name}`)).obj as unknown as Json;
      if (verb === 'merge' || verb === 'strategic') valid = { metadata: { labels: { n: String(i) } }, spec: { replicas: 3 }, data: { c: 'd' } };
      if (verb === 'json') valid = [{ op: 'add', path: '/metadata/labels/n', value: String(i) }, { op: 'replace', path: '/metadata/name', value: t.name }];
      const { text, how } = m.mutate(valid);
      const path = verb === 'POST' ? t.path : `${t.path}/${t.name}`;
      const method = verb === 'POST' ? 'POST' : verb === 'PUT' ? 'PUT' : 'PATCH';
      const contentType = verb === 'POST' || verb === 'PUT' ? (rnd() < 0.2 ? 'application/yaml' : 'application/json')
        : { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json', apply: 'application/apply-patch+yaml' }[verb];
      const query = verb === 'apply' ? { fieldManager: 'fuzz', force: 'true' } : rnd() < 0.3 ? { fieldValidation: 'Strict' } : {};
      const before = await h.snapshot();
      const r = await h.request(method, path, { body: Buffer.from(text, 'latin1'), contentType, query });
      const what = `#${i} ${method} ${t.kind} ${contentType} (${how})`;
      seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
      assert.ok(r.status < 500, `${what}: ${r.status} ${r.text.slice(0, 400)}`);
      if (r.status >= 400) {
        assert.equal(r.statusBody.code, r.status, what);
        assert.deepEqual(await h.snapshot(), before, `${what} was rejected (${r.status}) but changed storage`);
      } else {
        assert.equal(typeof r.obj.metadata, 'object', what);
      }
      // Put the targets back (a PUT or patch may have changed them, a create may have made one).
      if (r.status < 300 && method !== 'POST') {
        const cur = (await h.get(`${t.path}/${t.name}`)).obj;
        await h.put(`${t.path}/${t.name}`, { ...(t.valid() as object), metadata: { ...(t.valid() as { metadata: object }).metadata, resourceVersion: cur.metadata.resourceVersion } }, { query: { fieldManager: 'reset' } });
      }
    }
    assert.deepEqual(h.log.filter((l) => l.startsWith('internal error')), []);
    // The mix exercised both rejections and successes.
    assert.ok([...seen.keys()].some((s) => s >= 400));
    assert.ok([...seen.keys()].some((s) => s < 300));
  });
});
