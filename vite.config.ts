import { defineConfig, type Plugin, type UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';
import { builtinModules } from 'node:module';

const root = import.meta.dirname;
const nodeExternals = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * `npm run dev`: the real API (a real SQLite file in .data/dev, demo data) mounted inside Vite's dev
 * server, so the screens hot-reload against the same operations the host serves.
 */
function devApi(): Plugin {
  return {
    name: 'houniao-dev-api',
    apply: 'serve',
    async configureServer(server) {
      const { startHost } = await server.ssrLoadModule(resolve(root, 'electron/host.ts'));
      const { handleApiRequest, attachEventSocket } = await server.ssrLoadModule(resolve(root, 'electron/lan/server.ts'));
      const host = startHost({ dataDir: resolve(root, '.data/dev'), demo: true, backupEveryHours: 0 });
      if (server.httpServer) attachEventSocket(server.httpServer, host.api);
      server.middlewares.use((req, res, next) => {
        handleApiRequest(host.api, req, res).then((handled: boolean) => handled || next(), next);
      });
      server.httpServer?.on('close', () => host.close());
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
