// Entry: asks for the home timeline at once (while the app's code is still
// loading and evaluating), then loads the app.
import './styles/app.css';
import { prefetchHome } from './api/client';
import { lang, loadCatalog } from './i18n';

const path = location.pathname.replace(/\/+$/, '') || '/';
if (path === '/') prefetchHome();
// The app (preloaded) runs once its language's strings are here.
void loadCatalog(lang.value).then(() => import('./app'));
