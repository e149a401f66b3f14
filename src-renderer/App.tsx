import { type ReactNode, Suspense, useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { Route, Switch } from 'wouter';
import { call, getClient } from './api/client';
import { useCall, useRealtime } from './api/hooks';
import type { LogoutReason } from './api/token';
import { DeviceGate } from './components/devices/DeviceGate';
import { ErrorBox } from './components/ErrorBox';
import { showLocale } from './components/LanguageSelect';
import { Shell } from './components/Shell';
import { Loading } from './components/Spinner';
import { RECENT_ERRORS_PATH } from './components/system/paths';
import { ToastProvider } from './components/Toasts';
import { useLocale } from './hooks/useLocale';
import { getLocale, t } from './i18n';
import { idOf } from './lib/route-id';
import { LoginPage } from './pages/LoginPage';
import {
  ApiPage,
  BackupsPage,
  CompanySettingsPage,
  CustomerFormPage,
  CustomerPage,
  CustomersPage,
  DuplicatesPage,
  FinanceRoutes,
  HealthPage,
  HomePage,
  ImportPage,
  JobsPage,
  MessagesSettingsPage,
  NetworkPage,
  OutboxPage,
  RecentErrorsPage,
  ReportsRoutes,
  ToSendPage,
  UsersPage,
} from './pages/lazy';
import { NotFoundPage } from './pages/NotFoundPage';
import { orderRoutes } from './pages/orders/routes';
import { SetupPage } from './pages/SetupPage';
import { makeSession, SessionContext, useSession } from './session';

/** Logged out: first-run setup while there is no user yet, the login otherwise. */
function Anonymous({ reason }: { reason: LogoutReason | null }) {
  const status = useCall('setup.status', {});
  if (status.isPending)
    return (
      <FullPage>
        <Loading />
      </FullPage>
    );
  if (status.isError) {
    return (
      <FullPage>
        <ErrorBox error={status.error} onRetry={() => void status.refetch()} />
      </FullPage>
    );
  }
  if (status.data.needed) return <SetupPage />;
  return <LoginPage companyName={status.data.companyName} expired={reason === 'expired'} />;
}

function FullPage({ children }: { children: ReactNode }) {
  return <div className="full-page">{children}</div>;
}

async function logout(): Promise<void> {
  try {
    await call('auth.logout', {});
  } catch {
    // Already ended on the server or unreachable: leaving locally is what matters.
  }
  getClient().tokens.clear('logout');
}

function Authenticated({ token }: { token: string }) {
  const me = useCall('auth.me', {});
  const realtime = useRealtime(token, me.data?.user.id ?? null);
  const doLogout = useCallback(() => logout(), []);
  const session = useMemo(
    () => (me.data ? makeSession(me.data, doLogout, realtime) : null),
    [me.data, doLogout, realtime],
  );
  const company = me.data?.companyName;
  // The user's own language, chosen on another device, wins over this device's last choice.
  const savedLocale = me.data?.user.locale ?? null;
  useEffect(() => {
    if (savedLocale && savedLocale !== getLocale()) showLocale(savedLocale);
  }, [savedLocale]);
  useEffect(() => {
    document.title = company ? `${company} — Balcão` : 'Balcão';
  }, [company]);

  if (!session) {
    return (
      <FullPage>
        {me.isError ? (
          <div className="stack">
            <ErrorBox error={me.error} onRetry={() => void me.refetch()} />
            <button type="button" className="btn" onClick={() => void doLogout()} data-testid="logout">
              {t('shell.logout')}
            </button>
          </div>
        ) : (
          <Loading />
        )}
      </FullPage>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell>
        {/* Route pages load per section (pages/lazy.ts): the usual spinner while a chunk arrives. */}
        <Suspense fallback={<Loading />}>
          <AppRoutes />
        </Suspense>
      </Shell>
    </SessionContext.Provider>
  );
}

function AppRoutes() {
  const session = useSession();
  return (
    <Switch>
      <Route path="/">
        <HomePage />
      </Route>
      <Route path="/clientes">
        <CustomersPage />
      </Route>
      <Route path="/clientes/novo">
        <CustomerFormPage key="new" />
      </Route>
      <Route path="/clientes/duplicados">
        {session.can('customers.merge') ? <DuplicatesPage /> : <NotFoundPage />}
      </Route>
      <Route path="/clientes/saude">{session.can('health.read') ? <HealthPage /> : <NotFoundPage />}</Route>
      <Route path="/importar">{session.can('data.import') ? <ImportPage /> : <NotFoundPage />}</Route>
      <Route path="/clientes/:id/editar">
        {(params) => <CustomerFormPage key={`edit-${params.id}`} id={idOf(params.id)} />}
      </Route>
      <Route path="/clientes/:id">{(params) => <CustomerPage key={params.id} id={idOf(params.id)} />}</Route>
      <Route path="/usuarios">{session.can('users.manage') ? <UsersPage /> : <NotFoundPage />}</Route>
      <Route path={RECENT_ERRORS_PATH}>{session.can('system.logs') ? <RecentErrorsPage /> : <NotFoundPage />}</Route>
      {orderRoutes(session)}
      <Route path="/financeiro/*">
        <FinanceRoutes />
      </Route>
      <Route path="/relatorios/*?">
        <ReportsRoutes />
      </Route>
      <Route path="/api">
        <ApiPage />
      </Route>
      <Route path="/configuracoes/backup">{session.can('backups.read') ? <BackupsPage /> : <NotFoundPage />}</Route>
      <Route path="/configuracoes/empresa">
        {session.can('settings.write') ? <CompanySettingsPage /> : <NotFoundPage />}
      </Route>
      <Route path="/configuracoes/rede">{session.can('settings.write') ? <NetworkPage /> : <NotFoundPage />}</Route>
      <Route path="/mensagens/a-enviar">{session.can('messages.send') ? <ToSendPage /> : <NotFoundPage />}</Route>
      <Route path="/mensagens/saida">{session.can('messages.manage') ? <OutboxPage /> : <NotFoundPage />}</Route>
      <Route path="/configuracoes/mensagens">
        {session.can('messages.manage') ? <MessagesSettingsPage /> : <NotFoundPage />}
      </Route>
      <Route path="/configuracoes/tarefas">{session.can('system.logs') ? <JobsPage /> : <NotFoundPage />}</Route>
      <Route>
        <NotFoundPage />
      </Route>
    </Switch>
  );
}

export function App() {
  const locale = useLocale();
  const tokens = getClient().tokens;
  const { token, reason } = useSyncExternalStore(tokens.subscribe, tokens.state, tokens.state);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ToastProvider key={locale}>
      <DeviceGate token={token}>
        {token ? <Authenticated key={token} token={token} /> : <Anonymous reason={reason} />}
      </DeviceGate>
    </ToastProvider>
  );
}
