/** The preview host's entry: Grafana's start-up work, then the app. */
import { createRoot } from 'react-dom/client';

import { interceptLinkClicks } from './boot/links';
import { bootGrafanaServices } from './boot/services';
import { App } from './pages/app';

bootGrafanaServices().then(() => {
  interceptLinkClicks();
  createRoot(document.getElementById('root')!).render(<App />);
});
