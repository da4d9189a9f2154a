import type { Stage } from '../lib/stage.ts';
import { findingsInputs, writeFindings } from './findings-stage.ts';

/**
 * report: what the site shows that has to be selected or computed from the other stages' artifacts. Here: the
 * run's findings (`report/findings.json`, pipeline/report/findings.ts). (Branch `sitebuild` grows this stage with
 * the per-layer neuron pages and the post's examples; merged, its `run` also calls writeFindings.)
 */
export const stage: Stage = {
  name: 'report',
  sections: ['model'],
  inputs: (ctx) => findingsInputs(ctx),
  async run(ctx) {
    return [writeFindings(ctx)];
  },
};
