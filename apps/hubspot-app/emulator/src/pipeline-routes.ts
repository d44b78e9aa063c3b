// The CRM pipelines API (v3) for deals: pipelines with their stages, whose metadata tells an app
// which stage is won ({isClosed: 'true', probability: '1.0'}).
import { fail, ok, type Reply } from './http.js';
import type { Pipeline } from './pipelines.js';
import { pipelineJson, stageJson } from './pipelines.js';
import { objectTypeOf, type Route, type RouteContext } from './router.js';

const READ = ['crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.deals.read'];

function withPipeline(handle: (ctx: RouteContext, pipeline: Pipeline) => Reply) {
  return (ctx: RouteContext): Reply => {
    if (objectTypeOf(ctx.params.objectType ?? '') !== 'deals') {
      return fail(
        400,
        'VALIDATION_ERROR',
        `The emulator keeps deal pipelines only, not ${ctx.params.objectType}.`,
      );
    }
    const id = ctx.params.pipelineId ?? '';
    const pipeline = ctx.portal.pipelines.get(id);
    if (!pipeline)
      return fail(404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`, { context: { id: [id] } });
    return handle(ctx, pipeline);
  };
}

export const pipelineRoutes: Route[] = [
  {
    // GET /crm/v3/pipelines/{objectType} - every deal pipeline with its stages
    method: 'GET',
    path: '/crm/v3/pipelines/{objectType}',
    scopes: READ,
    handle: (ctx) => {
      if (objectTypeOf(ctx.params.objectType ?? '') !== 'deals') {
        return fail(
          400,
          'VALIDATION_ERROR',
          `The emulator keeps deal pipelines only, not ${ctx.params.objectType}.`,
        );
      }
      const pipelines = [...ctx.portal.pipelines.values()].sort((a, b) => a.displayOrder - b.displayOrder);
      return ok({ results: pipelines.map(pipelineJson) });
    },
  },
  {
    // GET /crm/v3/pipelines/{objectType}/{pipelineId} - one pipeline or 404
    method: 'GET',
    path: '/crm/v3/pipelines/{objectType}/{pipelineId}',
    scopes: READ,
    handle: withPipeline((_ctx, pipeline) => ok(pipelineJson(pipeline))),
  },
  {
    // GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages - the pipeline's stages
    method: 'GET',
    path: '/crm/v3/pipelines/{objectType}/{pipelineId}/stages',
    scopes: READ,
    handle: withPipeline((_ctx, pipeline) => ok({ results: pipeline.stages.map(stageJson) })),
  },
  {
    // GET /crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId} - one stage or 404
    method: 'GET',
    path: '/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}',
    scopes: READ,
    handle: withPipeline((ctx, pipeline) => {
      const stage = pipeline.stages.find((s) => s.id === ctx.params.stageId);
      if (stage) return ok(stageJson(stage));
      return fail(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find stage ${ctx.params.stageId} in pipeline ${pipeline.id}`,
      );
    }),
  },
];
