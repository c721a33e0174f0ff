/**
 * What the dialer is given (its seams) and what it tells (its events). Wired in one place
 * (studio/server/wire.ts); tests wire the same parts on the PBX simulator and a virtual clock.
 */
import type { CompiledFlow, Json } from '../../language/compiled-format.ts';
import type { PbxPort } from '../../telephony/pbx-port.ts';
import type { AcdService } from '../acd/acd-service.ts';
import type { CallLogSink } from '../call-log.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Runtime } from '../runtime.ts';
import type { Campaign, CampaignNumber, CampaignStatus, NumberCounts, SurveyRef } from './campaign.ts';
import type { CampaignStore } from './campaign-store.ts';
import type { DialWait } from './next-dials.ts';

/** A deployed survey version: the compiled script and its source (the question names come from it). */
export interface SurveyFlow {
  compiled: CompiledFlow;
  source: string;
}

export interface SurveyAnswerRow {
  callId: string;
  customerId: string | null;
  /** The campaign's name. */
  survey: string;
  question: string;
  answer: Json;
  at: number;
}

/** Where answers go: with the customer, in the store's survey_answers. */
export interface AnswerSink {
  save(tenant: string, answers: SurveyAnswerRow[]): Promise<void>;
}

export interface DialerOptions {
  pbx: PbxPort;
  clock: Clock;
  store: CampaignStore;
  /** The runtime the survey versions load into (their sandboxes, the tenant's speech and data). */
  runtime: Runtime;
  loadSurvey(tenant: string, survey: SurveyRef): Promise<SurveyFlow>;
  answers: AnswerSink;
  /** Operator mode hands answered customers to it. */
  acd?: AcdService;
  /** The tenant's dial string for customers' numbers (`PJSIP/{number}@trunk` when null). */
  numberTemplate?: (tenant: string) => string | null;
  /** Operator-mode calls are logged here (keypad calls are logged by their session). */
  callLog?: CallLogSink;
  logger?: Logger;
  /** How long an answered customer may wait for an operator before the attempt is given up. */
  operatorWaitMs?: number;
}

export type DialerEvent =
  | {
      type: 'number';
      tenant: string;
      campaignId: string;
      number: CampaignNumber;
      counts: NumberCounts;
    }
  | {
      type: 'campaign';
      tenant: string;
      campaignId: string;
      status: CampaignStatus;
      waiting: DialWait;
      counts: NumberCounts;
    }
  /** An operator was connected with a customer of an operator-mode campaign (their script is ready). */
  | { type: 'survey-call'; tenant: string; campaignId: string; operatorId: string; callId: string };

export type DialerErrorCode = 'unknown-campaign' | 'finished' | 'no-runtime-tenant' | 'no-queue';

/** A request the dialer refuses (the API turns it into a 4xx). */
export class DialerError extends Error {
  constructor(
    readonly code: DialerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DialerError';
  }
}

/** A campaign the dialer is working on, as the API shows it. */
export interface CampaignProgress {
  campaign: Campaign;
  counts: NumberCounts;
  waiting: DialWait;
  /** When the dialer looks again by itself (start time, window, next retry). */
  wakeAt: number | null;
}
