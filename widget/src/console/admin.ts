/**
 * The operations console's entry (its own Vite build, vite.console.config.ts, served at /admin/admin.js):
 * nothing of it reaches the widget's bundle.
 */
import './components/admin-console/admin-console.js';
