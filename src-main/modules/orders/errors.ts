import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';

/** The one "order not found", for orders and for the modules that look an order up (finance). */
export const orderNotFound = (id: number) => new AppError('NOT_FOUND', msg('orders.notFound', { id }));
