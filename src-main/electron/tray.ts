import { lanUsersText } from './update-policy';

/**
 * The main PC lives in the tray: closing the window hides it (the LAN server keeps serving the
 * other PCs and phones), explained once with a balloon; "Sair" is the only way out, and it warns
 * when people are using Balcão from other devices. Decisions only — main.ts draws the menu with
 * Electron's Tray and Menu.
 */

export type TrayItemId = 'open' | 'address' | 'backup' | 'autostart' | 'update' | 'quit';

export interface TrayItem {
  id: TrayItemId | 'separator';
  label: string;
  type?: 'normal' | 'checkbox' | 'separator';
  checked?: boolean;
  enabled?: boolean;
}

export interface TrayState {
  /** "main": this PC holds the data; "client": it shows the main PC's Balcão. */
  role: 'main' | 'client';
  /** The shop-network address others open (first LAN address), or null when only this computer. */
  address: string | null;
  autoStart: boolean;
  /** Version of a downloaded update waiting for a restart. */
  updateReady: string | null;
  backupRunning: boolean;
}

export function trayMenuModel(state: TrayState): TrayItem[] {
  const items: TrayItem[] = [{ id: 'open', label: 'Abrir Balcão' }];
  if (state.role === 'main') {
    items.push(
      state.address
        ? { id: 'address', label: `Endereço na rede: ${state.address} (QR code)` }
        : { id: 'address', label: 'Só este computador (rede da loja desligada)', enabled: false },
      {
        id: 'backup',
        label: state.backupRunning ? 'Fazendo backup…' : 'Fazer backup agora',
        enabled: !state.backupRunning,
      },
    );
  }
  items.push({ id: 'autostart', label: 'Iniciar com o Windows', type: 'checkbox', checked: state.autoStart });
  if (state.updateReady) items.push({ id: 'update', label: `Reiniciar para atualizar (${state.updateReady})` });
  items.push({ id: 'separator', label: '', type: 'separator' }, { id: 'quit', label: 'Sair' });
  return items;
}

export const TRAY_BALLOON = {
  title: 'O Balcão continua aberto',
  content:
    'Fechar a janela não desliga o Balcão: os outros computadores e celulares da loja continuam usando. Para sair de vez, use o ícone perto do relógio → Sair.',
};

export interface CloseEventLike {
  preventDefault(): void;
}

export interface CloseToTrayDeps {
  /** True once the user chose "Sair" (or the system is shutting down): windows really close then. */
  quitting: () => boolean;
  hide: () => void;
  /** Whether the balloon was already shown on this PC (remembered in the shell's config). */
  balloonShown: () => boolean;
  showBalloon: (balloon: typeof TRAY_BALLOON) => void;
  markBalloonShown: () => void;
}

/** The window's `close` handler: hide instead of closing, and explain it the first time. */
export function closeToTray(deps: CloseToTrayDeps): (event: CloseEventLike) => void {
  return (event) => {
    if (deps.quitting()) return;
    event.preventDefault();
    deps.hide();
    if (!deps.balloonShown()) {
      deps.showBalloon(TRAY_BALLOON);
      deps.markBalloonShown();
    }
  };
}

export interface QuitDeps {
  lanUsers: () => number;
  /** Asks "Sair mesmo assim?" with the warning; true to quit. */
  confirm: (question: { message: string; detail: string; buttons: [string, string] }) => Promise<boolean>;
  quit: () => void;
}

/** The question before quitting with people connected from other devices, or null when nobody is. */
export function quitWarning(lanUsers: number): { message: string; detail: string; buttons: [string, string] } | null {
  if (lanUsers <= 0) return null;
  return {
    message: `${lanUsersText(lanUsers)}.`,
    detail:
      'Se você sair, eles perdem o acesso até o Balcão ser aberto de novo neste computador. Para só esconder a janela, feche-a no X.',
    buttons: ['Sair mesmo assim', 'Cancelar'],
  };
}

/** Tray → "Sair": quits at once when nobody else is connected, otherwise only after the user confirms. */
export async function requestQuit(deps: QuitDeps): Promise<boolean> {
  const warning = quitWarning(deps.lanUsers());
  if (warning && !(await deps.confirm(warning))) return false;
  deps.quit();
  return true;
}
