/** The root: language, session, then the sign-in page, the operator console or the studio. */
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { OperatorConsole } from '../operator/operator-console.tsx';
import { LoginPage } from './login-page.tsx';
import { SessionProvider, useSessionApi } from './session.tsx';
import { Studio } from './studio.tsx';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </I18nProvider>
  );
}

function Gate() {
  const { state, session } = useSessionApi();
  const { t } = useI18n();
  if (state.phase === 'loading') return <p className="muted pad">{t.loading}</p>;
  if (state.phase === 'signed-out') return <LoginPage />;
  // Someone who is only an operator in this tenant works in the console, not the studio.
  if (session && session.roles.length > 0 && session.roles.every((r) => r === 'operator'))
    return <OperatorConsole key={`${state.user.id}/${session.tenant}`} />;
  return <Studio key={state.user.id} />;
}
