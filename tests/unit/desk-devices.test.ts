import { describe, expect, it } from 'vitest';
import { safeUpdateName, updateCacheControl, updateContentType } from '../../src-main/http/updates';
import { describeBrowser } from '../../src-main/modules/auth/device-procedures';
import { deviceCode, deviceCookie, deviceTokenFrom } from '../../src-main/modules/auth/devices';

describe('device approval helpers', () => {
  it('reads only a well-formed device cookie among others', () => {
    const token = 'a'.repeat(32);
    expect(deviceTokenFrom(`tema=escuro; balcao_device=${token}; outro=1`)).toBe(token);
    expect(deviceTokenFrom('balcao_device=curto')).toBeNull();
    expect(deviceTokenFrom(`balcao_device=${'a'.repeat(30)}"<script>`)).toBeNull();
    expect(deviceTokenFrom(undefined)).toBeNull();
    expect(deviceCookie(token)).toBe(`balcao_device=${token}; Path=/; Max-Age=315360000; HttpOnly; SameSite=Strict`);
  });

  it('makes short codes without look-alike characters', () => {
    for (let i = 0; i < 200; i++) expect(deviceCode()).toMatch(/^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/);
  });

  it('names the browser and system as an admin recognises them', () => {
    expect(
      describeBrowser('Mozilla/5.0 (Linux; Android 14; SM-A145M) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36'),
    ).toBe('Chrome no Android');
    expect(
      describeBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari no iPhone');
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0',
      ),
    ).toBe('Edge no Windows');
    expect(describeBrowser(null)).toBe('Navegador desconhecido');
  });
});

describe('update mirror names and headers', () => {
  it('accepts only plain file names', () => {
    expect(safeUpdateName('latest.yml')).toBe(true);
    expect(safeUpdateName('Balcao-Setup-0.2.0.exe.blockmap')).toBe(true);
    for (const bad of ['..', '../x', 'a/b', 'a\\b', '.hidden', '', 'C:', 'x..exe', 'nul\0.exe'])
      expect(safeUpdateName(bad), bad).toBe(false);
  });

  it('YAML is revalidated, installers cached for a day, both with their type', () => {
    expect(updateContentType('latest.yml')).toBe('text/yaml; charset=utf-8');
    expect(updateContentType('Balcao-Setup-0.2.0.exe')).toBe('application/octet-stream');
    expect(updateCacheControl('beta.yml')).toBe('no-cache');
    expect(updateCacheControl('Balcao-Setup-0.2.0.exe')).toBe('public, max-age=86400');
  });
});
