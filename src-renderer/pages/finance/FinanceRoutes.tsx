import { Route, Switch } from 'wouter';
import { idOf } from '../../lib/route-id';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { CreditSalePage } from './CreditSalePage';
import { CreditSettingsPage } from './CreditSettingsPage';
import { DelinquencyPage } from './DelinquencyPage';
import { InstallmentsPage } from './InstallmentsPage';
import { PaymentsPage } from './PaymentsPage';
import { PlanPage } from './PlanPage';
import { ReceivablesPage } from './ReceivablesPage';

/** Every `/financeiro/…` screen, each behind the permission of what it shows. */
export function FinanceRoutes() {
  const session = useSession();
  const credit = session.can('credit.read');
  return (
    <Switch>
      <Route path="/financeiro/pagamentos">{session.can('payments.read') ? <PaymentsPage /> : <NotFoundPage />}</Route>
      <Route path="/financeiro/parcelas">{credit ? <InstallmentsPage /> : <NotFoundPage />}</Route>
      <Route path="/financeiro/a-receber">{credit ? <ReceivablesPage /> : <NotFoundPage />}</Route>
      <Route path="/financeiro/inadimplencia">{credit ? <DelinquencyPage /> : <NotFoundPage />}</Route>
      <Route path="/financeiro/configuracoes">
        {session.can('settings.write') ? <CreditSettingsPage /> : <NotFoundPage />}
      </Route>
      <Route path="/financeiro/crediarios/:id">
        {(params) => (credit ? <PlanPage key={params.id} id={idOf(params.id)} /> : <NotFoundPage />)}
      </Route>
      <Route path="/financeiro/venda/:customerId">
        {(params) =>
          session.can('credit.write') ? (
            <CreditSalePage key={params.customerId} customerId={idOf(params.customerId)} />
          ) : (
            <NotFoundPage />
          )
        }
      </Route>
      <Route>
        <NotFoundPage />
      </Route>
    </Switch>
  );
}
