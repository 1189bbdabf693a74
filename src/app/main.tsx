import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { AppProvider } from './state/AppProvider';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

// The public map of aid (/public/, no sign-in): its own chunk, with no session, vault or sync.
const PublicSite = lazy(() => import('./public/PublicSite').then((m) => ({ default: m.PublicSite })));
const isPublic = window.location.pathname === '/public' || window.location.pathname.startsWith('/public/');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      {isPublic ? (
        <Suspense fallback={null}>
          <PublicSite />
        </Suspense>
      ) : (
        <AppProvider>
          <App />
        </AppProvider>
      )}
    </I18nProvider>
  </StrictMode>,
);
