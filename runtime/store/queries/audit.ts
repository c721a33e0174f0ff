/** The admin audit trail: appended by the actions themselves (deploy, rollback …), read per tenant. */
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { type AuditEntry, auditLog } from '../schema/audit.ts';

export interface AuditInput {
  userId?: string | null;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  at?: Date;
}

export async function recordAudit(db: Db, tenantId: string, input: AuditInput): Promise<AuditEntry> {
  const [row] = await db
    .insert(auditLog)
    .values({
      tenantId,
      userId: input.userId ?? null,
      action: input.action,
      target: input.target,
      details: input.details ?? {},
      at: input.at ?? new Date(),
    })
    .returning();
  return row;
}

/** Newest first. */
export async function listAudit(
  db: Db,
  tenantId: string,
  filter: { from?: Date; to?: Date; action?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        filter.from ? gte(auditLog.at, filter.from) : undefined,
        filter.to ? lt(auditLog.at, filter.to) : undefined,
        filter.action ? eq(auditLog.action, filter.action) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(Math.min(filter.limit ?? 100, 1_000));
}
