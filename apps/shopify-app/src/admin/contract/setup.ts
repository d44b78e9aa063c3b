// GET /api/setup - the Getting started checklist: each step checked live (the programme and the
// first click from our database, the app embed and the share block from the published theme,
// HubSpot from the stored connection). Settings reads `theme` for its embed status too.
import { z } from 'zod';

/** `unknown`: we could not check (Shopify did not answer, say) - never shown as "to do". */
export const setupStepStateSchema = z.enum(['done', 'todo', 'unknown']);
export type SetupStepState = z.infer<typeof setupStepStateSchema>;

const checkedSchema = z.union([z.boolean(), z.literal('unknown')]);

/** The published theme as the theme check read it. */
export const themeSetupSchema = z.object({
  themeName: z.string().nullable(),
  embedEnabled: checkedSchema,
  shareBlockPlaced: checkedSchema,
  /** Why a check is unknown; null when both are known. */
  reason: z.string().nullable(),
  /** Theme editor deep links (open in a new tab, outside the app's frame). */
  editorUrls: z.object({ embed: z.string().url(), shareBlock: z.string().url() }),
});
export type ThemeSetupStatus = z.infer<typeof themeSetupSchema>;

const stepSchema = z.object({ state: setupStepStateSchema, required: z.boolean() });

export const setupResponseSchema = z.object({
  steps: z.object({
    /** Done once a programme exists; `live` once one is active. */
    programme: stepSchema.extend({ programId: z.string().nullable(), live: z.boolean() }),
    themeEmbed: stepSchema.extend({ url: z.string().url() }),
    shareBlock: stepSchema.extend({ url: z.string().url() }),
    /** Optional; `available` is false when this deployment has no HubSpot app. */
    hubspot: stepSchema.extend({ available: z.boolean() }),
    firstClick: stepSchema.extend({ clicks: z.number().int().min(0) }),
  }),
  theme: themeSetupSchema,
  doneCount: z.number().int().min(0),
  totalCount: z.number().int().min(1),
  /** An active programme and every required step done: the page shows "You're live". */
  live: z.boolean(),
});
export type SetupResponse = z.infer<typeof setupResponseSchema>;
export type SetupStepId = keyof SetupResponse['steps'];
