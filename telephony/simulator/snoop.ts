/**
 * Snoop channels (`POST /channels/{id}/snoop`): a channel that hears another one and sits in a Stasis
 * app, so it can be recorded while the spied channel's own queue stays free for prompts. It enters
 * Stasis just after the response (Asterisk starts it on its own thread) and hangs up with the spied
 * channel. Not in the golden traces: modelled on Asterisk's documented behaviour.
 */
import { createChannel, enterStasis, getChannel } from './channels.ts';
import { hangupChannel } from './hangup.ts';
import type { SimChannel } from './model.ts';
import { badRequest, conflict } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export interface SnoopParams {
  spy?: string;
  whisper?: string;
  app?: string;
  appArgs?: string;
  snoopId?: string;
}

const directions = new Set(['none', 'both', 'out', 'in']);

export function snoop(world: SimWorld, spiedId: string, p: SnoopParams): SimChannel {
  const spied = getChannel(world, spiedId);
  if (!p.app) throw badRequest('Missing parameter app');
  const spy = p.spy ?? 'none';
  const whisper = p.whisper ?? 'none';
  if (!directions.has(spy) || !directions.has(whisper))
    throw badRequest('Invalid direction specified for spy/whisper');
  if (spy === 'none' && whisper === 'none') throw badRequest('Spy and whisper cannot both be none');
  if (p.snoopId && world.channels.has(p.snoopId))
    throw conflict(`Channel with id ${p.snoopId} already exists`);
  const ch = createChannel(world, {
    tech: 'Snoop',
    name: `Snoop/${spied.id}-${world.ids.nameSuffix('Snoop')}`,
    resource: spied.id,
    id: p.snoopId,
    state: 'Up',
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
    hasPbx: false,
    callId: spied.callId,
  });
  ch.spyOf = spied.id;
  const app = p.app;
  const args = p.appArgs ? p.appArgs.split(',') : [];
  world.defer(() => {
    if (ch.hangingUp) return;
    if (!enterStasis(world, ch, app, args))
      hangupChannel(world, ch, { requestCause: 16, soft: true, cause: 16 });
  });
  return ch;
}
