/**
 * One answered call of a campaign: who was called, on which channel, and — in operator mode — the
 * operator who took it and their script. An operator's latest survey call stays in hand after the
 * customer hangs up, so answers and notes can still be entered during the wrap-up.
 */
import type { SurveyScript } from './survey-script.ts';

export interface SurveyCall {
  callId: string;
  tenant: string;
  campaignId: string;
  campaignName: string;
  numberId: string;
  number: string;
  customerId: string | null;
  channelId: string;
  operatorId: string | null;
  script: SurveyScript | null;
  answeredAt: number;
  endedAt: number | null;
  /** Script answers already stored (the next store writes those after them). */
  storedAnswers: number;
}
