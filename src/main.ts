// The page's entry: mount the interface, open the last workspace, register the service worker.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';
import { pwa } from './state/pwa.svelte';
import { storage } from './state/storage.svelte';
import { workspaces } from './state/workspace.svelte';
import { t18 } from './state/i18n.svelte';
import { warmFormatters } from './i18n';

// The worker starts opening the last book before the interface is mounted.
void workspaces.init();
mount(App, { target: document.getElementById('app')! });

// Intl formatters made while idle (see warmFormatters); the bench waits for the mark.
const idle = (work: () => void) => ('requestIdleCallback' in globalThis ? requestIdleCallback(() => work(), { timeout: 2000 }) : setTimeout(work, 50));
warmFormatters(t18.locale, ['CNY', 'TWD', 'HKD', 'USD', 'EUR'], idle, () => performance.mark('custos:warm'));
void storage.refresh();
pwa.start();
