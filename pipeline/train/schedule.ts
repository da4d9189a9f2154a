import type { TrainConfig } from '../lib/config.ts';

/**
 * The learning rate of one Adam step, a pure function of where the step is in the planned training (so a resumed
 * run steps exactly as an uninterrupted one).
 *
 * - `lrDecay`: multiplied in once per finished epoch (exponential decay).
 * - `lrCooldown`: the last `lrCooldown` share of the planned steps (`epochs` × the epoch's batches) decays the
 *   rate linearly towards zero — a warmup-free "warmup–stable–decay" schedule. A constant rate lets Adam settle
 *   only into a noisy neighbourhood of a minimum; the cooldown lets it descend into it at the end, which is where
 *   this model gains its last tenths of a percent. It ends on base/(cooldown·steps), never on exactly zero.
 */
export function learningRateAt(
  cfg: Pick<TrainConfig, 'learningRate' | 'lrDecay' | 'lrCooldown' | 'epochs'>,
  epoch: number,
  batch: number,
  batchesInEpoch: number,
): number {
  let lr = cfg.learningRate * (cfg.lrDecay ?? 1) ** epoch;
  const cooldown = cfg.lrCooldown ?? 0;
  if (cooldown > 0 && batchesInEpoch > 0) {
    // Counted in whole steps (this one included), so the plateau's rate is exactly the base rate.
    const steps = cfg.epochs * batchesInEpoch;
    const left = steps - (epoch * batchesInEpoch + batch);
    lr *= Math.min(1, Math.max(0, left) / (cooldown * steps));
  }
  return lr;
}
