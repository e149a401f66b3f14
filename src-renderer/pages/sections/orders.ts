// Orders, production board, deadlines, registries and production settings: one chunk (src-renderer/pages/lazy.ts).
export { BoardPage } from '../orders/BoardPage';
export { DeadlinesPage } from '../orders/DeadlinesPage';
export { FichaTemplatesPage } from '../orders/FichaTemplatesPage';
export { OrderFormPage } from '../orders/OrderFormPage';
export { OrderPage } from '../orders/OrderPage';
export { OrdersPage } from '../orders/OrdersPage';
export { ProductionSettingsPage } from '../orders/ProductionSettingsPage';
export { RegistriesPage } from '../orders/RegistriesPage';
