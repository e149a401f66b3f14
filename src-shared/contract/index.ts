import type { z } from 'zod';
import { audit, auth } from './auth';
import { customers } from './customers';
import { finance } from './finance';
import { notifications } from './notifications';
import { orders } from './orders';
import type { Procedure } from './procedure';
import { registries } from './registries';
import { settings } from './settings';
import { users } from './users';

/** Every procedure of the app, by name. The dispatcher, the LAN routes, OpenAPI and the renderer's client all read this. */
export const contract = {
  ...auth,
  ...audit,
  ...users,
  ...customers,
  ...registries,
  ...settings,
  ...orders,
  ...notifications,
  ...finance,
};

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends ProcedureName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Contract[N]['output']>;

export const procedureNames = Object.keys(contract) as ProcedureName[];

export function getProcedure(name: string): Procedure | undefined {
  return Object.hasOwn(contract, name) ? (contract[name as ProcedureName] as unknown as Procedure) : undefined;
}

export * from './procedure';
