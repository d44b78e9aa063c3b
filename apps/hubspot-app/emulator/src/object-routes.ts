// The CRM objects API (v3) for contacts and deals: batch upsert/read and search of contacts, single
// reads, and deal creation and updates (tests create deals; the app reads them and their stage).
import { z } from 'zod';
import { type InvalidBatchInputs, readContacts, upsertContacts } from './contact-batch.js';
import { fail, listParam, ok, parseBody, type Reply } from './http.js';
import { searchObjects } from './object-search.js';
import { objectNotFound, showRecord } from './object-views.js';
import type { ObjectType, PortalState } from './portal.js';
import { invalidValuesMessage, normalizeEmail } from './property-values.js';
import type { Route, RouteContext } from './router.js';

const CONTACTS_READ = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];
const CONTACTS_WRITE = ['crm.objects.contacts.write'];
const DEALS_READ = ['crm.objects.deals.read', 'crm.objects.deals.write'];
const DEALS_WRITE = ['crm.objects.deals.write'];

/** deal -> contact, the only association type the emulator keeps (HubSpot-defined type 3). */
export const DEAL_TO_CONTACT_TYPE_ID = 3;

const rawValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const dealCreateSchema = z.object({
  properties: z.record(z.string(), rawValueSchema),
  associations: z
    .array(
      z.object({
        to: z.object({ id: z.string() }),
        types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })),
      }),
    )
    .optional(),
});
const dealUpdateSchema = z.object({ properties: z.record(z.string(), rawValueSchema) });

function getOne(ctx: RouteContext, objectType: ObjectType, id: string): Reply {
  const { portal, query } = ctx;
  const idProperty = query.get('idProperty');
  const record =
    objectType === 'contacts' && idProperty === 'email'
      ? portal.contacts.find('email', normalizeEmail(id))
      : idProperty && idProperty !== 'hs_object_id'
        ? portal.store(objectType).find(idProperty, id)
        : portal.store(objectType).get(id);
  if (!record) return objectNotFound(id);
  return ok(
    showRecord(portal, objectType, record, {
      properties: listParam(query, 'properties'),
      propertiesWithHistory: listParam(query, 'propertiesWithHistory'),
      associations: listParam(query, 'associations'),
    }),
  );
}

function createDeal(portal: PortalState, body: unknown): Reply {
  const input = parseBody(dealCreateSchema, body);
  if (!input.ok) return input.reply;
  const contactIds: string[] = [];
  for (const association of input.value.associations ?? []) {
    const known = association.types.every(
      (t) => t.associationCategory === 'HUBSPOT_DEFINED' && t.associationTypeId === DEAL_TO_CONTACT_TYPE_ID,
    );
    if (!known)
      return fail(400, 'VALIDATION_ERROR', 'The emulator keeps deal-to-contact associations (type 3) only.');
    if (!portal.contacts.get(association.to.id)) {
      return fail(400, 'VALIDATION_ERROR', `No contact ${association.to.id} to associate with.`);
    }
    contactIds.push(association.to.id);
  }
  const checked = portal.checkDealWrite(input.value.properties);
  if (!checked.ok)
    return fail(400, 'VALIDATION_ERROR', invalidValuesMessage(checked.errors, portal.portalId));
  const deal = portal.deals.create(checked.values, portal.apiSource);
  for (const contactId of contactIds) portal.associate(deal.id, contactId);
  return ok(showRecord(portal, 'deals', deal, { properties: Object.keys(input.value.properties) }), 201);
}

function updateDeal(portal: PortalState, id: string, body: unknown): Reply {
  const input = parseBody(dealUpdateSchema, body);
  if (!input.ok) return input.reply;
  const deal = portal.deals.get(id);
  if (!deal) return objectNotFound(id);
  const checked = portal.checkDealWrite(input.value.properties, deal);
  if (!checked.ok)
    return fail(400, 'VALIDATION_ERROR', invalidValuesMessage(checked.errors, portal.portalId));
  portal.deals.write(deal, checked.values, portal.apiSource);
  return ok(showRecord(portal, 'deals', deal, { properties: Object.keys(input.value.properties) }));
}

export function objectRoutes(options: { invalidBatchInputs: InvalidBatchInputs }): Route[] {
  return [
    {
      // POST /crm/v3/objects/contacts/batch/upsert - 200, 207 with per-input errors, 400 for the batch
      method: 'POST',
      path: '/crm/v3/objects/contacts/batch/upsert',
      scopes: CONTACTS_WRITE,
      handle: (ctx) => upsertContacts(ctx.portal, ctx.body, options.invalidBatchInputs),
    },
    {
      // POST /crm/v3/objects/contacts/batch/read - 200, or 207 naming the ids not found
      method: 'POST',
      path: '/crm/v3/objects/contacts/batch/read',
      scopes: CONTACTS_READ,
      handle: (ctx) => readContacts(ctx.portal, ctx.body),
    },
    {
      // POST /crm/v3/objects/contacts/search - also limited to 5 requests/s per portal
      method: 'POST',
      path: '/crm/v3/objects/contacts/search',
      scopes: CONTACTS_READ,
      search: true,
      handle: (ctx) => searchObjects(ctx.portal, 'contacts', ctx.body),
    },
    {
      // GET /crm/v3/objects/contacts/{contactId} - by id, or by email with idProperty=email
      method: 'GET',
      path: '/crm/v3/objects/contacts/{contactId}',
      scopes: CONTACTS_READ,
      handle: (ctx) => getOne(ctx, 'contacts', ctx.params.contactId ?? ''),
    },
    {
      // POST /crm/v3/objects/deals/search - also limited to 5 requests/s per portal
      method: 'POST',
      path: '/crm/v3/objects/deals/search',
      scopes: DEALS_READ,
      search: true,
      handle: (ctx) => searchObjects(ctx.portal, 'deals', ctx.body),
    },
    {
      // POST /crm/v3/objects/deals - 201 with the deal; stage and pipeline are checked
      method: 'POST',
      path: '/crm/v3/objects/deals',
      scopes: DEALS_WRITE,
      handle: (ctx) => createDeal(ctx.portal, ctx.body),
    },
    {
      // GET /crm/v3/objects/deals/{dealId} - properties, history and associations on request
      method: 'GET',
      path: '/crm/v3/objects/deals/{dealId}',
      scopes: DEALS_READ,
      handle: (ctx) => getOne(ctx, 'deals', ctx.params.dealId ?? ''),
    },
    {
      // PATCH /crm/v3/objects/deals/{dealId} - e.g. move the deal to another stage
      method: 'PATCH',
      path: '/crm/v3/objects/deals/{dealId}',
      scopes: DEALS_WRITE,
      handle: (ctx) => updateDeal(ctx.portal, ctx.params.dealId ?? '', ctx.body),
    },
  ];
}
