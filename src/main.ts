// The page's entry: mount the interface, open the last workspace, register the service worker.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';
import { pwa } from './state/pwa.svelte';
import { storage } from './state/storage.svelte';
import { workspaces } from './state/workspace.svelte';

// The worker starts opening the last book before the interface is mounted.
void workspaces.init();
mount(App, { target: document.getElementById('app')! });
void storage.refresh();
pwa.start();
