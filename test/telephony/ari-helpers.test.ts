import { describe, expect, it } from 'vitest';
import { withoutLocalOptimization } from '../../telephony/ari-adapter.ts';
import { ChannelRegistry } from '../../telephony/ari-channel-registry.ts';
import { ariConfigFromEnv, ariOrigin } from '../../telephony/ari-config.ts';
import { ariMessage, isGone } from '../../telephony/ari-errors.ts';
import { failureFromCause, failureFromDialStatus } from '../../telephony/ari-originates.ts';
import type { ChannelEvent } from '../../telephony/pbx-port.ts';

describe('ARI adapter helpers', () => {
  it('dials Local endpoints with /n so Asterisk keeps the Local pair', () => {
    expect(withoutLocalOptimization('Local/1001@operators')).toBe('Local/1001@operators/n');
    expect(withoutLocalOptimization('Local/1001@operators/n')).toBe('Local/1001@operators/n');
    expect(withoutLocalOptimization('Local/1001@operators/j')).toBe('Local/1001@operators/jn');
    expect(withoutLocalOptimization('PJSIP/1001')).toBe('PJSIP/1001');
  });

  it('tells ring-no-answer, busy and congestion apart (traces 12, 13)', () => {
    expect(failureFromDialStatus('BUSY')).toEqual({ reason: 'busy', cause: 17 });
    expect(failureFromDialStatus('CONGESTION')).toEqual({ reason: 'congestion', cause: 34 });
    expect(failureFromDialStatus('RINGING')).toBe(null);
    expect(failureFromDialStatus('ANSWER')).toBe(null);
    expect([19, 17, 34, 0, 16].map(failureFromCause)).toEqual([
      'no-answer',
      'busy',
      'congestion',
      'failed',
      'failed',
    ]);
  });

  it("reads Asterisk's error body out of ari-client's error and knows 'already gone'", () => {
    expect(ariMessage(new Error('{"message":"Channel not found"}'))).toBe('Channel not found');
    expect(ariMessage(new Error('{"error":"Allocation failed"}'))).toBe('Allocation failed');
    expect(ariMessage(new Error('socket hang up'))).toBe('socket hang up');
    expect(isGone(new Error('{"message":"Playback not found"}'))).toBe(true);
    expect(isGone(new Error('{"message":"Bridge isn\'t playing music"}'))).toBe(true);
    expect(isGone(new Error('{"message":"Endpoint must be specified"}'))).toBe(false);
  });

  it('reads its connection settings from the environment', () => {
    expect(
      ariConfigFromEnv({
        ARI_URL: 'http://pbx:8088/ari',
        ARI_USERNAME: 'cf',
        ARI_PASSWORD: 'x',
        ARI_APP: 'cc',
      }),
    ).toEqual({
      url: 'http://pbx:8088/ari',
      username: 'cf',
      password: 'x',
      app: 'cc',
    });
    expect(ariConfigFromEnv({})).toMatchObject({ url: 'http://127.0.0.1:8088/ari', app: 'callflow' });
    expect(ariOrigin('http://pbx:8088/ari')).toBe('http://pbx:8088');
  });
});

describe('ChannelRegistry', () => {
  it('ends a channel with a last hangup event and forgets its listeners and playbacks', () => {
    const registry = new ChannelRegistry(() => {});
    const seen: ChannelEvent[] = [];
    registry.track('c1', 'inbound');
    registry.subscribe('c1', (e) => seen.push(e));
    registry.playbackRequested('p1', 'c1');
    registry.noteHangupRequest('c1', 32, true);
    registry.noteHangupRequest('c1', 17, undefined);
    registry.end('c1');
    registry.emit('c1', { type: 'dtmf', digit: '1' });
    expect(seen).toEqual([{ type: 'hangup', cause: 17, causeText: 'User busy' }]);
    expect(registry.counts()).toEqual({ channels: 0, listeners: 0, playbacks: 0 });
  });

  it('keeps delivering to other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const registry = new ChannelRegistry((e) => errors.push(e));
    const seen: string[] = [];
    registry.track('c1', 'inbound');
    registry.subscribe('c1', () => {
      throw new Error('listener bug');
    });
    registry.subscribe('c1', (e) => seen.push(e.type));
    registry.emit('c1', { type: 'answered' });
    expect(seen).toEqual(['answered']);
    expect(errors).toHaveLength(1);
  });

  it('answers a subscription to a channel that is gone with its hangup instead of keeping a listener', async () => {
    const registry = new ChannelRegistry(() => {});
    const seen: ChannelEvent[] = [];
    registry.subscribe('gone', (e) => seen.push(e));
    await Promise.resolve();
    expect(seen).toEqual([{ type: 'hangup', cause: 16, causeText: 'Normal Clearing' }]);
    expect(registry.counts().listeners).toBe(0);
  });

  it('reports a media list as one playback start (Asterisk sends PlaybackStarted per item)', () => {
    const registry = new ChannelRegistry(() => {});
    registry.track('c1', 'inbound');
    expect(registry.playbackStarted('p1', 'c1')).toBe(true);
    expect(registry.playbackStarted('p1', 'c1')).toBe(false);
    expect(registry.playbackFinished('p1')).toBe(true);
    expect(registry.playbackFinished('p1')).toBe(false);
  });
});
