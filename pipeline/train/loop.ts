import type { TrainConfig } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { Progress, log } from '../lib/progress.ts';
import type { EpochLog } from '../lib/schemas/train.ts';
import { batchesOf, epochOrder, makeBatch, maskedCount, type Stream, type Window } from './batches.ts';
import type { CheckpointStore, LoopPosition } from './checkpoint.ts';
import type { ModelState, TrainableModel } from './model-api.ts';
import { learningRateAt } from './schedule.ts';

/**
 * The training loop: seeded epochs of windows, Adam steps (inside the model), validation after each epoch,
 * early stopping on validation loss, a wall-clock budget, a NaN/Inf guard, and checkpoints (mid-epoch every
 * `checkpointMinutes`, and after each epoch) from which a killed run resumes at the exact batch it stopped at.
 */

export interface LoopInput {
  cfg: TrainConfig;
  seed: number;
  model: TrainableModel;
  train: { stream: Stream; windows: Window[] };
  /** Fixed validation windows, scored after each epoch. */
  val: { stream: Stream; windows: Window[] };
  /** Fixed train windows whose accuracy is measured after each epoch. */
  probe: Window[];
  /** Where checkpoints go; null = none (tests). */
  store: CheckpointStore | null;
  /** Identity of this training (config + data): a checkpoint with another key is not resumed. */
  key: string;
  /** The config file, named in the divergence error. */
  configFile: string;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
}

export interface LoopResult {
  log: EpochLog[];
  bestEpoch: number;
  stopReason: 'epochs' | 'early-stopping' | 'time-budget';
  elapsedSeconds: number;
  sessions: number;
  /** True when this call resumed a checkpoint. */
  resumed: boolean;
}

export interface WindowScore {
  loss: number;
  accuracy: number;
  count: number;
}

/** Loss (mean over steps) and argmax accuracy (percent) of the model on fixed windows, in batches. */
export async function scoreWindows(
  model: TrainableModel,
  stream: Stream,
  windows: readonly Window[],
  seqLen: number,
  batchSize: number,
): Promise<WindowScore> {
  let loss = 0;
  let correct = 0;
  let count = 0;
  for (let i = 0; i < windows.length; i += batchSize) {
    const b = makeBatch(stream, windows.slice(i, i + batchSize), seqLen);
    const r = await model.evaluate(b);
    loss += r.loss * r.count;
    correct += r.correct;
    count += r.count;
  }
  return { loss: count ? loss / count : 0, accuracy: count ? (100 * correct) / count : 0, count };
}

function freshPosition(): LoopPosition {
  return {
    epoch: 0,
    batch: 0,
    lossSum: 0,
    lossCount: 0,
    chars: 0,
    epochSeconds: 0,
    elapsedSeconds: 0,
    sessions: 1,
    log: [],
    bestEpoch: null,
    bestValLoss: null,
    badEpochs: 0,
    finished: false,
    stopReason: null,
  };
}

function diverged(configFile: string, cfg: TrainConfig, what: string, value: number, epoch: number, step: number): UserError {
  return new UserError(
    configFile,
    `training diverged: ${what} is ${value} at epoch ${epoch}, batch ${step}. ` +
      `Lower train.learningRate (now ${cfg.learningRate}; try ${+(cfg.learningRate / 3).toPrecision(2)}) and rerun.`,
  );
}

/** Whether a finished training's stop condition no longer holds under (possibly raised) stopping settings. */
function stillRunning(pos: LoopPosition, cfg: TrainConfig, budgetSeconds: number): boolean {
  if (pos.epoch >= cfg.epochs || pos.elapsedSeconds >= budgetSeconds) return false;
  return pos.badEpochs < cfg.patience;
}

/**
 * The train settings a checkpoint's identity depends on: all but the stopping and checkpointing ones — except
 * `epochs` under a cooldown schedule, where it shapes every step's learning rate.
 */
export function resumableSettings(cfg: TrainConfig): Partial<TrainConfig> {
  const { epochs, patience: _p, maxMinutes: _m, checkpointMinutes: _c, ...rest } = cfg;
  return cfg.lrCooldown ? { ...rest, epochs } : rest;
}

