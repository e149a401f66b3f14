/** Settings → "Erros recentes": the page of the core's recent errors and job runs (admins). */
export const RECENT_ERRORS_PATH = '/configuracoes/erros';
