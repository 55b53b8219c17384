// Plumbing for run.ts: the child servers, autocannon runs, and signing in over HTTP.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const children = new Set<ChildProcess>();

/** Starts servers.ts in a child process and resolves with its base URL once it listens. */
export function startServer(mode: 'app' | 'bare', dir: string): Promise<string> {
  const child = fork(fileURLToPath(new URL('./servers.ts', import.meta.url)), [mode, dir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 20 s`)), 20_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${m.port}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} server exited with ${code}`));
    });
  });
}

/** Ends every child: politely first, so SQLite closes cleanly, then for certain. */
export async function stopServers(): Promise<void> {
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        const hard = setTimeout(() => child.kill('SIGKILL'), 3_000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(waits);
}

// A crash in the parent must not leave servers behind holding ports and files.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Load {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Bodies sent in turn, one per request (e.g. sign-ins spread over many accounts). */
  bodies?: string[];
}

export interface Measured {
  rps: number;
  p99: number;
  p50: number;
  non2xx: number;
  errors: number;
}

/** A warm-up (JIT, SQLite page cache, statement caches) that is thrown away, then the run. */
export async function measure(load: Load, warmupSeconds = 2): Promise<Measured> {
  const options = {
    url: load.url,
    connections: load.connections,
    method: load.method ?? 'GET',
    headers: load.headers ?? {},
    ...(load.body ? { body: load.body } : {}),
    // Each request picks its body at random, so connections do not march through the list in step.
    ...(load.bodies
      ? {
          requests: [
            {
              method: load.method ?? 'GET',
              setupRequest: (request: { body?: string }) => ({
                ...request,
                body: load.bodies![Math.floor(Math.random() * load.bodies!.length)],
              }),
            },
          ],
        }
      : {}),
  };
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const r = await autocannon({ ...options, duration: load.seconds });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/**
 * Measures two servers in alternating slices, so load from other processes on the machine falls
 * on both alike and their ratio stays meaningful. Figures are the means over the slices.
 */
export async function measurePair(a: Load, b: Load, rounds: number): Promise<[Measured, Measured]> {
  const slice = (load: Load) => ({ ...load, seconds: load.seconds / rounds });
  const runs: [Measured[], Measured[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    runs[0].push(await measure(slice(a), r === 0 ? 2 : 0));
    runs[1].push(await measure(slice(b), r === 0 ? 2 : 0));
  }
  const mean = (list: Measured[]): Measured => {
    const avg = (key: keyof Measured) => list.reduce((sum, m) => sum + m[key], 0) / list.length;
    return {
      rps: avg('rps'),
      p99: avg('p99'),
      p50: avg('p50'),
      non2xx: avg('non2xx'),
      errors: avg('errors'),
    };
  };
  return [mean(runs[0]), mean(runs[1])];
}

export const loginHeaders = { 'content-type': 'application/json', 'x-csrf-token': 'bench' };

/** Signs in; returns the session cookie and the CSRF token that mutating calls must echo. */
export async function login(base: string, account: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: loginHeaders,
    body: JSON.stringify({ account, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${account}: ${res.status} ${await res.text()}`);
  const token = /kehou_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`login as ${account}: no session cookie`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: `kehou_session=${token}`, csrfToken: me.csrfToken };
}
