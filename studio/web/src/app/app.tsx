/** The root: language, session, then the sign-in page or the studio. */
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
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
  const { state } = useSessionApi();
  const { t } = useI18n();
  if (state.phase === 'loading') return <p className="muted pad">{t.loading}</p>;
  if (state.phase === 'signed-out') return <LoginPage />;
  return <Studio key={state.user.id} />;
}
