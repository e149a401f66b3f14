import './orders.css';
import { Redirect, Route } from 'wouter';
import { idOf } from '../../lib/route-id';
import type { Session } from '../../session';
// The pages load lazily, as one chunk (../lazy.ts); these routes stay in the entry chunk.
import {
  BoardPage,
  DeadlinesPage,
  FichaTemplatesPage,
  OrderFormPage,
  OrderPage,
  OrdersPage,
  ProductionSettingsPage,
  RegistriesPage,
} from '../lazy';
import { NotFoundPage } from '../NotFoundPage';

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
      <Route path="/configuracoes/fichas">
        {session.can('settings.write') ? <FichaTemplatesPage /> : <NotFoundPage />}
      </Route>
    </>
  );
}
