// The CRM properties API (v3) for contacts and deals: groups, single and batch creation, reads.
import { z } from 'zod';
import { fail, ok, parseBody, type Reply } from './http.js';
import { batchReply } from './object-views.js';
import type { ObjectType, PortalState } from './portal.js';
import {
  type CatalogError,
  groupCreateSchema,
  type PropertyDefinition,
  type PropertyGroup,
  propertyCreateSchema,
} from './property-catalog.js';
import { objectTypeOf, type Route, type RouteContext } from './router.js';

const READ = ['crm.schemas.{objectType}.read', 'crm.schemas.{objectType}.write'];
const WRITE = ['crm.schemas.{objectType}.write'];

const batchCreateSchema = z.object({ inputs: z.array(propertyCreateSchema) });

export const groupJson = (group: PropertyGroup) => ({ ...group, archived: false });

/** The Property body the client's `Property` model reads. */
export function propertyJson(p: PropertyDefinition) {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    ...(p.hubspotDefined ? { hubspotDefined: true } : {}),
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.readOnlyValue,
    },
    formField: p.formField,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    archived: false,
  };
}

const catalogFail = (error: CatalogError): Reply => fail(error.status, error.category, error.message);

/** Runs `handle` with the path's object type, or answers 400 as HubSpot does for an unknown one. */
function withObjectType(handle: (ctx: RouteContext, objectType: ObjectType, portal: PortalState) => Reply) {
  return (ctx: RouteContext): Reply => {
    const objectType = objectTypeOf(ctx.params.objectType ?? '');
    if (!objectType) {
      return fail(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${ctx.params.objectType}`);
    }
    return handle(ctx, objectType, ctx.portal);
  };
}

export const propertyRoutes: Route[] = [
  {
    // POST /crm/v3/properties/{objectType}/groups - 201, or 409 for a name in use
    method: 'POST',
    path: '/crm/v3/properties/{objectType}/groups',
    scopes: WRITE,
    handle: withObjectType((ctx, objectType, portal) => {
      const input = parseBody(groupCreateSchema, ctx.body);
      if (!input.ok) return input.reply;
      const created = portal.catalog(objectType).addGroup(input.value);
      return created.ok ? ok(groupJson(created.group), 201) : catalogFail(created);
    }),
  },
  {
    // GET /crm/v3/properties/{objectType}/groups - every group
    method: 'GET',
    path: '/crm/v3/properties/{objectType}/groups',
    scopes: READ,
    handle: withObjectType((_ctx, objectType, portal) =>
      ok({ results: [...portal.catalog(objectType).groups.values()].map(groupJson) }),
    ),
  },
  {
    // GET /crm/v3/properties/{objectType}/groups/{groupName} - one group or 404
    method: 'GET',
    path: '/crm/v3/properties/{objectType}/groups/{groupName}',
    scopes: READ,
    handle: withObjectType((ctx, objectType, portal) => {
      const name = ctx.params.groupName ?? '';
      const group = portal.catalog(objectType).groups.get(name);
      if (group) return ok(groupJson(group));
      return fail(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name} for ${objectType}`);
    }),
  },
  {
    // POST /crm/v3/properties/{objectType}/batch/create - 201, or 207 with one error per refused input
    method: 'POST',
    path: '/crm/v3/properties/{objectType}/batch/create',
    scopes: WRITE,
    handle: withObjectType((ctx, objectType, portal) => {
      const input = parseBody(batchCreateSchema, ctx.body);
      if (!input.ok) return input.reply;
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const definition of input.value.inputs) {
        const created = portal.catalog(objectType).create(definition);
        if (created.ok) results.push(propertyJson(created.property));
        else {
          errors.push({
            status: 'error',
            category: created.category,
            message: created.message,
            context: { name: [definition.name] },
            errors: [],
            links: {},
          });
        }
      }
      return batchReply(results, errors, portal.now(), 201);
    }),
  },
  {
    // POST /crm/v3/properties/{objectType} - 201, 409 for a name in use, 400 for an invalid definition
    method: 'POST',
    path: '/crm/v3/properties/{objectType}',
    scopes: WRITE,
    handle: withObjectType((ctx, objectType, portal) => {
      const input = parseBody(propertyCreateSchema, ctx.body);
      if (!input.ok) return input.reply;
      const created = portal.catalog(objectType).create(input.value);
      return created.ok ? ok(propertyJson(created.property), 201) : catalogFail(created);
    }),
  },
  {
    // GET /crm/v3/properties/{objectType} - every definition
    method: 'GET',
    path: '/crm/v3/properties/{objectType}',
    scopes: READ,
    handle: withObjectType((_ctx, objectType, portal) =>
      ok({ results: [...portal.catalog(objectType).properties.values()].map(propertyJson) }),
    ),
  },
  {
    // GET /crm/v3/properties/{objectType}/{propertyName} - one definition or 404
    method: 'GET',
    path: '/crm/v3/properties/{objectType}/{propertyName}',
    scopes: READ,
    handle: withObjectType((ctx, objectType, portal) => {
      const name = ctx.params.propertyName ?? '';
      const property = portal.catalog(objectType).properties.get(name);
      if (property) return ok(propertyJson(property));
      return fail(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name} for ${objectType}`);
    }),
  },
];
