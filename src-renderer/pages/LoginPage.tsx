import { type FormEvent, useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { useCallMutation } from '../api/hooks';
import { toAppError } from '../api/http';
import { AuthCard } from '../components/AuthCard';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { Field } from '../components/Field';
import { t } from '../i18n';
import { formatDuration } from '../lib/format';

/** Counts a rate-limit wait down to zero, one second at a time. */
function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return [
    left,
    (seconds) => {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
  ];
}

export function LoginPage({ companyName, expired }: { companyName: string | null; expired: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useCallMutation('auth.login');
  const [waitS, startWait] = useCountdown();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return;
    try {
      const session = await mutation.mutateAsync({ username: username.trim().toLowerCase(), password });
      getClient().tokens.set(session.token);
    } catch (error) {
      const { retryAfterS } = toAppError(error);
      if (retryAfterS !== undefined) startWait(retryAfterS);
      setPassword('');
    }
  };

  const rateLimited = mutation.error?.code === 'RATE_LIMITED';
  return (
    <AuthCard title={t('login.title')} subtitle={companyName ?? undefined}>
      <form onSubmit={submit} noValidate data-testid="login-form">
        {expired && !mutation.error && <Notice tone="warn">{t('login.expired')}</Notice>}
        <Field name="username" label={t('login.username')}>
          {(p) => (
            <input
              {...p}
              data-testid="login-username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field name="password" label={t('login.password')}>
          {(p) => (
            <input
              {...p}
              data-testid="login-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {rateLimited ? (
          waitS > 0 && (
            <div className="alert alert-error" role="alert" data-testid="login-error">
              {t('login.rateLimited', { time: formatDuration(waitS) })}
            </div>
          )
        ) : (
          <ErrorBox error={mutation.error} testId="login-error" />
        )}
        <button
          type="submit"
          className="btn btn-primary btn-block"
          disabled={mutation.isPending || waitS > 0}
          data-testid="login-submit"
        >
          {mutation.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </AuthCard>
  );
}
