import { z } from 'zod';
import { Role, User } from './auth';
import { Id, Line, ListOf, PageInput, Password, Text, Username, Version } from './common';
import { procedure } from './procedure';

export const users = {
  'users.list': procedure({
    http: 'GET /api/users',
    permission: 'users.manage',
    summary: 'Lista os usuários.',
    input: z.strictObject({ ...PageInput, search: Line(100).optional() }),
    output: ListOf(User),
  }),
  'users.create': procedure({
    http: 'POST /api/users',
    permission: 'users.manage',
    summary: 'Cria um usuário.',
    status: 201,
    emits: 'user.created',
    input: z.strictObject({ name: Text(120), username: Username, role: Role, password: Password }),
    output: User,
  }),
  'users.update': procedure({
    http: 'PATCH /api/users/:id',
    permission: 'users.manage',
    summary: 'Altera nome, perfil, situação ou redefine a senha; desativar ou trocar a senha encerra as sessões.',
    emits: 'user.updated',
    input: z.strictObject({
      id: Id,
      version: Version,
      name: Text(120).optional(),
      role: Role.optional(),
      active: z.boolean().optional(),
      password: Password.optional(),
    }),
    output: User,
  }),
};
