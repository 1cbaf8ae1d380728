import { defineConfig, type Plugin, type UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';

const root = import.meta.dirname;
const nodeExternals = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * `npm run dev`: the real API (a real SQLite file in .data/dev, demo data) mounted inside Vite's dev
 * server, so the screens hot-reload against the same operations the host serves. The mount is the
 * LAN server's own Fastify app (electron/lan/dev.ts): Vite's middleware hands /api/* requests to
 * Fastify's request handler and /api/* WebSocket upgrades to its upgrade listener.
 */
function devApi(): Plugin {
  return {
    name: 'houniao-dev-api',
    apply: 'serve',
    async configureServer(server) {
      const { startHost } = await server.ssrLoadModule(resolve(root, 'electron/host.ts'));
      const { mountDevApi } = await server.ssrLoadModule(resolve(root, 'electron/lan/dev.ts'));
      const host = startHost({ dataDir: resolve(root, '.data/dev'), demo: true, backupEveryHours: 0 });
      const listenHost = typeof server.config.server.host === 'string' ? server.config.server.host : '127.0.0.1';
      const dev = await mountDevApi(host.api, server.httpServer, listenHost);
      server.middlewares.use(dev.middleware);
      server.httpServer?.on('close', () => {
        void dev.close().finally(() => host.close());
      });
    },
  };
}

const renderer: UserConfig = {
  root: resolve(root, 'renderer'),
  base: '/',
  plugins: [vue(), devApi()],
  build: { outDir: resolve(root, 'dist/renderer'), emptyOutDir: true, target: 'chrome120' },
  server: { host: '127.0.0.1', port: 5173 },
};

/** Main process and the serve CLI: Node ESM, dependencies left to node_modules. */
const electronMain: UserConfig = {
  build: {
    ssr: true,
    outDir: resolve(root, 'dist/electron'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { main: resolve(root, 'electron/main.ts'), serve: resolve(root, 'electron/serve.ts'), hub: resolve(root, 'electron/hub.ts') },
      external: nodeExternals,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

/** The preload runs sandboxed: one CommonJS file that may require nothing but 'electron'. */
const electronPreload: UserConfig = {
  build: {
    ssr: true,
    ssrEmitAssets: false,
    outDir: resolve(root, 'dist/electron'),
    emptyOutDir: false,
    target: 'chrome120',
    rollupOptions: {
      input: { preload: resolve(root, 'electron/preload.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true },
};

export default defineConfig(({ mode }) => (mode === 'electron' ? electronMain : mode === 'preload' ? electronPreload : renderer));
