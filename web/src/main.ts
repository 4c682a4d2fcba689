// Entry: asks for the home timeline at once (while the app's code is still
// loading and evaluating), then loads the app.
import './styles/app.css';
import { prefetchHome } from './api/client';

const path = location.pathname.replace(/\/+$/, '') || '/';
if (path === '/') prefetchHome();
void import('./app');
