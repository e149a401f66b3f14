import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { App } from './App';
import { getClient } from './api/client';
import { createQueryClient } from './api/hooks';
import { initLocale } from './i18n';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

document.documentElement.lang = initLocale(localStorageOrNull());

const queryClient = createQueryClient();
// Another user (or none) from now on: nothing cached for the previous session may show.
getClient().tokens.subscribe(() => queryClient.clear());

const root = document.getElementById('root');
if (!root) throw new Error('#root não encontrado');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Router hook={useHashLocation}>
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
