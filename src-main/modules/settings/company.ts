import { SaxesParser } from 'saxes';
import sharp from 'sharp';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { getSetting, setSetting } from './service';

export type CompanyProfile = OutputOf<'settings.company.get'>;
type StoredProfile = Omit<CompanyProfile, 'logo'>;

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** The PNG every document prints: enough for a header at 300 dpi, small enough to embed in each PDF. */
const LOGO_PNG_PX = 600;

export const DEFAULT_PROFILE: StoredProfile = {
  name: 'Balcão',
  legalName: null,
  document: null,
  stateRegistration: null,
  cep: null,
  street: null,
  number: null,
  complement: null,
  district: null,
  city: null,
  state: null,
  phone: null,
  whatsapp: null,
  email: null,
  website: null,
  pixKey: null,
  pixCity: null,
  promissoryPlace: null,
  quoteValidityDays: 15,
  paymentTerms: null,
  deliveryTerms: null,
};

/** The profile's fields without the logo (one settings read): for hot paths such as the crediário rules. */
export async function storedProfile(db: Db): Promise<StoredProfile> {
  const saved = (await getSetting<Partial<StoredProfile>>(db, 'company')) ?? {};
  const out: StoredProfile = { ...DEFAULT_PROFILE };
  for (const key of Object.keys(DEFAULT_PROFILE) as Array<keyof StoredProfile>) {
    const v = saved[key];
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/**
 * The company profile (Dados da empresa) — the one place other modules read the shop's name,
 * document, address, contacts, Pix key and terms from.
 */
export async function getCompanyProfile(db: Db): Promise<CompanyProfile> {
  const profile = await storedProfile(db);
  const logo = await db
    .selectFrom('company_logo')
    .select(['mime', 'width', 'height', 'updated_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    ...profile,
    logo: logo ? { mime: logo.mime, width: logo.width, height: logo.height, updatedAt: logo.updated_at } : null,
  };
}

/** The logo as the PNG the documents print, or null. */
export async function getCompanyLogoPng(db: Db): Promise<Buffer | null> {
  const row = await db.selectFrom('company_logo').select('png').where('id', '=', 1).executeTakeFirst();
  return row ? Buffer.from(row.png) : null;
}

/** What a document needs for its header: the profile and the logo's PNG. */
export interface DocumentCompany {
  profile: CompanyProfile;
  logo: Buffer | null;
}

export async function companyForDocuments(db: Db): Promise<DocumentCompany> {
  return { profile: await getCompanyProfile(db), logo: await getCompanyLogoPng(db) };
}

/** Applies a partial change (undefined keeps, null clears) and returns the profile before and after. */
export async function updateCompanyProfile(
  db: Db,
  clock: Clock,
  change: Partial<ParsedInputOf<'settings.company.update'>>,
): Promise<{ before: StoredProfile; after: StoredProfile }> {
  const before = await storedProfile(db);
  const after: StoredProfile = { ...before };
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined && key in DEFAULT_PROFILE) (after as Record<string, unknown>)[key] = value;
  }
  await setSetting(db, clock, 'company', after);
  return { before, after };
}

// --- logo ---

export type LogoMime = 'image/png' | 'image/jpeg' | 'image/svg+xml';

const logoError = (key: 'company.logoFormat' | 'company.logoUnsafeSvg' | 'company.logoCorrupt' | 'company.logoEmpty') =>
  new AppError('VALIDATION', msg(key), { fields: { dataUrl: msg(key) } });

/** PNG and JPEG by their magic bytes; SVG by its text starting like an XML document with an `<svg>` root. */
export function sniffLogo(bytes: Buffer): LogoMime | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  return null;
}

/** An attribute value pointing outside the file: anything but a `#fragment` or an embedded raster image. */
const external = (value: string) => {
  const v = value.trim();
  return v !== '' && !v.startsWith('#') && !/^data:image\/(png|jpe?g|gif|webp);base64,/i.test(v);
};

/**
 * Parses an SVG as XML and refuses what could run or reach out when rendered: a DOCTYPE (entities),
 * `<script>`, `<foreignObject>`, event attributes (`onload=`…), and links or `url(…)`/`@import`
 * to anything but the file itself or an embedded image. Throws a pt-BR validation error.
 */
export function assertSafeSvg(text: string): void {
  // Entities (and with them outside files) come only through a DOCTYPE: none is taken.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw logoError('company.logoUnsafeSvg');
  const parser = new SaxesParser({ xmlns: false });
  let problem = false;
  let root: string | null = null;
  parser.on('doctype', () => {
    problem = true;
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase().replace(/^.*:/, '');
    root ??= name;
    if (name === 'script' || name === 'foreignobject' || name === 'iframe') problem = true;
    for (const [attr, raw] of Object.entries(tag.attributes)) {
      const value = String(raw);
      const a = attr.toLowerCase();
      if (a.startsWith('on')) problem = true;
      if ((a === 'href' || a.endsWith(':href') || a === 'src') && external(value)) problem = true;
      if (/url\(\s*['"]?(?!#)/i.test(value) || /@import/i.test(value)) problem = true;
    }
  });
  parser.on('text', (t) => {
    if (/@import|url\(\s*['"]?(?!#|data:image\/)/i.test(t)) problem = true;
  });
  try {
    parser.write(text).close();
  } catch {
    throw logoError('company.logoCorrupt');
  }
  if (root !== 'svg') throw logoError('company.logoFormat');
  if (problem) throw logoError('company.logoUnsafeSvg');
}

export interface CheckedLogo {
  mime: LogoMime;
  original: Buffer;
  png: Buffer;
  width: number;
  height: number;
}

/** Checks a logo by its content and renders the PNG the documents print (slow: run before the transaction). */
export async function checkLogo(bytes: Buffer): Promise<CheckedLogo> {
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('TOO_LARGE', msg('company.logoTooLarge'));
  if (bytes.length === 0) throw logoError('company.logoEmpty');
  const mime = sniffLogo(bytes);
  if (!mime) throw logoError('company.logoFormat');
  if (mime === 'image/svg+xml') assertSafeSvg(bytes.toString('utf8'));
  try {
    const image = sharp(bytes, { limitInputPixels: 50_000_000, density: mime === 'image/svg+xml' ? 300 : undefined });
    const png = await image
      .rotate()
      .resize({ width: LOGO_PNG_PX, height: LOGO_PNG_PX, fit: 'inside', withoutEnlargement: mime !== 'image/svg+xml' })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { mime, original: bytes, png: png.data, width: png.info.width, height: png.info.height };
  } catch {
    throw logoError('company.logoCorrupt');
  }
}

export async function saveLogo(db: Db, clock: Clock, logo: CheckedLogo): Promise<void> {
  const values = {
    mime: logo.mime,
    original: logo.original,
    png: logo.png,
    width: logo.width,
    height: logo.height,
    updated_at: clock.nowIso(),
  };
  await db
    .insertInto('company_logo')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function removeLogo(db: Db): Promise<void> {
  await db.deleteFrom('company_logo').where('id', '=', 1).execute();
}
