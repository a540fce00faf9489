// Build of the Custos app: Svelte, the module worker, the service worker (Workbox precache,
// prompt-to-update) and a strict Content-Security-Policy for the built page.

import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

/** The CSP of the built app: nothing inline, no connection to anything but the app's origin. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The headers the built app is served with (by `npm start`, and as the README says a host
 * should): the CSP again with what only a header can say — no page may frame the app.
 */
export const HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

// Only on build: the dev server injects inline styles for hot reload, which this CSP forbids.
const csp = (): Plugin => ({
  name: 'custos-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
});

// The install manifest, in English (the default) and in Chinese: the app points its manifest link
// at the one of the interface language, so an install carries the name the user reads.
const MANIFEST: Partial<ManifestOptions> = {
  name: 'Custos — customer risk',
  short_name: 'Custos',
  description: 'Customer-relationship risk management that never leaves your device.',
  lang: 'en',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#0f172a',
  theme_color: '#1e3a8a',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
export const MANIFEST_IN: Record<string, Partial<ManifestOptions>> = {
  'zh-CN': { name: 'Custos 客户风险管理', short_name: 'Custos', description: '客户关系风险管理：数据只保存在您自己的设备上。', lang: 'zh-CN' },
  'zh-TW': { name: 'Custos 客戶風險管理', short_name: 'Custos', description: '客戶關係風險管理：資料只保存在您自己的裝置上。', lang: 'zh-TW' },
};
const manifests = (): Plugin => ({
  name: 'custos-manifests',
  apply: 'build',
  generateBundle() {
    for (const [locale, words] of Object.entries(MANIFEST_IN)) {
      this.emitFile({ type: 'asset', fileName: `manifest-${locale}.webmanifest`, source: JSON.stringify({ ...MANIFEST, ...words }) });
    }
  },
});

export default defineConfig({
  plugins: [
    svelte(),
    csp(),
    manifests(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: MANIFEST,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  preview: { headers: HEADERS },
  build: { target: 'es2022', sourcemap: false },
});
