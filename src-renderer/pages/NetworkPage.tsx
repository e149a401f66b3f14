import { useState } from 'react';
import type { OutputOf } from '../../src-shared/contract';
import { formatInstantBR } from '../../src-shared/domain/dates';
import { useCall, useCallMutation } from '../api/hooks';
import { ErrorBox } from '../components/ErrorBox';
import { useToast } from '../components/Toasts';
import { t } from '../i18n';
import { useSession } from '../session';

type Device = OutputOf<'devices.list'>['items'][number];
type Network = OutputOf<'settings.network.get'>;

const when = (iso: string | null | undefined) => (iso ? formatInstantBR(iso) : '—');

/** An SVG QR code from the server, shown as an image (never as markup in the page). */
function QrImage({ svg, label }: { svg: string; label: string }) {
  return (
    <img
      className="network-qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={180}
      height={180}
    />
  );
}

function NetworkSettingsCard({ data }: { data: Network }) {
  const session = useSession();
  const canEdit = session.can('devices.manage');
  const update = useCallMutation('settings.network.update');
  const toast = useToast();
  const [url, setUrl] = useState(data.updateUrl ?? '');
  const save = (input: Parameters<typeof update.mutate>[0]) =>
    update.mutate(input, { onSuccess: () => toast(t('desk.saved')) });

  return (
    <div className="card stack" data-testid="network-settings">
      <h2>{t('desk.mode.title')}</h2>
      <fieldset className="stack" disabled={!canEdit || update.isPending}>
        <label>
          <input
            type="radio"
            name="network-mode"
            checked={data.mode === 'local'}
            onChange={() => save({ mode: 'local' })}
            data-testid="network-mode-local"
          />{' '}
          {t('desk.mode.local')}
        </label>
        <label>
          <input
            type="radio"
            name="network-mode"
            checked={data.mode === 'lan'}
            onChange={() => save({ mode: 'lan' })}
            data-testid="network-mode-lan"
          />{' '}
          {t('desk.mode.lan')}
        </label>
        {data.restartNeeded && (
          <p className="alert alert-warn" data-testid="network-restart">
            {t('desk.mode.restart')}
          </p>
        )}
        <label>
          <input
            type="checkbox"
            checked={data.deviceApproval}
            onChange={(e) => save({ deviceApproval: e.target.checked })}
            data-testid="network-approval"
          />{' '}
          {t('desk.approval')}
        </label>
      </fieldset>
      {update.error && <ErrorBox error={update.error} />}

      <h2>{t('desk.addresses.title')}</h2>
      {data.addresses.length === 0 ? (
        <p className="muted">{t(data.mode === 'lan' ? 'desk.addresses.none' : 'desk.addresses.localOnly')}</p>
      ) : (
        <div className="network-addresses">
          {data.addresses.map((a) => (
            <figure key={`${a.interface}-${a.address}`} className="network-address" data-testid="network-address">
              <QrImage svg={a.qrSvg} label={t('desk.addresses.qr', { url: a.url })} />
              <figcaption>
                <strong>{a.url}</strong>
                <br />
                <span className="muted">{a.interface}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      <p className="hint">{t('desk.addresses.hint')}</p>

      <h2>{t('desk.data.title')}</h2>
      <p data-testid="network-data-dir">
        <code>{data.dataDir}</code>
      </p>
      <p className="hint">{t('desk.data.hint', { version: data.version })}</p>

      <h2>{t('desk.updates.title')}</h2>
      <fieldset className="stack" disabled={!canEdit || update.isPending}>
        <label className="field">
          <span>{t('desk.updates.url')}</span>
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onBlur={() => {
              if (url.trim() !== (data.updateUrl ?? '')) save({ updateUrl: url.trim() || null });
            }}
            placeholder="https://…"
            inputMode="url"
            data-testid="network-update-url"
          />
        </label>
        <label className="field">
          <span>{t('desk.updates.channel')}</span>
          <select
            value={data.updateChannel}
            onChange={(e) => save({ updateChannel: e.target.value === 'beta' ? 'beta' : 'stable' })}
            data-testid="network-update-channel"
          >
            <option value="stable">{t('desk.updates.stable')}</option>
            <option value="beta">{t('desk.updates.beta')}</option>
          </select>
        </label>
      </fieldset>
    </div>
  );
}

function DeviceRow({ device }: { device: Device }) {
  const approve = useCallMutation('devices.approve');
  const revoke = useCallMutation('devices.revoke');
  const [name, setName] = useState(device.name ?? '');
  const busy = approve.isPending || revoke.isPending;
  return (
    <tr data-testid={`device-${device.code}`}>
      <td data-label={t('desk.devices.code')}>
        <strong className="device-code-small">{device.code}</strong>
      </td>
      <td data-label={t('desk.devices.name')}>
        {device.status === 'approved' ? (
          (device.name ?? '—')
        ) : (
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('desk.devices.namePlaceholder')}
            maxLength={60}
            aria-label={t('desk.devices.name')}
            data-testid={`device-name-${device.code}`}
          />
        )}
      </td>
      <td data-label={t('desk.devices.where')}>
        {device.browser}
        <br />
        <span className="muted">{device.address ?? '—'}</span>
      </td>
      <td data-label={t('desk.devices.lastUse')}>{when(device.lastUsedAt)}</td>
      <td data-label={t('desk.devices.status')}>
        <span
          className={
            device.status === 'approved'
              ? 'badge badge-ok'
              : device.status === 'revoked'
                ? 'badge badge-danger'
                : 'badge'
          }
        >
          {t(`desk.devices.status.${device.status}`)}
        </span>
      </td>
      <td className="row-actions">
        {device.status !== 'approved' && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            onClick={() => approve.mutate({ id: device.id, ...(name.trim() && { name: name.trim() }) })}
            data-testid={`device-approve-${device.code}`}
          >
            {t('desk.devices.approve')}
          </button>
        )}
        {device.status === 'approved' && (
          <button
            type="button"
            className="btn btn-small btn-danger"
            disabled={busy}
            onClick={() => revoke.mutate({ id: device.id })}
            data-testid={`device-revoke-${device.code}`}
          >
            {t('desk.devices.revoke')}
          </button>
        )}
        {(approve.error || revoke.error) && <ErrorBox error={approve.error ?? revoke.error} />}
      </td>
    </tr>
  );
}

function DevicesCard() {
  const list = useCall('devices.list', {}, { refetchIntervalMs: 3000, staleTimeMs: 0 });
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  return (
    <div className="card stack" data-testid="devices">
      <h2>{t('desk.devices.title')}</h2>
      <p className="hint">{t('desk.devices.hint')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('desk.devices.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table devices-table">
            <thead>
              <tr>
                <th>{t('desk.devices.code')}</th>
                <th>{t('desk.devices.name')}</th>
                <th>{t('desk.devices.where')}</th>
                <th>{t('desk.devices.lastUse')}</th>
                <th>{t('desk.devices.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <DeviceRow key={d.id} device={d} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Settings → "Rede e aparelhos": network mode, this PC's addresses with QR codes, devices, data folder, updates. */
export function NetworkPage() {
  const session = useSession();
  const network = useCall('settings.network.get', {});
  return (
    <section className="page" data-testid="network-page">
      <div className="page-header">
        <h1>{t('desk.title')}</h1>
      </div>
      {network.isError ? (
        <ErrorBox error={network.error} onRetry={() => void network.refetch()} />
      ) : network.data ? (
        <NetworkSettingsCard key={network.data.updateUrl ?? ''} data={network.data} />
      ) : null}
      {session.can('devices.manage') && <DevicesCard />}
    </section>
  );
}
