/** Recording metadata (the audio itself stays with the PBX / file store). */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { type NewRecording, type Recording, recordings } from '../schema/calls.ts';

export async function addRecording(
  db: Db,
  tenantId: string,
  input: Omit<NewRecording, 'tenantId' | 'id'>,
): Promise<Recording> {
  const [row] = await db
    .insert(recordings)
    .values({ ...input, tenantId })
    .returning();
  return row;
}

export async function recordingsOfCall(db: Db, tenantId: string, callId: string): Promise<Recording[]> {
  return db
    .select()
    .from(recordings)
    .where(and(eq(recordings.tenantId, tenantId), eq(recordings.callId, callId)))
    .orderBy(asc(recordings.startedAt));
}
