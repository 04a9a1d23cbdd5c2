import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { posySchemaPlugin } from './scripts/schema-introspection';

/** Where `vite dev` forwards /graphql (HTTP and the graphql-ws WebSocket): the server's default port. */
const apiTarget = 'http://127.0.0.1:4000';

/** Posy's rose: the manifest's theme colour and the fallback accent outside Telegram (see src/index.css). */
const themeColor = '#c0406a';

export default defineConfig({
  plugins: [
    solid(),
    // `virtual:posy-schema`: the server schema for the normalized cache (src/graphql/normalized-cache.ts).
    posySchemaPlugin(),
    // Brotli and gzip copies beside each text asset, made once at build time: the server (sirv) sends the
    // one the browser accepts, so no request pays for compressing.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|css|html|svg|webmanifest)$/,
      threshold: 1024,
      skipIfLargerOrEqual: true,
    }),
    VitePWA({
      strategies: 'generateSW',
      // A new version waits for the user's word (components/UpdatePrompt): never a reload over a form.
      registerType: 'prompt',
      // src/index.tsx registers the worker through `virtual:pwa-register`, so nothing is injected into index.html.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Posy',
        short_name: 'Posy',
        description: 'Orders, production and delivery for flower shops',
        lang: 'ru',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: themeColor,
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Client-side routes (/orders/…) open the cached shell; the server does the same history fallback.
        navigateFallback: 'index.html',
        // The API is never answered from the service worker: not as a navigation (GraphiQL in a tab)…
        navigateFallbackDenylist: [/^\/graphql/],
        // …and not as a fetch: always the network, never a cache.
        runtimeCaching: [
          { urlPattern: ({ url }) => url.pathname.startsWith('/graphql'), handler: 'NetworkOnly' },
        ],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    // A lazy page's JavaScript imports are not listed ahead for preloading: the lists cost the first screen
    // about 1 KB gzip for forty routes, and a page's chunks come in one round trip after its own. CSS is
    // still listed, so a page's styles arrive before it renders.
    modulePreload: { resolveDependencies: (_file, deps) => deps.filter((dep) => dep.endsWith('.css')) },
    target: 'es2022',
    // dist/.vite/manifest.json: the chunk graph scripts/bundle-budget.ts measures.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // What every screen runs (Solid, the router, urql): one chunk compresses better than the
              // handful the default split makes of it, and the first screen downloads it whole anyway.
              name: 'framework',
              test: /node_modules[\\/](solid-js|@solidjs|@solid-primitives|@urql[\\/](core|solid|exchange-auth)|wonka|@0no-co|gql\.tada)[\\/]/,
            },
            {
              // The app's own code every screen runs: the session, the client, the strings' machinery.
              name: 'app',
              test: /(webapp[\\/]src[\\/](auth[\\/]\w+|i18n[\\/](i18n|messages|format|sections)|graphql[\\/](client|auth-exchange|endpoint|errors|session-refresh|link-status|lazy-exchange|load-query|graphql)|components[\\/](ErrorMessage|LinkStatus|RequireSession|Spinner|App|LanguageSwitch)[\\/]\w+|pwa[\\/]service-worker|telegram[\\/](launch|launch-key)|route-paths|routes|init)\.tsx?$)|bot[\\/]src[\\/]i18n[\\/]locale\.ts$/,
            },
          ],
        },
      },
    },
  },
});
