/** The header: product name, tenant switch, UI language, the live connection, who is signed in. */
import type { LiveState } from '../api/live-socket.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { useSession } from './session.tsx';

export function StudioHeader({ live }: { live: LiveState }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <header className="studio-header">
      <span className="brand">{t.appTitle}</span>
      <label className="tenant-switch">
        {t.tenant}
        <select
          name="tenant"
          value={session.tenant}
          onChange={(e) => session.setTenant(e.target.value)}
          disabled={session.memberships.length < 2}
        >
          {session.memberships.map((m) => (
            <option key={m.tenant.id} value={m.tenant.id}>
              {m.tenant.name}
            </option>
          ))}
        </select>
      </label>
      <span className="roles" title={t.roles}>
        {session.roles.join(', ')}
      </span>
      <span className="spacer" />
      <span className={`live-state live-${live}`} data-testid="live-state">
        ● {t.connection[live === 'open' ? 'open' : 'closed']}
      </span>
      <LanguageSwitch />
      <span className="user" data-testid="user-email">
        {session.user.email}
      </span>
      <button type="button" onClick={() => void session.signOut()}>
        {t.signOut}
      </button>
    </header>
  );
}
