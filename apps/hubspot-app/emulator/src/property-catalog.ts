// One object type's property groups and definitions, with the checks HubSpot applies when an app
// creates them: snake-case names, a known type, a fieldType that type accepts, an existing group,
// unique names (409 OBJECT_ALREADY_EXISTS) and at most 10 unique-value properties.
import { z } from 'zod';
import { FIELD_TYPES_BY_TYPE, PROPERTY_TYPES, type PropertyType } from './property-types.js';

export const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;
export const MAX_UNIQUE_VALUE_PROPERTIES = 10;

export type PropertyOption = {
  label: string;
  value: string;
  description: string;
  displayOrder: number;
  hidden: boolean;
};

export type PropertyDefinition = {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  displayOrder: number;
  options: PropertyOption[];
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  /** HubSpot computes or owns the value (createdate, hs_object_id, calculated properties). */
  readOnlyValue: boolean;
  calculated: boolean;
  createdAt: number;
  updatedAt: number;
};

export type PropertyGroup = { name: string; label: string; displayOrder: number };

const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
});

export const propertyCreateSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  options: z.array(optionSchema).optional(),
  calculationFormula: z.string().optional(),
  referencedObjectType: z.string().optional(),
  externalOptions: z.boolean().optional(),
});
export type PropertyCreate = z.infer<typeof propertyCreateSchema>;

export const groupCreateSchema = z.object({
  name: z.string(),
  label: z.string(),
  displayOrder: z.number().int().optional(),
});
export type GroupCreate = z.infer<typeof groupCreateSchema>;

export type CatalogError = { ok: false; status: 400 | 404 | 409; category: string; message: string };
const invalid = (message: string): CatalogError => ({
  ok: false,
  status: 400,
  category: 'VALIDATION_ERROR',
  message,
});

export class PropertyCatalog {
  readonly groups = new Map<string, PropertyGroup>();
  readonly properties = new Map<string, PropertyDefinition>();

  constructor(
    readonly objectType: 'contacts' | 'deals',
    private readonly now: () => number,
  ) {}

  addGroup(input: GroupCreate): { ok: true; group: PropertyGroup } | CatalogError {
    if (!PROPERTY_NAME.test(input.name)) {
      return invalid(`Property group name '${input.name}' is invalid: use lowercase letters, digits and _.`);
    }
    if (this.groups.has(input.name)) {
      return {
        ok: false,
        status: 409,
        category: 'OBJECT_ALREADY_EXISTS',
        message: `A property group named '${input.name}' already exists.`,
      };
    }
    const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1 };
    this.groups.set(group.name, group);
    return { ok: true, group };
  }

  /** Checks and stores a definition; built-ins pass hubspotDefined and readOnlyValue. */
  create(
    input: PropertyCreate,
    flags: { hubspotDefined?: boolean; readOnlyValue?: boolean } = {},
  ): { ok: true; property: PropertyDefinition } | CatalogError {
    if (!PROPERTY_NAME.test(input.name)) {
      return invalid(
        `Property name '${input.name}' is invalid: it must start with a lowercase letter and contain only lowercase letters, digits and underscores.`,
      );
    }
    if (!(PROPERTY_TYPES as readonly string[]).includes(input.type)) {
      return invalid(`Invalid type '${input.type}'. Valid types: ${PROPERTY_TYPES.join(', ')}.`);
    }
    const type = input.type as PropertyType;
    const fieldTypes = FIELD_TYPES_BY_TYPE[type];
    if (!(fieldTypes as readonly string[]).includes(input.fieldType)) {
      return invalid(
        `fieldType '${input.fieldType}' is not valid for type '${type}'. Valid fieldTypes: ${fieldTypes.join(', ')}.`,
      );
    }
    if (!this.groups.has(input.groupName)) {
      return invalid(`Property group '${input.groupName}' does not exist for ${this.objectType}.`);
    }
    const options = input.options ?? [];
    if (new Set(options.map((option) => option.value)).size !== options.length) {
      return invalid(`Property '${input.name}' has duplicate option values.`);
    }
    if (this.properties.has(input.name)) {
      return {
        ok: false,
        status: 409,
        category: 'OBJECT_ALREADY_EXISTS',
        message: `Property named '${input.name}' already exists.`,
      };
    }
    const uniques = [...this.properties.values()].filter((p) => p.hasUniqueValue && !p.hubspotDefined).length;
    if (input.hasUniqueValue && uniques >= MAX_UNIQUE_VALUE_PROPERTIES) {
      return invalid(
        `The maximum of ${MAX_UNIQUE_VALUE_PROPERTIES} unique value properties for ${this.objectType} has been reached.`,
      );
    }
    const calculated = input.fieldType === 'calculation_equation';
    const at = this.now();
    const property: PropertyDefinition = {
      name: input.name,
      label: input.label,
      type,
      fieldType: input.fieldType,
      groupName: input.groupName,
      description: input.description ?? '',
      displayOrder: input.displayOrder ?? -1,
      options: options.map((option, i) => ({
        label: option.label,
        value: option.value,
        description: option.description ?? '',
        displayOrder: option.displayOrder ?? i,
        hidden: option.hidden ?? false,
      })),
      hasUniqueValue: input.hasUniqueValue ?? false,
      hidden: input.hidden ?? false,
      formField: input.formField ?? false,
      hubspotDefined: flags.hubspotDefined ?? false,
      // The emulator does not evaluate calculation formulas: their values are read-only and empty.
      readOnlyValue: (flags.readOnlyValue ?? false) || calculated,
      calculated,
      createdAt: at,
      updatedAt: at,
    };
    this.properties.set(property.name, property);
    return { ok: true, property };
  }
}
