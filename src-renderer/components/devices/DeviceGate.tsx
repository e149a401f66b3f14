import { type ReactNode, useEffect, useState } from 'react';
import { useCall } from '../../api/hooks';
import { t } from '../../i18n';
import { Loading } from '../Spinner';

/**
 * desk: a browser on the shop network must be approved by an admin on the main PC before the login
 * appears (`devices.self`; this computer and the desktop window answer `local`). While it waits it
 * shows its short code and asks again every 3 s; once approved it asks every 20 s, so a revoked
 * device falls back here (its session was already ended on the server).
 */
export function DeviceGate({ token, children }: { token: string | null; children: ReactNode }) {
  const [every, setEvery] = useState(3000);
  const self = useCall('devices.self', {}, { staleTimeMs: 0, refetchIntervalMs: every });
  const status = self.data?.status;
  useEffect(() => {
    setEvery(status === 'pending' || status === 'revoked' ? 3000 : status === 'approved' ? 20_000 : 120_000);
  }, [status]);
  const { refetch } = self;
  // Logging out (or being logged out) asks again: the reason may be a revoked device.
  useEffect(() => {
    if (token === null) void refetch();
  }, [token, refetch]);
  if (status === 'pending' || status === 'revoked') {
    return (
      <div className="full-page">
        <section className="card stack device-wait" data-testid="device-waiting">
          <h1>{t(status === 'pending' ? 'desk.wait.title' : 'desk.wait.revokedTitle')}</h1>
          <p>{t('desk.wait.body')}</p>
          <p className="device-code" data-testid="device-code">
            {self.data?.code}
          </p>
          <p className="muted">{t('desk.wait.hint')}</p>
        </section>
      </div>
    );
  }
  if (self.isPending)
    return (
      <div className="full-page">
        <Loading />
      </div>
    );
  // Unknown yet, or the answer failed (an older main PC): the app goes on; the server still decides.
  return <>{children}</>;
}
