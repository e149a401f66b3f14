import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { roleLabel, t } from '../i18n';
import { useSession } from '../session';
import { LanguageSelect } from './LanguageSelect';

/** The user's name and role as one button; behind it the API page, password, language and sign out. */
export function UserMenu({ onChangePassword }: { onChangePassword: () => void }) {
  const session = useSession();
  const { user } = session.me;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

  return (
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user">
          <span className="user-name" data-testid="user-name">
            {user.name}
          </span>
          <span className="user-role" data-testid="user-role">
            {roleLabel(user.role)}
          </span>
        </span>
      </button>
      {open && (
        <div className="user-menu-panel" id={menuId}>
          <Link href="/api" className="menu-item" data-testid="nav-api" onClick={() => setOpen(false)}>
            {t('nav.api')}
          </Link>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              onChangePassword();
            }}
            data-testid="change-password"
          >
            {t('shell.changePassword')}
          </button>
          <div className="menu-item menu-language">
            {t('shell.language')} <LanguageSelect />
          </div>
          <button
            type="button"
            className="menu-item menu-logout"
            onClick={() => void session.logout()}
            data-testid="logout"
          >
            {t('shell.logout')}
          </button>
        </div>
      )}
    </div>
  );
}
