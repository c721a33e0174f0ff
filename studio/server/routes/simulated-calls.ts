/**
 * The studio's call simulator: place a call on the PBX simulator to one of the tenant's numbers
 * (now, or `at` a later time), press keys, hang up. What the caller hears — prompt text and the id
 * of its audio (/api/prompts/<id>.wav) — the steps with their DSL line and variables (secrets
 * masked), keys (secrets masked), queue events and the end arrive over the WebSocket (`sim`
 * messages) and from GET.
 *
 * `source` runs the call on that text (the draft in the editor) instead of the deployed version:
 * checked first (422 with the diagnostics on errors), never stored or deployed. `clock` sets the
 * time of day the flow sees for this call only ("22:00", "Sat 11:00", "2026-11-23 22:00").
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { listNumbers } from '../../../runtime/store/queries/flows.ts';
import { ApiError, notFound } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { type DraftTrial, loadDraftTrial } from '../flows/draft-trial.ts';
import type { SimulatedCall, SimulatedCalls } from '../live/simulated-calls.ts';
import { parseSimulatedTime } from '../live/simulated-time.ts';
import { requestLocale } from '../locale.ts';
import { tenantWorkspace } from '../queries/tenant-settings.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';
import { DialledNumber } from './numbers.ts';

const DAY_MS = 24 * 3_600_000;

const PlaceBody = z.strictObject({
  from: z
    .string()
    .regex(/^\+?[0-9]{0,20}$/, 'the caller’s number (digits, optionally a leading +; empty: withheld)'),
  to: DialledNumber,
  /** ISO time to place the call at (up to a day ahead); now when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
  /** The time of day the flow sees (its clock, for this call only); the real time when absent. */
  clock: z.string().min(1).max(40).optional(),
  /** Run the call on this source (a draft) instead of the deployed version. */
  source: z.string().min(1).max(500_000).optional(),
  /** The flow of `source` to run; default: the one answering `to`, else the first. */
  flow: z.string().min(1).max(200).optional(),
});
const KeysBody = z.strictObject({ digits: z.string().regex(/^[0-9*#A-D]{1,64}$/, 'keys: 0-9 * # A-D') });

export function simulatedCallRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'call simulator');

  group.post(
    '/sim/calls',
    {
      summary: 'Place a simulated call → its id',
      access: { roles: ROLE_SETS.authors },
      body: PlaceBody,
      responses: { 201: 'Placed or scheduled' },
    },
    async (c, { body }) => {
      const calls = simulator(c);
      const tenant = tenantOf(c).id;
      const now = c.var.deps.clock.now();
      const at = body.at === undefined ? undefined : Date.parse(body.at);
      if (at !== undefined && at > now + DAY_MS) {
        throw new ApiError(
          422,
          'too-far-ahead',
          'A simulated call can be scheduled at most a day ahead.',
          'Звонок можно запланировать не более чем на сутки вперёд.',
        );
      }
      const trial =
        body.source === undefined
          ? null
          : await loadDraftTrial(c.var.deps, {
              tenant,
              source: body.source,
              flow: body.flow,
              dialled: body.to,
              locale: requestLocale(c),
            });
      try {
        // A draft may answer a number not bound yet; the call runs on the draft whatever it dials.
        const digits = (n: string) => n.replace(/[^\d+*#]/g, '');
        const numbers = [
          ...(await listNumbers(c.var.deps.db, tenant)).map((n) => n.number),
          ...(trial?.compiled.meta.answers ?? []),
        ];
        if (!numbers.some((n) => digits(n) === digits(body.to))) {
          throw new ApiError(
            422,
            'not-your-number',
            `${body.to} is not one of this tenant’s numbers.`,
            `${body.to} — не номер этого клиента.`,
          );
        }
        const clockAt =
          body.clock === undefined ? undefined : await flowClockAt(c, body.clock, body.to, trial, at ?? now);
        const call = calls.place({
          tenant,
          ownerId: identityOf(c).userId,
          from: body.from,
          to: body.to,
          at,
          setup: { trial: trial?.deployment ?? undefined, clockAt },
        });
        return c.json(view(call), 201);
      } catch (error) {
        if (trial?.deployment) c.var.deps.runtime.releaseTrial(trial.deployment);
        throw error;
      }
    },
  );

  group.get(
    '/sim/calls/:id',
    { summary: 'A simulated call and its events so far', access: { roles: ROLE_SETS.authors } },
    async (c) => {
      return c.json({ ...view(find(c)), events: find(c).events });
    },
  );

  group.post(
    '/sim/calls/:id/keys',
    { summary: 'Press keys on a simulated call', access: { roles: ROLE_SETS.authors }, body: KeysBody },
    async (c, { body }) => {
      const call = find(c);
      if (!simulator(c).pressKeys(call, body.digits)) throw notLive(call);
      return c.json(view(call));
    },
  );

  group.post(
    '/sim/calls/:id/hangup',
    { summary: 'Hang up a simulated call (or cancel a scheduled one)', access: { roles: ROLE_SETS.authors } },
    async (c) => {
      const call = find(c);
      if (!simulator(c).hangup(call)) throw notLive(call);
      return c.json(view(call));
    },
  );

  return group;
}

/** The flow's clock at the call's start: `text` read in the time zone of the flow the call runs on. */
async function flowClockAt(
  c: Context<AppEnv>,
  text: string,
  to: string,
  trial: DraftTrial | null,
  placeAt: number,
): Promise<number> {
  const { runtime, db } = c.var.deps;
  const zone = trial
    ? (trial.compiled.meta.timezone ?? trial.workspace.timezone)
    : (runtime.activeFor(to)?.sandbox.meta.timezone ?? (await tenantWorkspace(db, tenantOf(c).id)).timezone);
  const at = parseSimulatedTime(text, zone, placeAt);
  if (at === null) {
    throw new ApiError(
      422,
      'bad-time',
      `"${text}" is not a time: write "22:00", "Sat 11:00" or "2026-11-23 22:00".`,
      `«${text}» — не время: напишите «22:00», «Сб 11:00» или «2026-11-23 22:00».`,
    );
  }
  return at;
}

function simulator(c: Context<AppEnv>): SimulatedCalls {
  const calls = c.var.deps.simulatedCalls;
  if (!calls) {
    throw new ApiError(
      409,
      'no-simulator',
      'This server runs against a real PBX: there is no call simulator.',
      'Сервер работает с настоящей АТС: симулятора звонков нет.',
    );
  }
  return calls;
}

function find(c: Context<AppEnv>): SimulatedCall {
  const id = pathParam(c, 'id', z.uuid(), ['Simulated call', 'Тестовый звонок']);
  const call = simulator(c).get(tenantOf(c).id, id);
  if (!call) throw notFound('Simulated call', 'Тестовый звонок');
  return call;
}

function notLive(call: SimulatedCall): ApiError {
  return new ApiError(
    409,
    'call-not-live',
    `The call is ${call.status}.`,
    `Звонок не идёт (${call.status}).`,
  );
}

function view(call: SimulatedCall) {
  const { events, ownerId: _owner, ...rest } = call;
  return { ...rest, eventCount: events.length };
}
