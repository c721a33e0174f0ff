/**
 * A tenant's queues as the ACD uses them: the workspace's `queues` config (language/workspace.ts)
 * with durations turned into milliseconds and defaults filled in.
 */
import { durationMs, type QueueConfig } from '../../language/workspace.ts';

export type StrategyName = QueueConfig['strategy'];

export interface QueueDefinition {
  name: string;
  title: string;
  strategy: StrategyName;
  /** Skills every caller of this queue needs (a request may add more). */
  skills: string[];
  music: string;
  maxWaitMs: number | null;
  /** Where `maxWait` sends the caller: another queue's name (the session moves them there). */
  overflow: string | null;
  announce: string | null;
  announceEveryMs: number;
  announcePosition: boolean;
  wrapUpMs: number;
  ringTimeoutMs: number;
  /** Answered within this wait counts towards the service level. */
  serviceLevelMs: number;
}

export function queueDefinition(name: string, config: QueueConfig): QueueDefinition {
  return {
    name,
    title: config.title ?? name,
    strategy: config.strategy,
    skills: [...config.skills],
    music: config.music,
    maxWaitMs: config.maxWait ? durationMs(config.maxWait) : null,
    overflow: config.overflow ?? null,
    announce: config.announce ?? null,
    announceEveryMs: durationMs(config.announceEvery),
    announcePosition: config.announcePosition,
    wrapUpMs: durationMs(config.wrapUp),
    ringTimeoutMs: durationMs(config.ringTimeout),
    serviceLevelMs: durationMs(config.serviceLevel),
  };
}

export function queueDefinitions(queues: Record<string, QueueConfig>): QueueDefinition[] {
  return Object.entries(queues).map(([name, config]) => queueDefinition(name, config));
}

/** A definition with the workspace defaults, for tests and for queues created on the fly. */
export function defaultQueue(name: string, overrides: Partial<QueueDefinition> = {}): QueueDefinition {
  return {
    name,
    title: name,
    strategy: 'longest-idle',
    skills: [],
    music: 'default',
    maxWaitMs: null,
    overflow: null,
    announce: null,
    announceEveryMs: 60_000,
    announcePosition: false,
    wrapUpMs: 30_000,
    ringTimeoutMs: 15_000,
    serviceLevelMs: 20_000,
    ...overrides,
  };
}
