import { z } from 'zod';
import { LOCALES } from '../i18n';
import { ROLES } from '../permissions';
import { Empty, Id, Instant, Line, ListOf, Ok, PageInput, Password, QueryInt, Text, Username } from './common';
import { procedure } from './procedure';
import { SetupCompanyInput } from './settings';

export const Role = z.enum(ROLES);

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  role: Role,
  /** The language the server answers this user in when the request names none (null: not chosen, pt-BR). */
  locale: z.enum(LOCALES).nullable(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});

export const Session = z.object({ token: z.string(), expiresAt: Instant, user: User });

export const auth = {
  'system.health': procedure({
    http: 'GET /api/health',
    permission: 'public',
    summary: 'Saúde do servidor: versão, banco, disco (cheio? espaço livre) e tempo no ar.',
    input: Empty,
    output: z.object({
      status: z.enum(['ok', 'degraded']),
      version: z.string(),
      db: z.enum(['ok', 'error']),
      uptimeS: z.number().int(),
      /** `full`: writes are being refused for lack of disk space (reads still work). */
      disk: z.enum(['ok', 'full']),
      /** Free bytes on the data folder's disk (null when unknown). */
      freeBytes: z.number().int().nullable(),
    }),
  }),
  'setup.status': procedure({
    http: 'GET /api/setup',
    permission: 'public',
    summary: 'Diz se o primeiro acesso (criação do administrador) ainda precisa ser feito.',
    input: Empty,
    output: z.object({ needed: z.boolean(), companyName: z.string().nullable() }),
  }),
  'setup.run': procedure({
    http: 'POST /api/setup',
    permission: 'public',
    summary: 'Primeiro acesso: cria a empresa e o administrador; só funciona enquanto não há usuários.',
    status: 201,
    input: z.strictObject({
      companyName: Text(120),
      /** The company's essentials (razão social, CNPJ/CPF, phones, city); the settings page edits the rest. */
      company: SetupCompanyInput.optional(),
      admin: z.strictObject({ name: Text(120), username: Username, password: Password }),
    }),
    output: Session,
  }),
  'auth.login': procedure({
    http: 'POST /api/auth/login',
    permission: 'public',
    summary: 'Entra com usuário e senha e recebe um token de sessão.',
    input: z.strictObject({
      username: z.string().trim().toLowerCase().min(1).max(40),
      password: z.string().min(1).max(200),
    }),
    output: Session,
  }),
  'auth.logout': procedure({
    http: 'POST /api/auth/logout',
    permission: 'authenticated',
    summary: 'Encerra a sessão deste token.',
    input: Empty,
    output: Ok,
  }),
  'auth.me': procedure({
    http: 'GET /api/auth/me',
    permission: 'authenticated',
    summary: 'O usuário desta sessão, a empresa e as permissões.',
    input: Empty,
    output: z.object({ user: User, companyName: z.string().nullable(), permissions: z.array(z.string()) }),
  }),
  'auth.changePassword': procedure({
    http: 'POST /api/auth/password',
    permission: 'authenticated',
    summary: 'Troca a própria senha; as outras sessões do usuário são encerradas.',
    input: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
    output: Ok,
  }),
  'auth.setLocale': procedure({
    http: 'PUT /api/auth/locale',
    permission: 'authenticated',
    summary:
      'Escolhe o idioma das mensagens do servidor para o próprio usuário (pt-BR ou en; null volta ao padrão). `Accept-Language` ainda vale por requisição.',
    input: z.strictObject({ locale: z.enum(LOCALES).nullable() }),
    output: User,
  }),
  'files.link': procedure({
    http: 'GET /api/files/link',
    permission: 'authenticated',
    summary:
      'Link assinado e temporário (pelo menos 10 min) para abrir um PDF, CSV ou imagem sem o token na URL; `path` pode levar filtros (?…).',
    input: z.strictObject({ path: Line(2000, 1) }),
    output: z.object({ url: z.string(), expiresAt: Instant }),
  }),
};

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Instant,
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const audit = {
  'audit.list': procedure({
    http: 'GET /api/audit',
    permission: 'audit.read',
    summary: 'Histórico de alterações (quem, o quê, antes e depois).',
    input: z.strictObject({
      ...PageInput,
      entity: Line(40).optional(),
      entityId: Id.optional(),
    }),
    output: ListOf(AuditEntry),
  }),
};

/** One error line of the core's log (`<data>/logs/`), as admins read it. */
export const LogError = z.object({
  time: Instant,
  level: z.enum(['error', 'fatal']),
  /** What it is about: `call` (a procedure), `job`, `http` (outside a procedure), `core`… */
  evt: z.string().nullable(),
  msg: z.string(),
  requestId: z.string().nullable(),
  userId: z.number().int().nullable(),
  procedure: z.string().nullable(),
  job: z.string().nullable(),
  /** The error code the caller got, for a call. */
  code: z.string().nullable(),
  error: z.object({ type: z.string().nullable(), message: z.string(), stack: z.string().nullable() }).nullable(),
});

/** The last run of a scheduled job (`job_runs`). */
export const JobRunSummary = z.object({
  job: z.string(),
  startedAt: Instant,
  finishedAt: Instant,
  outcome: z.enum(['ok', 'error']),
  error: z.string().nullable(),
  items: z.number().int().nullable(),
});

export const systemLogs = {
  'system.recentErrors': procedure({
    http: 'GET /api/system/errors',
    permission: 'system.logs',
    summary:
      'Erros recentes do registro (logs em <dados>/logs), do mais novo ao mais antigo, e a última execução de cada tarefa agendada.',
    input: z.strictObject({ limit: QueryInt(1, 200).default(50) }),
    output: z.object({ items: z.array(LogError), jobs: z.array(JobRunSummary) }),
  }),
};

// --- desk: devices on the shop network (issue 13) ---

export const Device = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** A short description of the browser and system from the user agent ("Chrome no Android"). */
  browser: z.string(),
  status: z.enum(['pending', 'approved', 'revoked']),
  createdAt: Instant,
  decidedAt: Instant.nullable(),
  lastUsedAt: Instant,
});

export const devices = {
  'devices.self': procedure({
    http: 'GET /api/devices/self',
    permission: 'public',
    summary:
      'Este aparelho precisa de aprovação? `local` (este computador), `open` (aprovação desligada), ou o estado e o código curto do aparelho na rede da loja.',
    input: Empty,
    output: z.object({
      status: z.enum(['local', 'open', 'pending', 'approved', 'revoked']),
      code: z.string().nullable(),
    }),
  }),
  'devices.list': procedure({
    http: 'GET /api/devices',
    permission: 'devices.manage',
    summary: 'Aparelhos da rede da loja: aguardando aprovação, aprovados (com último uso) e revogados.',
    input: Empty,
    output: z.object({ items: z.array(Device) }),
  }),
  'devices.approve': procedure({
    http: 'POST /api/devices/:id/approve',
    permission: 'devices.manage',
    summary: 'Aprova um aparelho (confira o código que ele mostra); dá um nome para reconhecê-lo depois.',
    input: z.strictObject({ id: Id, name: Text(60).optional() }),
    output: Device,
  }),
  'devices.revoke': procedure({
    http: 'POST /api/devices/:id/revoke',
    permission: 'devices.manage',
    summary: 'Revoga um aparelho: as sessões abertas nele terminam na hora e ele volta a precisar de aprovação.',
    input: z.strictObject({ id: Id }),
    output: Device,
  }),
};
