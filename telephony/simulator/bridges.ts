/**
 * Bridges (traces 04, 07, 14). Holding bridges with music on hold for queued callers, mixing bridges
 * for caller + operator. `addChannel` of a channel that is in another bridge moves it (Left, then
 * Entered). In a two-party mixing bridge both get BRIDGEPEER and a connected-line update. The app is
 * subscribed to a bridge once per channel it adds and unsubscribed when it moves or removes one, so
 * BridgeDestroyed reaches it only for bridges its channels left by hanging up (04, 14).
 */
import { randomUUID } from 'node:crypto';
import { CommandQueue } from './command-queue.ts';
import type { SimBridge, SimChannel } from './model.ts';
import { AriError, badRequest, conflict, notFound, unprocessable } from './sim-error.ts';
import type { SimWorld } from './world.ts';

const bridgeTypeWords = new Set([
  'mixing',
  'holding',
  'dtmf_events',
  'proxy_media',
  'video_sfu',
  'video_single',
  'sdp_label',
]);

export function createBridge(
  world: SimWorld,
  p: { type?: string; bridgeId?: string; name?: string },
): SimBridge {
  const words = (p.type || 'mixing').split(',').map((w) => w.trim());
  if (words.some((w) => !bridgeTypeWords.has(w))) {
    throw new AriError(500, "Unable to create bridge. Possible duplicate bridge id '(null)'");
  }
  if (p.bridgeId && world.bridges.has(p.bridgeId)) {
    throw conflict(`Bridge with id '${p.bridgeId}' already exists`);
  }
  const holding = words.includes('holding');
  const bridge: SimBridge = {
    id: p.bridgeId || randomUUID(),
    technology: holding ? 'holding_bridge' : 'simple_bridge',
    bridgeType: holding ? 'holding' : 'mixing',
    name: p.name ?? '',
    channels: [],
    creationtime: world.timestamp(),
    dtmfEvents: words.includes('dtmf_events'),
    mohClass: null,
    subscriptions: new Map(),
    destroyed: false,
    queue: new CommandQueue(),
    playback: null,
    recording: null,
  };
  world.bridges.set(bridge.id, bridge);
  world.emitBridge(bridge, 'BridgeCreated');
  return bridge;
}

export function getBridge(world: SimWorld, id: string): SimBridge {
  const bridge = world.bridges.get(id);
  if (!bridge) throw notFound('Bridge not found');
  return bridge;
}

/** Channels named in addChannel/removeChannel: 400 if one is unknown, 422 if one is not in Stasis. */
function resolveChannels(world: SimWorld, ids: string[]): SimChannel[] {
  if (ids.length === 0) throw badRequest('Missing parameter channel');
  const channels = ids.map((id) => world.channels.get(id));
  if (channels.some((c) => !c || c.hangingUp)) throw badRequest('Channel not found');
  const list = channels as SimChannel[];
  if (list.some((c) => !c.stasisApp)) throw unprocessable('Channel not in Stasis application');
  return list;
}

function subscribe(bridge: SimBridge, app: string | null, delta: number): void {
  if (!app) return;
  bridge.subscriptions.set(app, Math.max(0, (bridge.subscriptions.get(app) ?? 0) + delta));
}

