import fs from 'node:fs';
import path from 'node:path';

/**
 * The main PC's copies of installers (main process, plain files):
 * - `<userData>/installers/`: every installer electron-updater downloaded, with its manifest
 *   (`<version>.yml`), so the previous version's installer is at hand if an update goes wrong;
 * - `<userData>/updates/`: what the core serves at `/updates/…` to client-mode PCs — the installer
 *   of the version the main PC runs now and its `latest.yml`, so clients follow the main PC.
 */

export interface UpdateFileLike {
  url: string;
  sha512: string;
  size?: number;
}

export interface DownloadedUpdate {
  version: string;
  files: UpdateFileLike[];
  path?: string;
  sha512?: string;
  releaseDate?: string;
  downloadedFile: string;
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** electron-builder's `latest.yml` for one installer, as electron-updater's generic provider reads it. */
export function manifestYaml(info: Omit<DownloadedUpdate, 'downloadedFile'>, installerName: string): string {
  const file = info.files.find((f) => path.basename(f.url) === installerName) ?? info.files[0];
  const sha512 = file?.sha512 ?? info.sha512 ?? '';
  const lines = [
    `version: ${info.version}`,
    'files:',
    `  - url: ${quote(installerName)}`,
    `    sha512: ${sha512}`,
    ...(file?.size !== undefined ? [`    size: ${file.size}`] : []),
    `path: ${quote(installerName)}`,
    `sha512: ${sha512}`,
    ...(info.releaseDate ? [`releaseDate: ${quote(info.releaseDate)}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function installerNameOf(info: DownloadedUpdate): string {
  const fromManifest = info.files[0]?.url ? path.basename(info.files[0].url) : null;
  return fromManifest && /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(fromManifest)
    ? fromManifest
    : `Balcao-Setup-${info.version}.exe`;
}

function copyAtomically(from: string, to: string): void {
  const temp = `${to}.partial`;
  fs.copyFileSync(from, temp);
  fs.renameSync(temp, to);
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.partial`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/** After a download: keep the installer and its manifest in `installers/` (older ones beyond `keep` are removed). */
export function keepInstaller(info: DownloadedUpdate, installersDir: string, keep = 3): string {
  fs.mkdirSync(installersDir, { recursive: true });
  const name = installerNameOf(info);
  const target = path.join(installersDir, name);
  copyAtomically(info.downloadedFile, target);
  writeAtomically(path.join(installersDir, `${info.version}.yml`), manifestYaml(info, name));
  const manifests = fs
    .readdirSync(installersDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ f, at: fs.statSync(path.join(installersDir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of manifests.slice(keep)) {
    const text = fs.readFileSync(path.join(installersDir, old.f), 'utf8');
    const match = /^path: '(.+)'$/m.exec(text);
    fs.rmSync(path.join(installersDir, old.f), { force: true });
    if (match?.[1]) fs.rmSync(path.join(installersDir, match[1].replace(/''/g, "'")), { force: true });
  }
  return target;
}

/** The installer kept for a version, or null. */
export function installerFor(version: string, installersDir: string): string | null {
  const manifest = path.join(installersDir, `${version}.yml`);
  if (!fs.existsSync(manifest)) return null;
  const match = /^path: '(.+)'$/m.exec(fs.readFileSync(manifest, 'utf8'));
  const file = match?.[1] ? path.join(installersDir, match[1].replace(/''/g, "'")) : null;
  return file && fs.existsSync(file) ? file : null;
}

/**
 * At the main PC's start: the mirror serves the installer of the version running here, so client
 * PCs update to exactly this version. Returns false when this version's installer is not kept
 * (first install from a downloaded setup): the mirror is left as it is.
 */
export function publishRunningVersion(version: string, installersDir: string, updatesDir: string): boolean {
  const installer = installerFor(version, installersDir);
  if (!installer) return false;
  fs.mkdirSync(updatesDir, { recursive: true });
  const name = path.basename(installer);
  const manifest = fs.readFileSync(path.join(installersDir, `${version}.yml`), 'utf8');
  const current = path.join(updatesDir, 'latest.yml');
  if (
    fs.existsSync(current) &&
    fs.readFileSync(current, 'utf8') === manifest &&
    fs.existsSync(path.join(updatesDir, name))
  )
    return true;
  copyAtomically(installer, path.join(updatesDir, name));
  writeAtomically(current, manifest);
  for (const f of fs.readdirSync(updatesDir))
    if (f !== name && f !== 'latest.yml') fs.rmSync(path.join(updatesDir, f), { force: true });
  return true;
}
