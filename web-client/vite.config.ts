// Build of the Matala web client into target/webroot (packaged by Maven as
// classpath webroot/ and served by the chat server):
//   /              index.html        citizen page
//   /staff/        staff/index.html  staff sign-in and console
//   /widget.js     src/widget/widget.ts, a fixed name without a hash
//
// The widget is built in its own pass as a self-contained IIFE: it is loaded
// with a classic <script> on other sites, so it must not contain import
// statements or leave top-level names in the host page's global scope.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./target/webroot', import.meta.url));
// `npm run dev` forwards API calls to a locally running Matala server.
const devServer = process.env.MATALA_DEV_SERVER ?? 'https://127.0.0.1:8443';

// A root pinned into the scripts at build time is recorded by its SHA-256 so
// that the server refuses to start with an organisation CA that does not match
// (docs/operations.md). Without a pin the server writes its root into the pages.
function recordPinnedOrgRoot(): Plugin {
  const pinned = process.env.VITE_MATALA_ORG_ROOT?.trim();
  return {
    name: 'matala-org-root-pin',
    generateBundle() {
      if (!pinned || this.environment.name !== 'client') return;
      const sha256 = createHash('sha256').update(Buffer.from(pinned, 'base64')).digest('hex');
      this.emitFile({ type: 'asset', fileName: 'org-root.sha256', source: `${sha256}\n` });
    },
  };
}

export default defineConfig({
  root,
  plugins: [recordPinnedOrgRoot()],
  base: '/',
  appType: 'mpa',
  publicDir: 'public',
  server: {
    proxy: {
      '/api': { target: devServer, secure: false, changeOrigin: true },
      '/health': { target: devServer, secure: false, changeOrigin: true },
      '/ws': { target: devServer, secure: false, changeOrigin: true, ws: true },
    },
  },
  environments: {
    client: {
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        // No inline scripts or data: URLs for scripts: CSP is script-src 'self'.
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        rolldownOptions: {
          input: {
            main: fileURLToPath(new URL('./index.html', import.meta.url)),
            staff: fileURLToPath(new URL('./staff/index.html', import.meta.url)),
          },
        },
      },
    },
    widget: {
      consumer: 'client',
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2020',
        sourcemap: false,
        assetsInlineLimit: 0,
        modulePreload: false,
        rolldownOptions: {
          input: { widget: fileURLToPath(new URL('./src/widget/widget.ts', import.meta.url)) },
          output: {
            format: 'iife',
            entryFileNames: 'widget.js',
          },
        },
      },
    },
  },
  builder: {
    // The pages first (they empty outDir), then the widget into the same dir.
    async buildApp(builder) {
      await builder.build(builder.environments.client);
      await builder.build(builder.environments.widget);
    },
  },
});
