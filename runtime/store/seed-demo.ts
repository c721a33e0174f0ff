/**
 * Seeds the demo tenant of the reference scenario (seed 001): "ABC Internet", its two numbers, one
 * user per role, its queues, and the customers and accounts of examples/abc-internet/demo-data.json
 * (contract 123456 with PIN 1111 — stored as a hash only — and 50.00 UAH). Running it again changes
 * nothing that is already there; existing users keep their passwords.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEFAULT_PIN_COST, type PinHashCost } from '../data/pin-hash.ts';
import type { Db } from './database.ts';
import { type ImportData, importCustomers } from './queries/customers.ts';
import { bindNumber } from './queries/flows.ts';
import { ensureOperator, setOperatorSkill, upsertQueue } from './queries/operators.ts';
import {
  addMembership,
  createUser,
  findUserByEmail,
  setPassword,
  upsertTenant,
} from './queries/tenants-users.ts';
import { ROLES, type Role } from './schema/tenants-users.ts';

export const DEMO_TENANT = { id: 'abc-internet', name: 'ABC Internet' } as const;
export const DEMO_NUMBERS = ['0800300400', '+380441234567'] as const;
export const DEMO_FLOW = 'Поддержка АВС Интернет';
export const DEMO_DATA_FILE = new URL('../../examples/abc-internet/demo-data.json', import.meta.url);

const DEMO_QUEUES: Record<string, Record<string, unknown>> = {
  'tech-support': {
    title: 'Техническая поддержка',
    skills: ['internet'],
    overflow: 'general',
    wrapUp: '30s',
  },
  general: { title: 'Общие вопросы', wrapUp: '30s' },
};

const DISPLAY_NAMES: Record<Role, string> = {
  admin: 'Администратор (демо)',
  analyst: 'Аналитик (демо)',
  supervisor: 'Супервизор (демо)',
  operator: 'Оператор (демо)',
};

export interface SeedDemoOptions {
  /** 'fixed' (default) gives `<role>-demo` passwords for a demo; 'random' generates strong ones. */
  passwords?: 'fixed' | 'random';
  /** Set the password of users that already exist too (they keep theirs by default). */
  resetPasswords?: boolean;
  dataFile?: URL | string;
  pinCost?: PinHashCost;
}

export interface SeededUser {
  email: string;
  role: Role;
  /** The password set on this run; null when the user existed and kept theirs. */
  password: string | null;
}

export interface SeedDemoResult {
  tenantId: string;
  numbers: string[];
  users: SeededUser[];
  customers: number;
  accounts: number;
}

export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const data = JSON.parse(await readFile(options.dataFile ?? DEMO_DATA_FILE, 'utf8')) as ImportData;
  const tenantId = DEMO_TENANT.id;
  await upsertTenant(db, DEMO_TENANT);
  for (const number of DEMO_NUMBERS) await bindNumber(db, tenantId, number, DEMO_FLOW);
  for (const [name, config] of Object.entries(DEMO_QUEUES)) await upsertQueue(db, tenantId, name, config);

  const seeded: SeededUser[] = [];
  for (const role of ROLES) {
    const email = `${role}@abc.example`;
    const password = options.passwords === 'random' ? randomBytes(12).toString('base64url') : `${role}-demo`;
    let user = await findUserByEmail(db, email);
    let set: string | null = null;
    if (!user) {
      user = await createUser(db, { email, displayName: DISPLAY_NAMES[role], password });
      set = password;
    } else if (options.resetPasswords) {
      await setPassword(db, user.id, password);
      set = password;
    }
    await addMembership(db, tenantId, user.id, role);
    if (role === 'operator') {
      const operator = await ensureOperator(db, tenantId, user.id);
      await setOperatorSkill(db, tenantId, operator.id, 'internet', 5);
    }
    seeded.push({ email, role, password: set });
  }

  const counts = await importCustomers(db, tenantId, data, options.pinCost ?? DEFAULT_PIN_COST);
  return { tenantId, numbers: [...DEMO_NUMBERS], users: seeded, ...counts };
}
