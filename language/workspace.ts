/**
 * The workspace: what a tenant's flows may refer to by name. Read from `callflow.workspace.json`
 * next to the flows (the nearest one in the file's folder or its parents) and, on the server, built
 * from the database. Pure data + validation so it runs in the browser too.
 */
import { z } from 'zod';

/** Value types a data operation can take or give back. */
export const valueTypeSchema: z.ZodType<ValueTypeSpec> = z.lazy(() =>
  z.union([
    z.enum(['string', 'number', 'boolean', 'date', 'any']),
    z.object({ list: valueTypeSchema }),
    z.object({ record: z.record(z.string(), valueTypeSchema) }),
  ]),
);
export type ValueTypeSpec =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'any'
  | { list: ValueTypeSpec }
  | { record: Record<string, ValueTypeSpec> };

const durationText = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'a duration like 30s, 5m or 500ms');

export const paramSchema = z.object({
  name: z.string().min(1),
  type: valueTypeSchema,
  /** Secret parameters (PINs) may receive secret values; they are never logged. */
  secret: z.boolean().default(false),
});

export const operationSchema = z.object({
  params: z.array(paramSchema).default([]),
  /** Result record; `null` result (no match) is allowed when `optional`. */
  result: valueTypeSchema.default('any'),
  optional: z.boolean().default(false),
  /** Source-specific binding: SQL text for `sql`, method+path for `http`, a built-in name for `builtin`. */
  sql: z.string().optional(),
  http: z.object({ method: z.enum(['GET', 'POST']).default('GET'), path: z.string() }).optional(),
  builtin: z.string().optional(),
  timeout: durationText.optional(),
});

export const dataSourceSchema = z.object({
  kind: z.enum(['builtin', 'sql', 'http']),
  /** For `sql`: a connection string or the name of an env variable holding one; for `http`: base URL. */
  url: z.string().optional(),
  timeout: durationText.default('3s'),
  operations: z.record(z.string(), operationSchema),
});

export const queueSchema = z.object({
  title: z.string().optional(),
  strategy: z
    .enum([
      'ordered',
      'round-robin',
      'longest-idle',
      'fewest-calls',
      'least-talk-time',
      'random',
      'skills-weighted',
    ])
    .default('longest-idle'),
  skills: z.array(z.string()).default([]),
  music: z.string().default('default'),
  maxWait: durationText.optional(),
  overflow: z.string().optional(),
  announce: z.string().optional(),
  announceEvery: durationText.default('60s'),
  announcePosition: z.boolean().default(false),
  wrapUp: durationText.default('30s'),
  ringTimeout: durationText.default('15s'),
  serviceLevel: durationText.default('20s'),
});

export const calendarSchema = z.object({
  timezone: z.string().default('Europe/Kyiv'),
  /** mon..sun → list of "HH:MM-HH:MM" ranges. Missing days are closed. */
  weekly: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(z.string())),
  /** ISO dates (YYYY-MM-DD) on which the calendar is closed all day. */
  holidays: z.array(z.string()).default([]),
});

export const promptSchema = z.object({
  /** Path to an uploaded recording (relative to the workspace), overriding `text`. */
  file: z.string().optional(),
  text: z.string().optional(),
});

export const groupSchema = z.object({
  title: z.string().optional(),
  queues: z.array(z.string()).default([]),
});

export const workspaceSchema = z.object({
  tenant: z.string().default('default'),
  language: z.enum(['ru', 'uk', 'en']).default('ru'),
  timezone: z.string().default('Europe/Kyiv'),
  currency: z.string().default('UAH'),
  defaultQueue: z.string().optional(),
  queues: z.record(z.string(), queueSchema).default({}),
  skills: z.array(z.string()).default([]),
  groups: z.record(z.string(), groupSchema).default({}),
  prompts: z.record(z.string(), promptSchema).default({}),
  calendars: z.record(z.string(), calendarSchema).default({}),
  dataSources: z.record(z.string(), dataSourceSchema).default({}),
});

export type Workspace = z.infer<typeof workspaceSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type CalendarConfig = z.infer<typeof calendarSchema>;
export type DataSourceConfig = z.infer<typeof dataSourceSchema>;
export type OperationConfig = z.infer<typeof operationSchema>;

export const EMPTY_WORKSPACE: Workspace = workspaceSchema.parse({});

export type WorkspaceResult = { ok: true; workspace: Workspace } | { ok: false; errors: string[] };

/** Validates parsed JSON; errors are `path: message` lines. */
export function parseWorkspace(json: unknown): WorkspaceResult {
  const result = workspaceSchema.safeParse(json);
  if (result.success) return { ok: true, workspace: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}

/** "30s" → 30000. Assumes text passed the schema. */
export function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}
