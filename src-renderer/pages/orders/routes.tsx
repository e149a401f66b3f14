import './orders.css';
import { Redirect, Route } from 'wouter';
import type { Session } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { BoardPage } from './BoardPage';
import { DeadlinesPage } from './DeadlinesPage';
import { OrderFormPage } from './OrderFormPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { ProductionSettingsPage } from './ProductionSettingsPage';
import { RegistriesPage } from './RegistriesPage';

function idOf(raw: string | undefined): number {
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
}

/**
 * The orders, production and registries routes, as a fragment for App's <Switch> (which reads
 * fragments): `{orderRoutes(session)}`. More specific paths come first.
 */
export function orderRoutes(session: Session) {
  const canWrite = session.can('orders.write');
  return (
    <>
      <Route path="/pedidos">
        <OrdersPage />
      </Route>
      <Route path="/pedidos/novo">{canWrite ? <OrderFormPage key="new" /> : <NotFoundPage />}</Route>
      <Route path="/pedidos/novo/orcamento">
        {canWrite ? <OrderFormPage key="new-quote" kind="orcamento" /> : <NotFoundPage />}
      </Route>
      <Route path="/pedidos/novo/cliente/:customerId">
        {(params) =>
          canWrite ? (
            <OrderFormPage key={`new-for-${params.customerId}`} customerId={idOf(params.customerId)} />
          ) : (
            <NotFoundPage />
          )
        }
      </Route>
      <Route path="/pedidos/:id/editar">
        {(params) => (canWrite ? <OrderFormPage key={`edit-${params.id}`} id={idOf(params.id)} /> : <NotFoundPage />)}
      </Route>
      <Route path="/pedidos/:id">{(params) => <OrderPage key={params.id} id={idOf(params.id)} />}</Route>
      <Route path="/producao">
        <BoardPage />
      </Route>
      <Route path="/prazos">
        <DeadlinesPage />
      </Route>
      <Route path="/cadastros">
        <Redirect to="/cadastros/produtos" replace />
      </Route>
      <Route path="/cadastros/:slug">{(params) => <RegistriesPage key={params.slug} slug={params.slug} />}</Route>
      <Route path="/configuracoes/producao">
        {session.can('settings.write') ? <ProductionSettingsPage /> : <NotFoundPage />}
      </Route>
    </>
  );
}
