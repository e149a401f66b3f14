import { t } from '../i18n';

/** Someone else saved the record being edited (409): say so and offer to merge in their version. */
export function StaleBanner({
  message,
  reloadLabel,
  reloading,
  onReload,
}: {
  message: string;
  reloadLabel: string;
  reloading: boolean;
  onReload: () => void;
}) {
  return (
    <div className="alert alert-warn" role="alert" data-testid="stale-banner">
      <span>{message}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={onReload}
        disabled={reloading}
        data-testid="stale-reload"
      >
        {reloading ? t('common.loading') : reloadLabel}
      </button>
    </div>
  );
}
