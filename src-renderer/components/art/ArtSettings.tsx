import { type FormEvent, useState } from 'react';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { t } from '../../i18n';
import { ErrorBox } from '../ErrorBox';
import { Field } from '../Field';
import { Loading } from '../Spinner';
import { useToast } from '../Toasts';

/** The largest art file the shop accepts (`art.setConfig`), on the production settings page. */
export function ArtSettingsCard() {
  const config = useCall('art.config', {});
  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorBox error={config.error} onRetry={() => void config.refetch()} />;
  return (
    <section className="page" data-testid="art-settings">
      <ArtSettingsForm maxUploadMb={config.data.maxUploadMb} />
    </section>
  );
}

function ArtSettingsForm({ maxUploadMb }: { maxUploadMb: number }) {
  const toast = useToast();
  const save = useCallMutation('art.setConfig');
  const [value, setValue] = useState(String(maxUploadMb));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await save.mutateAsync({ maxUploadMb: Number(value) });
      toast(t('art.settingsSaved'));
    } catch {
      // shown below
    }
  };
  const error = save.error ? toAppError(save.error) : null;
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate data-testid="art-settings-form">
      <Field
        name="maxUploadMb"
        label={t('art.maxUploadMb')}
        hint={t('art.maxUploadMbHint')}
        error={error?.fields?.maxUploadMb}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value.replace(/\D/g, '').slice(0, 4))}
          />
        )}
      </Field>
      <ErrorBox error={error && !error.fields?.maxUploadMb ? error : null} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="art-settings-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
