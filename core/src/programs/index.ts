export * from './create-program.js';
export * from './find-any-program-id.js';
export * from './get-program.js';
export * from './list-programs.js';
export { isProgramId, type ProgramVersionView, type ProgramView } from './program-view.js';
export * from './publish-program-version.js';
// The repository's scoped queries stay inside programs/: only these are its public face.
export {
  findActiveProgramId,
  findVersionById,
  findVersionInForce,
  loadProgramBook,
  type ProgramBook,
  type ProgramVersion,
} from './repository.js';
export * from './reward-rules.js';
export * from './rules.js';
export * from './set-program-status.js';
