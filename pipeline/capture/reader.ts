/** The statistics' entry point to a capture: `openCapture(dir)` → `CaptureReader` (see ./types.ts, ./shards.ts). */
export { openCapture } from './shards.ts';
export type { CaptureReader, CapturedSentence, CaptureLayerInfo, StepMeta } from './types.ts';
