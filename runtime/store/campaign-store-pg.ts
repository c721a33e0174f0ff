/**
 * The dialer's seams on the database: its campaign store (queries/campaigns.ts) and its answer sink
 * (queries/survey-answers.ts — the answers kept with the customer).
 */
import type { Campaign, CampaignNumber, CampaignStatus } from '../dialer/campaign.ts';
import type { CampaignStore } from '../dialer/campaign-store.ts';
import type { AnswerSink, SurveyAnswerRow } from '../dialer/dialer-types.ts';
import type { Db } from './database.ts';
import {
  getCampaign,
  listCampaignNumbers,
  runningCampaigns,
  saveCampaignNumber,
  setCampaignStatus,
} from './queries/campaigns.ts';
import { saveSurveyAnswers } from './queries/survey-answers.ts';

export class PgCampaignStore implements CampaignStore {
  constructor(private readonly db: Db) {}

  campaign(tenant: string, id: string): Promise<Campaign | null> {
    return getCampaign(this.db, tenant, id);
  }

  numbers(tenant: string, campaignId: string): Promise<CampaignNumber[]> {
    return listCampaignNumbers(this.db, tenant, campaignId);
  }

  saveNumber(tenant: string, number: CampaignNumber): Promise<void> {
    return saveCampaignNumber(this.db, tenant, number);
  }

  setStatus(tenant: string, campaignId: string, status: CampaignStatus): Promise<void> {
    return setCampaignStatus(this.db, tenant, campaignId, status);
  }

  running(): Promise<{ tenant: string; id: string }[]> {
    return runningCampaigns(this.db);
  }
}

export class PgAnswerSink implements AnswerSink {
  constructor(private readonly db: Db) {}

  async save(tenant: string, answers: SurveyAnswerRow[]): Promise<void> {
    await saveSurveyAnswers(
      this.db,
      tenant,
      answers.map((a) => ({
        callId: a.callId,
        customerId: a.customerId,
        survey: a.survey,
        question: a.question,
        answer: a.answer,
        at: new Date(a.at),
      })),
    );
  }
}
