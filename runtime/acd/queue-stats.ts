/**
 * Per-queue counters for the supervisor dashboard and the benchmark: service level, average speed
 * of answer (ASA), abandon rate. Waits run from joining the queue to the operator answering, so
 * they include the time an operator's phone rang.
 */

export interface QueueCounters {
  joined: number;
  answered: number;
  /** Hung up while waiting or while an operator's phone rang. */
  abandoned: number;
  /** Left by the queue's max wait (overflow or timeout). */
  timedOut: number;
  answeredWithinServiceLevel: number;
  answeredWaitMs: number;
  abandonedWaitMs: number;
  ringNoAnswer: number;
}

export function emptyCounters(): QueueCounters {
  return {
    joined: 0,
    answered: 0,
    abandoned: 0,
    timedOut: 0,
    answeredWithinServiceLevel: 0,
    answeredWaitMs: 0,
    abandonedWaitMs: 0,
    ringNoAnswer: 0,
  };
}

export interface QueueFigures {
  /** Answered within the service-level time over all calls that ended their wait (answered + abandoned + timed out). */
  serviceLevel: number;
  /** Average wait of answered calls, ms. */
  averageSpeedOfAnswerMs: number;
  /** Abandoned over all calls that ended their wait. */
  abandonRate: number;
}

export function queueFigures(c: QueueCounters): QueueFigures {
  const ended = c.answered + c.abandoned + c.timedOut;
  return {
    serviceLevel: ended > 0 ? c.answeredWithinServiceLevel / ended : 1,
    averageSpeedOfAnswerMs: c.answered > 0 ? c.answeredWaitMs / c.answered : 0,
    abandonRate: ended > 0 ? c.abandoned / ended : 0,
  };
}
