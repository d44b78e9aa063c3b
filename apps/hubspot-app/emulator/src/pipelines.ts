// Deal pipelines. Every portal has HubSpot's 'default' Sales Pipeline, whose won stage is
// 'closedwon'; custom pipelines have numeric ids and their own won stage, which an app can only
// recognise from the stage metadata (isClosed 'true', probability '1.0', both strings on the wire).

export type PipelineStage = {
  id: string;
  label: string;
  displayOrder: number;
  /** 0..1; a closed stage with probability 1 is a won stage. */
  probability: number;
  isClosed: boolean;
  createdAt: number;
  updatedAt: number;
};

export type Pipeline = {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  createdAt: number;
  updatedAt: number;
};

export type PipelineInput = {
  /** Defaults to a fresh numeric id, as HubSpot gives custom pipelines. */
  id?: string;
  label: string;
  displayOrder?: number;
  stages: { id?: string; label: string; probability: number; isClosed?: boolean }[];
};

const DEFAULT_STAGES: [string, string, number][] = [
  ['appointmentscheduled', 'Appointment Scheduled', 0.2],
  ['qualifiedtobuy', 'Qualified To Buy', 0.4],
  ['presentationscheduled', 'Presentation Scheduled', 0.6],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', 0.8],
  ['contractsent', 'Contract Sent', 0.9],
  ['closedwon', 'Closed Won', 1],
  ['closedlost', 'Closed Lost', 0],
];

export function buildPipeline(input: PipelineInput, nextId: () => string, at: number): Pipeline {
  if (input.stages.length === 0) throw new Error(`Pipeline ${input.label} needs at least one stage`);
  const stages = input.stages.map((stage, displayOrder) => {
    if (!(stage.probability >= 0 && stage.probability <= 1)) {
      throw new Error(`Stage ${stage.label}: probability must be between 0 and 1`);
    }
    return {
      id: stage.id ?? nextId(),
      label: stage.label,
      displayOrder,
      probability: stage.probability,
      // HubSpot's closed stages are the won (1.0) and lost (0.0) ones unless told otherwise.
      isClosed: stage.isClosed ?? (stage.probability === 0 || stage.probability === 1),
      createdAt: at,
      updatedAt: at,
    };
  });
  if (new Set(stages.map((stage) => stage.id)).size !== stages.length) {
    throw new Error(`Pipeline ${input.label} has duplicate stage ids`);
  }
  return {
    id: input.id ?? nextId(),
    label: input.label,
    displayOrder: input.displayOrder ?? 0,
    stages,
    createdAt: at,
    updatedAt: at,
  };
}

export const defaultPipeline = (at: number): Pipeline =>
  buildPipeline(
    {
      id: 'default',
      label: 'Sales Pipeline',
      stages: DEFAULT_STAGES.map(([id, label, probability]) => ({ id, label, probability })),
    },
    () => {
      throw new Error('unreachable: every default stage has an id');
    },
    at,
  );

export const isClosedWon = (stage: PipelineStage): boolean => stage.isClosed && stage.probability === 1;

/** '1.0', '0.2': HubSpot writes probabilities with at least one decimal. */
const probabilityText = (p: number): string => (Number.isInteger(p) ? p.toFixed(1) : String(p));

export const stageJson = (stage: PipelineStage) => ({
  id: stage.id,
  label: stage.label,
  displayOrder: stage.displayOrder,
  metadata: { isClosed: String(stage.isClosed), probability: probabilityText(stage.probability) },
  createdAt: new Date(stage.createdAt).toISOString(),
  updatedAt: new Date(stage.updatedAt).toISOString(),
  archived: false,
  writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
});

export const pipelineJson = (pipeline: Pipeline) => ({
  id: pipeline.id,
  label: pipeline.label,
  displayOrder: pipeline.displayOrder,
  stages: pipeline.stages.map(stageJson),
  createdAt: new Date(pipeline.createdAt).toISOString(),
  updatedAt: new Date(pipeline.updatedAt).toISOString(),
  archived: false,
});
