/**
 * Who is signed in and in which tenant. On load the studio asks /api/me (the cookie may still be
 * valid); the chosen tenant is remembered per browser. Roles decide what the UI offers: authors
 * (analyst, admin) edit and simulate, only admins deploy and roll back — the server enforces the
 * same rules, the UI just does not offer what would be refused.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, api } from '../api/api-client.ts';
import type { LoginResponse, Membership, MeResponse, Role, User } from '../api/types.ts';

const TENANT_KEY = 'callflow.tenant';

export interface Session {
  user: User;
  memberships: Membership[];
  tenant: string;
  roles: Role[];
  can: { edit: boolean; simulate: boolean; deploy: boolean };
  setTenant(tenant: string): void;
  signOut(): Promise<void>;
}

type SessionState =
  | { phase: 'loading' }
  | { phase: 'signed-out' }
  | { phase: 'signed-in'; user: User; memberships: Membership[]; tenant: string };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  session: Session | null;
}

const SessionContext = createContext<SessionApi | null>(null);

export function rolesCan(roles: readonly Role[]): Session['can'] {
  const author = roles.includes('admin') || roles.includes('analyst');
  return { edit: author, simulate: author, deploy: roles.includes('admin') };
}

function pickTenant(memberships: Membership[], preferred: string | null): string {
  return memberships.find((m) => m.tenant.id === preferred)?.tenant.id ?? memberships[0]?.tenant.id ?? '';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  useEffect(() => {
    api<MeResponse>('/api/me').then(
      (me) =>
        setState({
          phase: 'signed-in',
          user: me.user,
          memberships: me.memberships,
          tenant: pickTenant(me.memberships, localStorage.getItem(TENANT_KEY)),
        }),
      () => setState({ phase: 'signed-out' }),
    );
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await api<LoginResponse>('/api/login', { body: { email, password } });
    setState({
      phase: 'signed-in',
      user: result.user,
      memberships: result.memberships,
      tenant: pickTenant(result.memberships, localStorage.getItem(TENANT_KEY) ?? result.tenant),
    });
  }, []);

  const session = useMemo<Session | null>(() => {
    if (state.phase !== 'signed-in') return null;
    const roles = state.memberships.find((m) => m.tenant.id === state.tenant)?.roles ?? [];
    return {
      user: state.user,
      memberships: state.memberships,
      tenant: state.tenant,
      roles,
      can: rolesCan(roles),
      setTenant(tenant) {
        localStorage.setItem(TENANT_KEY, tenant);
        setState({ ...state, tenant });
      },
      async signOut() {
        await api('/api/logout', { method: 'POST' }).catch((error: unknown) => {
          if (!(error instanceof ApiRequestError) || error.status !== 401) throw error;
        });
        setState({ phase: 'signed-out' });
      },
    };
  }, [state]);

  const value = useMemo(() => ({ state, signIn, session }), [state, signIn, session]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionApi(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionApi outside SessionProvider');
  return value;
}

/** The signed-in session (inside the studio, where there always is one). */
export function useSession(): Session {
  const { session } = useSessionApi();
  if (!session) throw new Error('useSession while signed out');
  return session;
}
