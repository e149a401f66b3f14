import { AppError } from '../../../src-shared/errors';

/** The one "order not found", for orders and for the modules that look an order up (finance). */
export const orderNotFound = (id: number) => new AppError('NOT_FOUND', `Pedido nº ${id} não encontrado.`);
