#!/usr/bin/env node
// Builds the web app: node build.mjs --out DIR
//   DIR/assets/<name>-<hash>.js|.css (+ .gz and .br beside each)
//   DIR/manifest.json {entry_js, entry_css, preload}
//   DIR/index.html (a plain shell, for convenience: the server writes its own)
// Fails when the first load (entry JS + its static chunks + CSS) is over the
// budget, gzipped.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = resolve(outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1] : join(here, 'dist'));
const dev = args.includes('--dev');
const BUDGET_TARGET = 60 * 1024;
const BUDGET_MAX = 100 * 1024;

// twitter-text's ES build imports core-js polyfills for ES5 browsers; every
// browser that runs ES modules has these built in.
const dropPolyfills = {
  name: 'drop-polyfills',
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (a) => ({ path: a.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

const assets = join(out, 'assets');
rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  minify: !dev,
  sourcemap: false,
  outdir: assets,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [dropPolyfills],
  define: { 'process.env.NODE_ENV': '"production"' },
});

const meta = result.metafile;
const url = (p) => '/' + relative(out, resolve(here, p)).split('\\').join('/');
let entryJs = null;
let entryCss = null;
let entryImports = [];
for (const [file, info] of Object.entries(meta.outputs)) {
  if (info.entryPoint === 'src/main.ts') {
    entryJs = file;
    entryCss = info.cssBundle ?? null;
    entryImports = info.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path);
  }
}
if (!entryJs) throw new Error('no entry output');

// Static imports of the entry, transitively: what the first screen needs.
const preload = [];
const seen = new Set();
const walk = (file) => {
  for (const i of meta.outputs[file]?.imports ?? []) {
    if (i.kind !== 'import-statement' || seen.has(i.path)) continue;
    seen.add(i.path);
    preload.push(i.path);
    walk(i.path);
  }
};
walk(entryJs);
void entryImports;
// The app itself is a dynamic import of the entry (so the entry can ask for
// the first data before the app's code is evaluated): preloaded too.
for (const [file, info] of Object.entries(meta.outputs)) {
  if (info.entryPoint === 'src/app.tsx' && !seen.has(file)) {
    seen.add(file);
    preload.push(file);
    walk(file);
  }
}

// Compress every asset.
const files = readdirSync(assets).filter((f) => /\.(js|css|svg|json|woff2?)$/.test(f));
const gz = new Map();
for (const f of files) {
  const p = join(assets, f);
  const data = readFileSync(p);
  const g = gzipSync(data, { level: 9 });
  writeFileSync(p + '.gz', g);
  writeFileSync(
    p + '.br',
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  );
  gz.set(f, g.length);
}

// Each language's strings are a chunk (src/i18n/index.ts): the server
// preloads the page's language only.
const catalogs = {};
for (const [file, info] of Object.entries(meta.outputs)) {
  for (const l of ['en', 'fr']) if (info.inputs?.[`src/i18n/${l}.json`]) catalogs[l] = url(file);
}
if (!catalogs.en || !catalogs.fr) throw new Error('no chunk for a catalog');

const manifest = {
  entry_js: url(entryJs),
  entry_css: entryCss ? url(entryCss) : null,
  preload: preload.map(url),
  catalogs,
};
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

const head = [
  '<!doctype html>',
  '<html lang="en">',
  '<head>',
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<meta name="color-scheme" content="light dark">',
  '<title>Piaf</title>',
  manifest.entry_css ? `<link rel="stylesheet" href="${manifest.entry_css}">` : '',
  ...manifest.preload.map((p) => `<link rel="modulepreload" href="${p}">`),
  `<script type="module" src="${manifest.entry_js}"></script>`,
  '</head>',
  '<body>',
  '<div id="app"></div>',
  '</body>',
  '</html>',
  '',
];
writeFileSync(join(out, 'index.html'), head.filter(Boolean).join('\n'));

// Budget: the first load's JS and CSS, gzipped, with the larger catalog.
const base = (p) => p.split('/').pop();
const catalogFile = [catalogs.en, catalogs.fr].map(base).sort((a, b) => (gz.get(b) ?? 0) - (gz.get(a) ?? 0))[0];
const first = [entryJs, ...preload, catalogFile, ...(entryCss ? [entryCss] : [])].map(base);
const firstGz = first.reduce((n, f) => n + (gz.get(f) ?? 0), 0);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const lines = files
  .filter((f) => !f.endsWith('.gz') && !f.endsWith('.br'))
  .map((f) => `  ${f.padEnd(40)} ${kb(statSync(join(assets, f)).size).padStart(9)}  gz ${kb(gz.get(f)).padStart(8)}${first.includes(f) ? '  (first load)' : ''}`);
console.log(`web: built into ${out}\n${lines.join('\n')}\n  first load, gzipped: ${kb(firstGz)} (target ${kb(BUDGET_TARGET)}, max ${kb(BUDGET_MAX)})`);
if (firstGz > BUDGET_MAX) {
  console.error(`web: the first load is ${kb(firstGz)} gzipped, over the ${kb(BUDGET_MAX)} budget`);
  process.exit(1);
}
if (firstGz > BUDGET_TARGET) console.warn(`web: warning: the first load is over the ${kb(BUDGET_TARGET)} target`);
