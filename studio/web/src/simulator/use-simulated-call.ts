/**
 * Places and drives one simulated call through the server (the real runtime on the PBX simulator:
 * nothing is interpreted in the browser). The call runs on the editor's text (`source`, checked by
 * the server and never deployed) and, when asked, at another time of day (`clock`). Events arrive
 * over the live socket; a GET right after placing the call catches whatever came before the socket
 * listener knew the call's id.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, tenantPath } from '../api/api-client.ts';
import type { LiveSocket } from '../api/live-socket.ts';
import type { SimCallView, SimEvent } from '../api/types.ts';
import { applyEvent, applyEvents, type CallState, IDLE_CALL, startedCall } from './call-state.ts';

export interface PlaceInput {
  from: string;
  to: string;
  /** The time of day the flow sees (time-of-day.ts); the real time when absent. */
  clock?: string;
  /** The flow text to run (the editor's); the deployed version when absent. */
  source?: string;
}

export interface SimulatedCallControls {
  call: CallState;
  error: string | null;
  place(input: PlaceInput): Promise<void>;
  press(digits: string): void;
  hangup(): Promise<void>;
}

export function useSimulatedCall(tenant: string, live: LiveSocket): SimulatedCallControls {
  const [call, setCall] = useState<CallState>(IDLE_CALL);
  const [error, setError] = useState<string | null>(null);
  const currentId = useRef<string | null>(null);
  // Keys go out one request after the other, in the order they were pressed.
  const keyChain = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(
    () =>
      live.onMessage((message) => {
        if (message.kind !== 'sim' || message.simId !== currentId.current) return;
        setCall((state) => (state.id === message.simId ? applyEvent(state, message.event) : state));
      }),
    [live],
  );

  const refresh = useCallback(
    async (id: string) => {
      const view = await api<SimCallView & { events: SimEvent[] }>(tenantPath(tenant, 'sim', 'calls', id));
      setCall((state) => (state.id === id ? applyEvents(state, view.events) : state));
    },
    [tenant],
  );

  const place = useCallback(
    async (input: PlaceInput) => {
      setError(null);
      try {
        const view = await api<SimCallView>(tenantPath(tenant, 'sim', 'calls'), { body: input });
        currentId.current = view.id;
        setCall(startedCall(view.id, view.status, { draft: view.draft, clockAt: view.clockAt }));
        await refresh(view.id);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [tenant, refresh],
  );

  const press = useCallback(
    (digits: string) => {
      const id = currentId.current;
      if (!id || !digits) return;
      keyChain.current = keyChain.current.then(() =>
        api(tenantPath(tenant, 'sim', 'calls', id, 'keys'), { body: { digits } }).catch((e: unknown) =>
          setError(e instanceof Error ? e.message : String(e)),
        ),
      );
    },
    [tenant],
  );

  const hangup = useCallback(async () => {
    const id = currentId.current;
    if (!id) return;
    try {
      await keyChain.current;
      await api(tenantPath(tenant, 'sim', 'calls', id, 'hangup'), { method: 'POST' });
      await refresh(id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [tenant, refresh]);

  return { call, error, place, press, hangup };
}