export async function trainLoop(inp: LoopInput): Promise<LoopResult> {
  const { cfg, model, store } = inp;
  const now = inp.now ?? (() => Date.now());
  const seqLen = cfg.seqLen;
  const budgetSeconds = cfg.maxMinutes > 0 ? cfg.maxMinutes * 60 : Infinity;

  let pos = freshPosition();
  let best: ModelState | null = null;
  const saved = store?.load(inp.key) ?? null;
  if (saved) {
    pos = saved.position;
    model.setState(saved.current);
    best = saved.best;
    // The stopping settings are not part of the checkpoint's key: a run that stopped on them goes on when they
    // are raised (a larger wall budget, more epochs, more patience).
    if (pos.finished && stillRunning(pos, cfg, budgetSeconds)) {
      log('train', `continuing a finished training (it stopped on ${pos.stopReason}, which the config now allows)`);
      pos.finished = false;
      pos.stopReason = null;
    }
    if (!pos.finished) pos.sessions++;
    log(
      'train',
      pos.finished
        ? 'training already finished in a previous session: reusing its weights'
        : `resuming from the checkpoint: epoch ${pos.epoch + 1}, batch ${pos.batch}`,
    );
  }

  const sessionStart = now();
  const baseElapsed = pos.elapsedSeconds;
  const elapsed = () => baseElapsed + (now() - sessionStart) / 1000;
  let lastCheckpoint = now();

  const checkpoint = async () => {
    if (!store) return;
    pos.elapsedSeconds = elapsed();
    store.save({ key: inp.key, position: pos, current: await model.getState(), best });
    lastCheckpoint = now();
  };

  while (!pos.finished) {
    const epoch = pos.epoch;
    const order = epochOrder(inp.train.windows.length, inp.seed, epoch, seqLen, cfg.maxCharsPerEpoch);
    const batches = batchesOf(order, cfg.batchSize);
    let total = 0;
    for (const i of order) total += inp.train.windows[i].to - inp.train.windows[i].from;
    const bar = new Progress(`train ${epoch + 1}/${cfg.epochs}`, total, 'chars');
    const epochStart = now();
    const epochBase = pos.epochSeconds;
    let timeUp = false;
    let lastRate = learningRateAt(cfg, epoch, Math.max(0, pos.batch - 1), batches.length);

    for (let bi = pos.batch; bi < batches.length; bi++) {
      if (elapsed() >= budgetSeconds) {
        timeUp = true;
        break;
      }
      const batch = makeBatch(inp.train.stream, batches[bi].map((i) => inp.train.windows[i]), seqLen);
      lastRate = learningRateAt(cfg, epoch, bi, batches.length);
      model.setLearningRate(lastRate);
      const count = maskedCount(batch);
      const loss = await model.trainStep(batch);
      if (!Number.isFinite(loss)) throw diverged(inp.configFile, cfg, 'the training loss', loss, epoch + 1, bi + 1);
      pos.lossSum += loss * count;
      pos.lossCount += count;
      pos.chars += count;
      pos.batch = bi + 1;
      const secs = epochBase + (now() - epochStart) / 1000;
      const remaining = Math.max(0, budgetSeconds - elapsed());
      bar.set(pos.chars, {
        loss: pos.lossSum / Math.max(1, pos.lossCount),
        'chars/s': Math.round(pos.chars / Math.max(secs, 1e-3)),
        ...(Number.isFinite(remaining) ? { budget: `${Math.round(remaining)}s` } : {}),
      });
      if (now() - lastCheckpoint >= cfg.checkpointMinutes * 60_000 && bi + 1 < batches.length) {
        pos.epochSeconds = secs;
        await checkpoint();
      }
    }
    if (pos.batch === 0) {
      // The budget ran out before this epoch trained anything: nothing to log.
      bar.finish();
      pos.finished = true;
      pos.stopReason = 'time-budget';
      await checkpoint();
      break;
    }

    const valScore = await scoreWindows(model, inp.val.stream, inp.val.windows, seqLen, cfg.batchSize);
    if (!Number.isFinite(valScore.loss))
      throw diverged(inp.configFile, cfg, 'the validation loss', valScore.loss, epoch + 1, pos.batch);
    const probe = await scoreWindows(model, inp.train.stream, inp.probe, seqLen, cfg.batchSize);
    const seconds = pos.epochSeconds = epochBase + (now() - epochStart) / 1000;
    const entry: EpochLog = {
      epoch: epoch + 1,
      fraction: pos.batch / batches.length,
      steps: pos.batch,
      chars: pos.chars,
      trainLoss: pos.lossSum / Math.max(1, pos.lossCount),
      trainAccuracy: probe.accuracy,
      valLoss: valScore.loss,
      valAccuracy: valScore.accuracy,
      seconds,
      charsPerSecond: pos.chars / Math.max(seconds, 1e-3),
      learningRate: lastRate,
    };
    bar.finish({ loss: entry.trainLoss, 'val loss': entry.valLoss, 'val acc': `${entry.valAccuracy.toFixed(2)}%` });
    pos.log.push(entry);

    if (pos.bestValLoss === null || valScore.loss < pos.bestValLoss) {
      pos.bestValLoss = valScore.loss;
      pos.bestEpoch = epoch + 1;
      pos.badEpochs = 0;
      best = await model.getState();
    } else pos.badEpochs++;

    pos.epoch = epoch + 1;
    pos.batch = 0;
    pos.lossSum = 0;
    pos.lossCount = 0;
    pos.chars = 0;
    pos.epochSeconds = 0;
    if (timeUp) pos.stopReason = 'time-budget';
    else if (pos.badEpochs >= cfg.patience) pos.stopReason = 'early-stopping';
    else if (pos.epoch >= cfg.epochs) pos.stopReason = 'epochs';
    pos.finished = pos.stopReason !== null;
    if (timeUp) log('train', `wall budget of ${cfg.maxMinutes} min reached during epoch ${epoch + 1}: stopping`);
    else if (pos.stopReason === 'early-stopping')
      log('train', `no validation improvement for ${pos.badEpochs} epoch(s): stopping early`);
    await checkpoint();
  }

  if (pos.bestEpoch === null || !best) throw new UserError(inp.configFile, 'training ended before a single epoch could be scored: raise train.maxMinutes');
  if (!saved?.position.finished) pos.elapsedSeconds = elapsed();
  model.setState(best);
  return {
    log: pos.log,
    bestEpoch: pos.bestEpoch,
    stopReason: (pos.stopReason ?? 'epochs') as LoopResult['stopReason'],
    elapsedSeconds: pos.elapsedSeconds,
    sessions: pos.sessions,
    resumed: saved !== null,
  };
}
