import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortalState } from './portal.js';
import { type HubSpotEmulator, startHubSpotEmulator } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: responses and error bodies are read field by field.
type Json = any;

const PORTAL = 7301;
let emulator: HubSpotEmulator;
let portal: PortalState;
let client: Client;

beforeAll(async () => {
  emulator = await startHubSpotEmulator();
  portal = emulator.addPortal(PORTAL);
  client = new Client({ accessToken: emulator.issueTokens(PORTAL).accessToken, basePath: emulator.url });
});
afterAll(() => emulator.close());

async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Json }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; body: Json };
  }
  throw new Error('expected the call to fail');
}

describe('pipelines', () => {
  test('the default pipeline has closedwon with metadata strings isClosed "true", probability "1.0"', async () => {
    const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
    const sales = pipelines.results.find((p) => p.id === 'default');
    const stages = Object.fromEntries((sales?.stages ?? []).map((s) => [s.id, s.metadata]));
    expect(stages.closedwon).toEqual({ isClosed: 'true', probability: '1.0' });
    expect(stages.closedlost).toEqual({ isClosed: 'true', probability: '0.0' });
    expect(stages.appointmentscheduled).toEqual({ isClosed: 'false', probability: '0.2' });
  });

  test('a custom pipeline has its own won stage id, visible through the stages endpoint', async () => {
    const custom = portal.addDealPipeline({
      label: 'Partners',
      stages: [
        { label: 'Talking', probability: 0.5 },
        { label: 'Signed', probability: 1 },
        { label: 'Gone', probability: 0 },
      ],
    });
    const stages = await client.crm.pipelines.pipelineStagesApi.getAll('deals', custom.id);
    const won = stages.results.filter(
      (s) => s.metadata?.isClosed === 'true' && s.metadata?.probability === '1.0',
    );
    expect(won.map((s) => s.label)).toEqual(['Signed']);
    expect(won[0]?.id).toMatch(/^\d+$/);
    expect((await failure(client.crm.pipelines.pipelineStagesApi.getAll('deals', 'nope'))).code).toBe(404);
  });
});

describe('deals and associations', () => {
  test('reads a deal with its properties and its contacts through associations v4', async () => {
    const ann = portal.createContact({ email: 'ann@example.com' });
    const bo = portal.createContact({ email: 'bo@example.com' });
    const deal = portal.createDeal(
      { dealname: 'Order 1', amount: '120.50', deal_currency_code: 'EUR', dealstage: 'contractsent' },
      { contactIds: [ann.id] },
    );
    portal.associate(deal.id, bo.id);
    const read = await client.crm.deals.basicApi.getById(deal.id, [
      'dealname',
      'amount',
      'dealstage',
      'pipeline',
      'closedate',
      'deal_currency_code',
    ]);
    expect(read.properties).toMatchObject({
      dealname: 'Order 1',
      amount: '120.50',
      dealstage: 'contractsent',
      pipeline: 'default',
      closedate: null,
      deal_currency_code: 'EUR',
    });
    const page = await client.crm.associations.v4.basicApi.getPage('deal', deal.id, 'contact');
    expect(page.results).toEqual([
      {
        toObjectId: Number(ann.id),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
      },
      {
        toObjectId: Number(bo.id),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
      },
    ]);
    const paged = await client.crm.associations.v4.basicApi.getPage('deal', deal.id, 'contact', undefined, 1);
    expect(paged.results).toHaveLength(1);
    expect(paged.paging?.next?.after).toBe('1');
    const reverse = await client.crm.associations.v4.basicApi.getPage('contact', ann.id, 'deal');
    expect(reverse.results.map((r) => r.toObjectId)).toEqual([Number(deal.id)]);
  });

  test('PATCH moves a deal to closedwon; an unknown stage is refused with 400', async () => {
    const deal = portal.createDeal({ dealname: 'Order 2', amount: 80 });
    expect(deal.values.get('dealstage')).toBe('appointmentscheduled');
    const won = await client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon' } });
    expect(won.properties.dealstage).toBe('closedwon');
    expect(deal.values.get('hs_is_closed_won')).toBe('true');
    const refused = await failure(
      client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'nowhere' } }),
    );
    expect(refused.code).toBe(400);
    expect(refused.body.message).toMatch(/INVALID_OPTION/);
    expect(deal.history.get('dealstage')?.map((h) => h.value)).toEqual(['appointmentscheduled', 'closedwon']);
  });

  test('POST creates a deal in a custom pipeline, associated with a contact; the default association works too', async () => {
    const pipeline = portal.addDealPipeline({
      id: 'resellers',
      label: 'Resellers',
      stages: [{ id: 'r_won', label: 'Won', probability: 1 }],
    });
    const carl = portal.createContact({ email: 'carl@example.com' });
    const created = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Reseller 1', pipeline: pipeline.id, dealstage: 'r_won' },
      associations: [
        { to: { id: carl.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] },
      ],
    } as Json);
    expect(portal.deals.get(created.id)?.values.get('hs_is_closed_won')).toBe('true');
    expect(portal.contactIdsOfDeal(created.id)).toEqual([carl.id]);
    const wrongStage = await failure(
      client.crm.deals.basicApi.create({
        properties: { dealname: 'X', pipeline: pipeline.id, dealstage: 'closedwon' },
      } as Json),
    );
    expect(wrongStage.code).toBe(400);
    const dora = portal.createContact({ email: 'dora@example.com' });
    const linked = await client.crm.associations.v4.basicApi.createDefault(
      'deal',
      created.id,
      'contact',
      dora.id,
    );
    expect(linked.status).toBe('COMPLETE');
    expect(portal.dealIdsOfContact(dora.id)).toEqual([created.id]);
  });
});
