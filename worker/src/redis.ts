// Finds Redis at REDIS_URL; for `npm start` on a bare machine it may launch a private
// redis-server when one is on the PATH, and otherwise says how to get Redis.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export type EnsureRedisResult = { url: string; launched: boolean; stop(): void };

export async function ensureRedis(
  url: string,
  options: { allowLaunch: boolean; dataDir: string },
): Promise<EnsureRedisResult> {
  if (await redisAnswers(url)) return { url, launched: false, stop() {} };
  const onPath = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!options.allowLaunch || !onPath) {
    throw new Error(
      `Redis does not answer at ${url}. Start one (Debian: apt-get install redis-server, then ` +
        '`redis-server --daemonize yes`) or set REDIS_URL to a Redis you have.',
    );
  }
  const port = 6390;
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      options.dataDir,
    ],
    { stdio: 'ignore', detached: false },
  );
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(privateUrl, 300))
      return { url: privateUrl, launched: true, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('Launched a private redis-server but it never answered.');
}
