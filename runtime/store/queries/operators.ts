/**
 * Operators (agents), their states and skills, and the queues they serve. A state change and its log
 * line are one transaction, so efficiency reports never see a state without its history.
 */
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { BuiltinState } from '../../acd/operator-states.ts';
import type { Db } from '../database.ts';
import {
  type OperatorRow,
  type OperatorStateChange,
  operatorSkills,
  operatorStateLog,
  operators,
  type QueueRow,
  queues,
  skills,
} from '../schema/operators.ts';
import { users } from '../schema/tenants-users.ts';
import { StoreError } from '../store-error.ts';

/** The ACD's state names are the store's too (runtime/acd/operator-states.ts). */
export const LOGGED_OUT: BuiltinState = 'LoggedOut';

export async function upsertQueue(
  db: Db,
  tenantId: string,
  name: string,
  config: Record<string, unknown>,
): Promise<QueueRow> {
  const [row] = await db
    .insert(queues)
    .values({ tenantId, name, config })
    .onConflictDoUpdate({ target: [queues.tenantId, queues.name], set: { config } })
    .returning();
  return row;
}

export async function listQueues(db: Db, tenantId: string): Promise<QueueRow[]> {
  return db.select().from(queues).where(eq(queues.tenantId, tenantId)).orderBy(queues.name);
}

/** The operator record of a user in a tenant, created (logged out) on first use. */
export async function ensureOperator(
  db: Db,
  tenantId: string,
  userId: string,
  at: Date = new Date(),
): Promise<OperatorRow> {
  await db
    .insert(operators)
    .values({ tenantId, userId, state: LOGGED_OUT, stateSince: at })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.tenantId, tenantId), eq(operators.userId, userId)));
  return row;
}

export async function getOperator(db: Db, tenantId: string, operatorId: string): Promise<OperatorRow | null> {
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.tenantId, tenantId), eq(operators.id, operatorId)));
  return row ?? null;
}

export interface OperatorView extends OperatorRow {
  email: string;
  displayName: string;
  skills: { name: string; level: number }[];
}

export async function listOperators(db: Db, tenantId: string): Promise<OperatorView[]> {
  const rows = await db
    .select({
      operator: operators,
      email: users.email,
      displayName: users.displayName,
      skills: sql<{ name: string; level: number }[]>`coalesce((
        select json_agg(json_build_object('name', ${skills.name}, 'level', ${operatorSkills.level}) order by ${skills.name})
        from ${operatorSkills} join ${skills} on ${skills.id} = ${operatorSkills.skillId}
        where ${operatorSkills.operatorId} = ${operators.id}), '[]'::json)`,
    })
    .from(operators)
    .innerJoin(users, eq(users.id, operators.userId))
    .where(eq(operators.tenantId, tenantId))
    .orderBy(users.displayName);
  return rows.map((r) => ({ ...r.operator, email: r.email, displayName: r.displayName, skills: r.skills }));
}

export interface StateChangeInput {
  to: string;
  reason?: string | null;
  at: Date;
  /** The extension chosen at log-in; cleared on logging out, kept otherwise. */
  extension?: string | null;
}

/** Changes the state and logs it; returns null when the operator already was in that state. */
export async function changeOperatorState(
  db: Db,
  tenantId: string,
  operatorId: string,
  input: StateChangeInput,
): Promise<OperatorStateChange | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(operators)
      .where(and(eq(operators.tenantId, tenantId), eq(operators.id, operatorId)))
      .for('update');
    if (!current)
      throw new StoreError(
        'not-found',
        `Unknown operator ${operatorId}.`,
        `Оператор ${operatorId} не найден.`,
      );
    const extension = input.to === LOGGED_OUT ? null : (input.extension ?? current.extension);
    if (current.state === input.to && current.extension === extension) return null;
    await tx
      .update(operators)
      .set({ state: input.to, stateSince: input.at, extension })
      .where(eq(operators.id, operatorId));
    const [entry] = await tx
      .insert(operatorStateLog)
      .values({
        tenantId,
        operatorId,
        fromState: current.state,
        toState: input.to,
        reason: input.reason ?? null,
        at: input.at,
      })
      .returning();
    return entry;
  });
}

/** State changes in [from, to), oldest first; one operator or all of the tenant. */
export async function operatorStateHistory(
  db: Db,
  tenantId: string,
  range: { from: Date; to: Date; operatorId?: string },
): Promise<OperatorStateChange[]> {
  return db
    .select()
    .from(operatorStateLog)
    .where(
      and(
        eq(operatorStateLog.tenantId, tenantId),
        range.operatorId ? eq(operatorStateLog.operatorId, range.operatorId) : undefined,
        gte(operatorStateLog.at, range.from),
        lt(operatorStateLog.at, range.to),
      ),
    )
    .orderBy(asc(operatorStateLog.at), asc(operatorStateLog.id));
}

/** Gives an operator a skill at a level (1–10), creating the skill name on first use. */
export async function setOperatorSkill(
  db: Db,
  tenantId: string,
  operatorId: string,
  skill: string,
  level: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await getOperator(tx, tenantId, operatorId))) {
      throw new StoreError(
        'not-found',
        `Unknown operator ${operatorId}.`,
        `Оператор ${operatorId} не найден.`,
      );
    }
    await tx.insert(skills).values({ tenantId, name: skill }).onConflictDoNothing();
    const [row] = await tx
      .select({ id: skills.id })
      .from(skills)
      .where(and(eq(skills.tenantId, tenantId), eq(skills.name, skill)));
    await tx
      .insert(operatorSkills)
      .values({ tenantId, operatorId, skillId: row.id, level })
      .onConflictDoUpdate({ target: [operatorSkills.operatorId, operatorSkills.skillId], set: { level } });
  });
}

export async function removeOperatorSkill(
  db: Db,
  tenantId: string,
  operatorId: string,
  skill: string,
): Promise<void> {
  await db
    .delete(operatorSkills)
    .where(
      and(
        eq(operatorSkills.tenantId, tenantId),
        eq(operatorSkills.operatorId, operatorId),
        sql`${operatorSkills.skillId} in (select ${skills.id} from ${skills} where ${skills.tenantId} = ${tenantId} and ${skills.name} = ${skill})`,
      ),
    );
}
