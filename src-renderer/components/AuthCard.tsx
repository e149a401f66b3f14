import type { ReactNode } from 'react';
import { LanguageSelect } from './LanguageSelect';

/** The centred card of the setup and login screens. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="logo" aria-hidden="true">
            B
          </span>
          <span>Balcão</span>
          <LanguageSelect />
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </div>
    </div>
  );
}
