// The HubSpot emulator for the hubspot-sync benchmark, in its own process (HubSpot is remote: its
// work must not share the worker's event loop). The parent asks over IPC for authorization codes
// and for each portal's request counts since the drain started.
import { startHubSpotEmulator } from '@referrals/hubspot-emulator';
import { z } from 'zod';

export const emulatorRequestSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number(), type: z.literal('authorize'), portalId: z.number(), redirectUri: z.string() }),
  z.object({ id: z.number(), type: z.literal('summary'), portalIds: z.array(z.number()), since: z.number() }),
]);
export type EmulatorRequest = z.infer<typeof emulatorRequestSchema>;

export type PortalSummary = {
  portalId: number;
  requests: number;
  rateLimited: number;
  /** The emulator's time of the first and last request (epoch ms), or null. */
  firstAt: number | null;
  lastAt: number | null;
  contacts: number;
};

export type EmulatorReady = { type: 'ready'; url: string; clientId: string; clientSecret: string };

if (process.send) {
  // argv: the answers' latency in ms, then the portal ids.
  const [latencyMs, ...portalIds] = z.array(z.coerce.number()).parse(process.argv.slice(2));
  const emulator = await startHubSpotEmulator({ logRequestBodies: false, latencyMs: latencyMs ?? 0 });
  for (const portalId of portalIds) emulator.addPortal(portalId);
  process.on('message', (raw) => {
    const message = emulatorRequestSchema.parse(raw);
    if (message.type === 'authorize') {
      const code = emulator.authorize(message.portalId, { redirectUri: message.redirectUri });
      process.send?.({ id: message.id, code });
      return;
    }
    const summaries: PortalSummary[] = message.portalIds.map((portalId) => {
      const during = emulator.requests.filter((r) => r.portalId === portalId && r.at >= message.since);
      return {
        portalId,
        requests: during.length,
        rateLimited: during.filter((r) => r.status === 429).length,
        firstAt: during[0]?.at ?? null,
        lastAt: during.at(-1)?.at ?? null,
        contacts: emulator.portal(portalId).contacts.records.size,
      };
    });
    process.send?.({ id: message.id, summaries });
  });
  process.once('disconnect', () => void emulator.close().then(() => process.exit(0)));
  process.send({
    type: 'ready',
    url: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
  });
}
