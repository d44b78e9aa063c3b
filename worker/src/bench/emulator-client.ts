// The benchmark's handle on the emulator process (hubspot-emulator-process.ts): fork, wait for it
// to listen, then ask over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorReady, PortalSummary } from './hubspot-emulator-process.js';

export type EmulatorProcess = Omit<EmulatorReady, 'type'> & {
  authorize(portalId: number, redirectUri: string): Promise<string>;
  summary(portalIds: number[], since: number): Promise<PortalSummary[]>;
  close(): void;
};

/** `latencyMs`: how long the emulator holds each answer (HubSpot's latency; 0 answers at once). */
export async function startEmulatorProcess(portalIds: number[], latencyMs = 0): Promise<EmulatorProcess> {
  const script = fileURLToPath(new URL('./hubspot-emulator-process.js', import.meta.url));
  const args = [latencyMs, ...portalIds].map(String);
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  let nextId = 1;
  const ready = await new Promise<EmulatorReady>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
    child.on('message', (raw) => {
      const message = raw as Record<string, unknown>;
      if (message.type === 'ready') resolve(message as EmulatorReady);
      else pending.get(message.id as number)?.(message);
    });
  });
  const ask = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        resolve(reply as T);
      });
      child.send({ ...request, id });
    });
  return {
    url: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    authorize: async (portalId, redirectUri) =>
      (await ask<{ code: string }>({ type: 'authorize', portalId, redirectUri })).code,
    summary: async (ids, since) =>
      (await ask<{ summaries: PortalSummary[] }>({ type: 'summary', portalIds: ids, since })).summaries,
    close: () => {
      child.removeAllListeners('exit');
      child.disconnect();
    },
  };
}
