import '../components/data.css';
import { useState } from 'react';
import { Link } from 'wouter';
import type { ImportPreviewOut, ImportResultOut } from '../../src-shared/contract/transfer';
import { MAX_IMPORT_BYTES } from '../../src-shared/contract/transfer';
import type { AppError } from '../../src-shared/errors';
import { call } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { t } from '../i18n';
import { formatInt } from '../lib/format';

type Kind = 'customers' | 'products' | 'installments';
type Mode = 'all' | 'skip';

const PREVIEW = {
  customers: 'customers.importPreview',
  products: 'products.importPreview',
  installments: 'installments.importPreview',
} as const;
const RUN = {
  customers: 'customers.import',
  products: 'products.import',
  installments: 'installments.import',
} as const;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * `/importar`: choose what to import → upload a CSV → see how its columns were understood (and
 * change them) with each row's problems → all or nothing, or skip the bad rows → the summary.
 * The preview writes nothing.
 */
export function ImportPage() {
  const [kind, setKind] = useState<Kind>('customers');
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportPreviewOut | null>(null);
  const [mode, setMode] = useState<Mode>('all');
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [result, setResult] = useState<ImportResultOut | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [tooBig, setTooBig] = useState(false);

  const runPreview = async (url: string, map: Record<string, string>) => {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await call(PREVIEW[kind], { dataUrl: url, mapping: map }));
    } catch (err) {
      setPreview(null);
      setError(err as AppError);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (file: File | undefined) => {
    setResult(null);
    setPreview(null);
    setMapping({});
    setTooBig(false);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setTooBig(true);
      return;
    }
    const url = await readAsDataUrl(file);
    setFileName(file.name);
    setDataUrl(url);
    await runPreview(url, {});
  };

  const remap = (header: string, field: string) => {
    if (!dataUrl) return;
    const next = { ...mapping, [header]: field };
    setMapping(next);
    void runPreview(dataUrl, next);
  };

  const run = async () => {
    if (!dataUrl) return;
    setBusy('import');
    setError(null);
    try {
      setResult(await call(RUN[kind], { dataUrl, mapping, mode }));
      setPreview(null);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setDataUrl(null);
    setPreview(null);
    setResult(null);
    setMapping({});
    setError(null);
  };

  return (
    <section className="page" data-testid="import-page">
      <div className="page-header">
        <h1>{t('data.import.title')}</h1>
      </div>

      <ol className="import-steps">
        <li>
          <fieldset disabled={busy !== null}>
            <legend>{t('data.import.step.kind')}</legend>
            {(['customers', 'products', 'installments'] as const).map((k) => (
              <label key={k} className="radio">
                <input
                  type="radio"
                  name="import-kind"
                  value={k}
                  checked={kind === k}
                  data-testid={`import-kind-${k}`}
                  onChange={() => {
                    setKind(k);
                    reset();
                  }}
                />{' '}
                {t(`data.import.kind.${k}`)}
              </label>
            ))}
            <p className="muted">{t(`data.import.hint.${kind}`)}</p>
          </fieldset>
        </li>
        <li>
          <label className="field">
            <span>{t('data.import.step.file')}</span>
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              data-testid="import-file"
              disabled={busy !== null}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </label>
          {tooBig && <div className="alert alert-error">{t('data.import.tooBig')}</div>}
        </li>
      </ol>

      {busy && (
        <div className="import-progress" data-testid="import-progress">
          <progress aria-label={t(busy === 'import' ? 'data.import.importing' : 'data.import.reading')} />{' '}
          {t(busy === 'import' ? 'data.import.importing' : 'data.import.reading')}
        </div>
      )}
      <ErrorBox error={error} testId="import-error" />

      {preview && (
        <div className="card" data-testid="import-preview">
          <h2>{t('data.import.step.preview')}</h2>
          <p>
            {fileName} · {t(`data.import.format.${preview.format as 'generic'}`)} · {preview.encoding} · “
            {preview.separator}”
          </p>
          <p data-testid="import-counts">
            {t('data.import.counts', {
              total: formatInt(preview.total),
              creates: formatInt(preview.creates),
              existing: formatInt(preview.existing),
              errors: formatInt(preview.errors),
            })}
          </p>
          <div className="table-wrap">
            <table className="table import-mapping">
              <thead>
                <tr>
                  <th>{t('data.import.column')}</th>
                  <th>{t('data.import.field')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.mapping.map((m) => (
                  <tr key={m.header}>
                    <td>{m.header}</td>
                    <td>
                      <select
                        value={m.field ?? ''}
                        aria-label={m.header}
                        onChange={(e) => remap(m.header, e.target.value)}
                      >
                        <option value="">{t('data.import.ignore')}</option>
                        {preview.fields.map((f) => (
                          <option key={f.key} value={f.key}>
                            {f.label}
                            {f.required ? ' *' : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RowsTable rows={preview.rows} />
          <fieldset className="import-mode">
            <legend>{t('data.import.step.mode')}</legend>
            <label className="radio">
              <input type="radio" name="mode" checked={mode === 'all'} onChange={() => setMode('all')} />{' '}
              {t('data.import.mode.all')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name="mode"
                checked={mode === 'skip'}
                data-testid="import-mode-skip"
                onChange={() => setMode('skip')}
              />{' '}
              {t('data.import.mode.skip')}
            </label>
          </fieldset>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-run"
            disabled={busy !== null || (mode === 'all' && preview.errors > 0) || preview.creates === 0}
            onClick={() => void run()}
          >
            {t('data.import.run', { count: formatInt(preview.creates) })}
          </button>
          {mode === 'all' && preview.errors > 0 && <p className="muted">{t('data.import.fixFirst')}</p>}
        </div>
      )}

      {result && (
        <div className="card" data-testid="import-summary">
          <h2>{t('data.import.step.summary')}</h2>
          <p>
            {t('data.import.summary', {
              created: formatInt(result.created),
              existing: formatInt(result.existing),
              skipped: formatInt(result.skipped),
            })}
          </p>
          {result.problems.length > 0 && <RowsTable rows={result.problems} />}
          <div className="actions">
            <button type="button" className="btn" onClick={reset}>
              {t('data.import.again')}
            </button>
            <Link
              href={kind === 'customers' ? '/clientes' : kind === 'products' ? '/cadastros' : '/financeiro'}
              className="btn"
            >
              {t('data.import.open')}
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}

function RowsTable({ rows }: { rows: ImportPreviewOut['rows'] }) {
  if (!rows.length) return null;
  return (
    <div className="table-wrap">
      <table className="table import-rows" data-testid="import-rows">
        <thead>
          <tr>
            <th>{t('data.import.line')}</th>
            <th>{t('data.import.action')}</th>
            <th>{t('data.import.values')}</th>
            <th>{t('data.import.problems')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} className={r.action === 'error' ? 'row-error' : undefined}>
              <td>{r.line}</td>
              <td>{t(`data.import.action.${r.action}`)}</td>
              <td className="muted">{Object.values(r.values).filter(Boolean).slice(0, 4).join(' · ')}</td>
              <td>{r.problems.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
