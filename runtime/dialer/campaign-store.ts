/**
 * Where the dialer keeps campaigns and their numbers: the seam to storage. The dialer holds a running
 * campaign's numbers in memory and writes every change through, so the store always shows the
 * outcomes (the API reads them there) and a restarted process picks the campaign up again.
 * `MemoryCampaignStore` is the in-process implementation; runtime/store/campaign-store-pg.ts the
 * database one.
 */
import { randomUUID } from 'node:crypto';
import type { Campaign, CampaignNumber, CampaignStatus } from './campaign.ts';
import { freshNumber } from './campaign.ts';

export interface CampaignStore {
  campaign(tenant: string, id: string): Promise<Campaign | null>;
  numbers(tenant: string, campaignId: string): Promise<CampaignNumber[]>;
  /** Writes the number's whole state. */
  saveNumber(tenant: string, number: CampaignNumber): Promise<void>;
  setStatus(tenant: string, campaignId: string, status: CampaignStatus): Promise<void>;
  /** Campaigns left `running` (a process starting picks them up). */
  running(): Promise<{ tenant: string; id: string }[]>;
}

export interface NewNumber {
  number: string;
  customerId?: string | null;
}

/** Campaigns in memory (tests, a runtime without a database). */
export class MemoryCampaignStore implements CampaignStore {
  private readonly campaigns = new Map<string, Campaign>();
  private readonly lists = new Map<string, Map<string, CampaignNumber>>();

  add(campaign: Campaign): Campaign {
    this.campaigns.set(campaign.id, structuredClone(campaign));
    this.lists.set(campaign.id, this.lists.get(campaign.id) ?? new Map());
    return campaign;
  }

  /** Appends numbers not yet in the list; returns those added. */
  addNumbers(campaignId: string, numbers: NewNumber[]): CampaignNumber[] {
    const list = this.lists.get(campaignId);
    if (!list) throw new Error(`no campaign ${campaignId}`);
    const known = new Set([...list.values()].map((n) => n.number));
    const added: CampaignNumber[] = [];
    for (const entry of numbers) {
      if (known.has(entry.number)) continue;
      known.add(entry.number);
      const n = freshNumber(campaignId, randomUUID(), list.size + 1, entry.number, entry.customerId ?? null);
      list.set(n.id, n);
      added.push(structuredClone(n));
    }
    return added;
  }

  async campaign(tenant: string, id: string): Promise<Campaign | null> {
    const c = this.campaigns.get(id);
    return c && c.tenant === tenant ? structuredClone(c) : null;
  }

  async numbers(tenant: string, campaignId: string): Promise<CampaignNumber[]> {
    if (!(await this.campaign(tenant, campaignId))) return [];
    return [...(this.lists.get(campaignId)?.values() ?? [])].map((n) => structuredClone(n));
  }

  async saveNumber(tenant: string, number: CampaignNumber): Promise<void> {
    if (this.campaigns.get(number.campaignId)?.tenant !== tenant) return;
    this.lists.get(number.campaignId)?.set(number.id, structuredClone(number));
  }

  async setStatus(tenant: string, campaignId: string, status: CampaignStatus): Promise<void> {
    const c = this.campaigns.get(campaignId);
    if (c && c.tenant === tenant) c.status = status;
  }

  async running(): Promise<{ tenant: string; id: string }[]> {
    return [...this.campaigns.values()]
      .filter((c) => c.status === 'running')
      .map((c) => ({ tenant: c.tenant, id: c.id }));
  }
}
