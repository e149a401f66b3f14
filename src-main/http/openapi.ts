import { z } from 'zod';
import { contract, fileMimeOf, type Procedure, pathParams } from '../../src-shared/contract';
import { fieldRules, rowScopes } from '../../src-shared/contract/visibility';
import { ERROR_STATUS } from '../../src-shared/errors';
import { LINK_PARAMS } from '../modules/auth/file-links';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // Field-level permissions: an output field only some roles receive, an input field only some may set.
    override: (ctx) => {
      const rule = fieldRules.get(ctx.zodSchema);
      if (rule) ctx.jsonSchema['x-permission'] = rule.permission;
      // A value rule restricts only these values of the field (e.g. sorting by money).
      if (rule?.values) ctx.jsonSchema['x-permission-values'] = rule.values;
      // Row-level: the row's restricted fields depend on whose it is (see ROW_SCOPES).
      const scoped = rowScopes.get(ctx.zodSchema);
      if (scoped) ctx.jsonSchema['x-row-scope'] = scoped.scope;
    },
  }) as JsonSchema;
  return rest;
};

const ErrorResponse: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        key: { type: 'string', description: 'Chave da mensagem no catálogo (ex.: plans.blocked).' },
        message: {
          type: 'string',
          description:
            'Mensagem para mostrar ao usuário, no idioma pedido (Accept-Language: pt-BR ou en), senão no do usuário, senão pt-BR.',
        },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
        retryAfterS: { type: 'integer' },
      },
    },
  },
};

function operation(name: string, proc: Procedure): JsonSchema {
  const input = toSchema(proc.input, 'input');
  const props = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const inPath = new Set(pathParams(proc.path));
  const parameters: JsonSchema[] = [];
  const bodyProps: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(props)) {
    if (inPath.has(key)) parameters.push({ name: key, in: 'path', required: true, schema });
    else if (proc.method === 'GET' || proc.method === 'DELETE')
      parameters.push({ name: key, in: 'query', required: required.has(key), schema });
    else bodyProps[key] = schema;
  }
  const file = fileMimeOf(proc);
  // A file (PDF, CSV, image) may also be opened through a signed link, for links and <img>.
  if (file)
    parameters.push(
      ...LINK_PARAMS.map((param) => ({
        name: param,
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description: 'Link assinado e temporário de GET /api/files/link (para links e <img>, sem token na URL).',
      })),
    );
  const op: JsonSchema = {
    operationId: name,
    summary: proc.summary,
    'x-permission': proc.permission,
    parameters,
    responses: {
      [String(proc.status ?? 200)]: file
        ? { description: 'Arquivo', content: { [file]: { schema: { type: 'string', format: 'binary' } } } }
        : { description: 'Sucesso', content: { 'application/json': { schema: toSchema(proc.output, 'output') } } },
      default: { description: 'Erro', content: { 'application/json': { schema: ErrorResponse } } },
    },
  };
  if (proc.permission !== 'public') op.security = [{ bearer: [] }];
  if (proc.method !== 'GET' && proc.method !== 'DELETE') {
    const bodyRequired = [...required].filter((k) => !inPath.has(k));
    op.requestBody = {
      required: bodyRequired.length > 0,
      content: {
        'application/json': {
          schema: { type: 'object', properties: bodyProps, required: bodyRequired, additionalProperties: false },
        },
      },
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of every HTTP route: the contract's procedures, files included. */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, p] of Object.entries(contract)) {
    const proc = p as unknown as Procedure;
    const path = proc.path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
    paths[path] ??= {};
    paths[path][proc.method.toLowerCase()] = operation(name, proc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Balcão — API da rede local',
      version,
      description:
        'Todas as operações do Balcão. Autentique com POST /api/auth/login e envie o token em Authorization: Bearer. ' +
        'Erros vêm como {"error": {"code", "key", "message", "fields"}}, no idioma de Accept-Language. Eventos em tempo real: WebSocket /ws?token=….',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
