// The associations API (v4) between deals and contacts: list a record's associations the way
// crm.associations.v4.basicApi.getPage reads them, and create the default (unlabelled) one.
// v4 answers toObjectId as a JSON number, although the client's model types it as a string.
import { fail, ok, type Reply } from './http.js';
import type { ObjectType, PortalState } from './portal.js';
import { objectTypeOf, type Route, type RouteContext } from './router.js';

const MAX_PAGE = 500;

/** HubSpot-defined unlabelled association type ids. */
const TYPE_ID: Record<ObjectType, number> = { deals: 3, contacts: 4 };

const SCOPES = ['crm.objects.deals.read', 'crm.objects.contacts.read'];
const WRITE = ['crm.objects.deals.write', 'crm.objects.contacts.write'];

type Pair = { from: ObjectType; to: ObjectType };

function pairOf(ctx: RouteContext, fromKey: string, toKey: string): Pair | Reply {
  const from = objectTypeOf(ctx.params[fromKey] ?? '');
  const to = objectTypeOf(ctx.params[toKey] ?? '');
  if (!from || !to || from === to) {
    return fail(400, 'VALIDATION_ERROR', 'The emulator keeps deal<->contact associations only.');
  }
  return { from, to };
}

const isPair = (value: Pair | Reply): value is Pair => 'from' in value;

function linked(portal: PortalState, from: ObjectType, id: string): string[] {
  return from === 'deals' ? portal.contactIdsOfDeal(id) : portal.dealIdsOfContact(id);
}

function getPage(ctx: RouteContext): Reply {
  const pair = pairOf(ctx, 'objectType', 'toObjectType');
  if (!isPair(pair)) return pair;
  const limit = Number(ctx.query.get('limit') ?? MAX_PAGE);
  const offset = Number(ctx.query.get('after') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE || !Number.isInteger(offset) || offset < 0) {
    return fail(400, 'VALIDATION_ERROR', `limit must be 1..${MAX_PAGE} and after a non-negative integer.`);
  }
  // A record that does not exist simply has no associations (unconfirmed against HubSpot).
  const ids = linked(ctx.portal, pair.from, ctx.params.objectId ?? '');
  const page = ids.slice(offset, offset + limit);
  const results = page.map((id) => ({
    toObjectId: Number(id),
    associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: TYPE_ID[pair.from], label: null }],
  }));
  const more = offset + limit < ids.length;
  return ok({ results, ...(more ? { paging: { next: { after: String(offset + limit) } } } : {}) });
}

function createDefault(ctx: RouteContext): Reply {
  const pair = pairOf(ctx, 'fromObjectType', 'toObjectType');
  if (!isPair(pair)) return pair;
  const fromId = ctx.params.fromObjectId ?? '';
  const toId = ctx.params.toObjectId ?? '';
  const [dealId, contactId] = pair.from === 'deals' ? [fromId, toId] : [toId, fromId];
  const { portal } = ctx;
  if (!portal.deals.get(dealId) || !portal.contacts.get(contactId)) {
    return fail(404, 'OBJECT_NOT_FOUND', `No deal ${dealId} or no contact ${contactId}`);
  }
  portal.associate(dealId, contactId);
  const stamp = new Date(portal.now()).toISOString();
  return ok({
    status: 'COMPLETE',
    results: [
      {
        from: { id: fromId },
        to: { id: toId },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TYPE_ID[pair.from] },
      },
    ],
    startedAt: stamp,
    completedAt: stamp,
  });
}

export const associationRoutes: Route[] = [
  {
    // GET /crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType} - one page of associations
    method: 'GET',
    path: '/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}',
    scopes: SCOPES,
    handle: getPage,
  },
  {
    // PUT /crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}
    method: 'PUT',
    path: '/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}',
    scopes: WRITE,
    handle: createDefault,
  },
];