export function addChannels(world: SimWorld, bridge: SimBridge, ids: string[]): void {
  const channels = resolveChannels(world, ids);
  const joined: SimChannel[] = [];
  for (const ch of channels) {
    if (ch.bridge === bridge) continue;
    if (ch.bridge) {
      subscribe(ch.bridge, ch.stasisApp, -1);
      leaveBridge(world, ch);
    }
    bridge.channels.push(ch);
    ch.bridge = bridge;
    subscribe(bridge, ch.stasisApp, +1);
    world.emitChannelBridge(ch, bridge, 'ChannelEnteredBridge');
    joined.push(ch);
  }
  if (bridge.bridgeType === 'mixing' && bridge.channels.length > 2) bridge.technology = 'softmix';
  if (bridge.bridgeType === 'mixing' && bridge.channels.length >= 2 && joined.length > 0) {
    const updated: SimChannel[] = [];
    for (const ch of bridge.channels) {
      const peers = bridge.channels
        .filter((c) => c !== ch)
        .map((c) => c.name)
        .join(',');
      if (ch.vars.get('BRIDGEPEER') === peers) continue;
      ch.vars.set('BRIDGEPEER', peers);
      world.emitVarset(ch, 'BRIDGEPEER', peers);
      updated.push(ch);
    }
    // Two parties: each one's connected line becomes the other's caller id (14).
    if (bridge.channels.length === 2) {
      const [a, b] = bridge.channels;
      a.connected = { ...b.caller };
      b.connected = { ...a.caller };
      // A Local half passes the update on: its other half's caller id becomes this half's connected
      // line — at once if that half runs dialplan (14), only in its final snapshot if it is in Stasis (04).
      for (const ch of [a, b]) {
        const peer = ch.localPeer;
        if (!peer) continue;
        if (peer.stasisApp) peer.pendingCaller = { ...ch.connected };
        else peer.caller = { ...ch.connected };
      }
    }
    for (const ch of updated.reverse()) world.emitChannel(ch, 'ChannelConnectedLine');
  }
  for (const ch of joined) {
    const others = bridge.channels.filter((c) => c !== ch).map((c) => c.name);
    world.note(ch, {
      kind: 'bridge-joined',
      bridgeId: bridge.id,
      bridgeType: bridge.bridgeType,
      with: others,
    });
    if (bridge.mohClass) world.note(ch, { kind: 'moh-started', mohClass: bridge.mohClass, via: 'bridge' });
  }
}

export function removeChannels(world: SimWorld, bridge: SimBridge, ids: string[]): void {
  const channels = resolveChannels(world, ids);
  if (channels.some((c) => c.bridge !== bridge)) throw unprocessable('Channel not in this bridge');
  for (const ch of channels) {
    subscribe(bridge, ch.stasisApp, -1);
    leaveBridge(world, ch);
  }
}

/** A channel leaves its bridge (removed, moved, or hung up). */
export function leaveBridge(world: SimWorld, ch: SimChannel): void {
  const bridge = ch.bridge;
  if (!bridge) return;
  if (ch.vars.get('BRIDGEPEER')) {
    ch.vars.set('BRIDGEPEER', '');
    world.emitVarset(ch, 'BRIDGEPEER', '');
  }
  bridge.channels = bridge.channels.filter((c) => c !== ch);
  ch.bridge = null;
  world.emitChannelBridge(ch, bridge, 'ChannelLeftBridge');
  if (bridge.mohClass) world.note(ch, { kind: 'moh-stopped', via: 'bridge' });
  world.note(ch, { kind: 'bridge-left', bridgeId: bridge.id });
  // Music on hold stops with the last caller (04: a later DELETE .../moh gets 409).
  if (bridge.channels.length === 0) bridge.mohClass = null;
}

export function destroyBridge(world: SimWorld, bridge: SimBridge): void {
  for (const ch of [...bridge.channels]) leaveBridge(world, ch);
  bridge.destroyed = true;
  bridge.queue.cancelPending();
  world.bridges.delete(bridge.id);
  world.emitBridge(bridge, 'BridgeDestroyed');
}

export function startBridgeMoh(world: SimWorld, bridge: SimBridge, mohClass: string | undefined): void {
  const cls = mohClass || 'default';
  if (bridge.mohClass === cls) return;
  bridge.mohClass = cls;
  for (const ch of bridge.channels) world.note(ch, { kind: 'moh-started', mohClass: cls, via: 'bridge' });
}

export function stopBridgeMoh(world: SimWorld, bridge: SimBridge): void {
  if (!bridge.mohClass) throw conflict("Bridge isn't playing music");
  bridge.mohClass = null;
  for (const ch of bridge.channels) world.note(ch, { kind: 'moh-stopped', via: 'bridge' });
}
