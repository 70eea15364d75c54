// custom-elements.json for the npm build, and the JSX typings generated from it.
// The CEM analyzer reads the sources; this step then makes the manifest describe what ships:
// module paths → dist/**/*.js, events typed from each element's GlobalEventHandlersEventMap,
// attribute types from their fields, every `--ck-*` custom property an element reads listed with
// its default, the shared `theme` attribute, and no stray definitions. validateManifest() is the
// check the tests run on the result.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const r = (...p) => join(root, ...p);
const read = (p) => readFileSync(r(p), 'utf8');

const toDist = (path) => `dist/${path.replace(/^\//, '').replace(/\.ts$/, '')}.js`;

/** Public shared tokens (tokens.styles.ts) with what they colour. */
const TOKEN_DOCS = {
  '--ck-font-family': 'Font stack.',
  '--ck-color-fg': 'Text colour.',
  '--ck-color-fg-muted': 'Secondary text colour.',
  '--ck-color-bg': 'Background of the element (opaque).',
  '--ck-color-surface': 'Background of panels and details.',
  '--ck-color-border': 'Borders and dividers.',
  '--ck-color-accent': 'Accent: primary buttons, links, selection.',
  '--ck-color-accent-fg': 'Text on the accent colour.',
  '--ck-color-danger': 'Refusals and errors (text and icon).',
  '--ck-color-danger-bg': 'Background of refusals and errors.',
  '--ck-color-success': 'Valid verdicts (text and icon).',
  '--ck-color-success-bg': 'Background of valid verdicts.',
  '--ck-color-warning': 'Warnings (text and icon).',
  '--ck-color-warning-bg': 'Background of warnings.',
  '--ck-focus-ring-color': 'Focus ring.',
  '--ck-radius': 'Corner radius.',
  '--ck-target-size': 'Minimum touch target size.',
};

const THEME_ATTRIBUTE = {
  name: 'theme',
  type: { text: "'light' | 'dark' | 'auto'" },
  description:
    'Colour scheme of the element: `light`, `dark`, or `auto` (follows the OS). Without it the element inherits the page\'s `color-scheme` (light when the page sets none).',
};

/** `var(--ck-x, default)` occurrences in a CSS source → name → default text (balanced parentheses). */
function cssVars(source) {
  const found = new Map();
  for (const m of source.matchAll(/var\((--ck-[a-z0-9-]+)\s*(,)?/g)) {
    let fallback;
    if (m[2]) {
      let depth = 1;
      let i = m.index + m[0].length;
      const start = i;
      for (; i < source.length && depth > 0; i++) {
        if (source[i] === '(') depth++;
        else if (source[i] === ')') depth--;
      }
      fallback = source.slice(start, i - 1).trim();
    }
    if (!found.has(m[1]) || (found.get(m[1]) === undefined && fallback !== undefined)) found.set(m[1], fallback);
  }
  return found;
}

/** The files whose CSS an element's shadow root uses: its folder's *.styles.ts, the shared tokens and the shared styles they import. */
function elementCss(folder) {
  const dir = r('src/elements', folder);
  const own = readdirSync(dir).filter((f) => f.endsWith('.styles.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const shared = new Set(['tokens']);
  for (const source of own) for (const m of source.matchAll(/from '\.\.\/shared\/([\w-]+)\.styles'/g)) shared.add(m[1]);
  return [...[...shared].map((name) => read(`src/elements/shared/${name}.styles.ts`)), ...own].join('\n');
}

/**
 * The component's source followed by the sibling modules it imports that declare its events (a
 * `form-events.ts` beside a large component), so the event map is read wherever it is kept.
 */
function withEventModules(file, source) {
  const dir = dirname(file);
  const extra = [];
  for (const [, name] of source.matchAll(/from '\.\/([\w.-]+)'/g)) {
    const sibling = join(dir, `${name}.ts`);
    if (!existsSync(sibling)) continue;
    const text = readFileSync(sibling, 'utf8');
    if (text.includes('GlobalEventHandlersEventMap')) extra.push(text);
  }
  return [source, ...extra].join('\n');
}

/** `'ck-x': SomeEvent;` entries of the component's GlobalEventHandlersEventMap → CustomEvent<Detail> text. */
function eventTypes(source) {
  const types = new Map();
  const map = /interface GlobalEventHandlersEventMap\s*\{([^}]*)\}/.exec(source);
  if (!map) return types;
  for (const [, name, type] of map[1].matchAll(/'([a-z-]+)'\s*:\s*([^;]+);/g)) {
    const alias = new RegExp(`export type ${type.trim()}\\s*=\\s*([^;]+);`).exec(source);
    types.set(name, (alias ? alias[1] : type).trim());
  }
  return types;
}

let constants;
/** `export const NAME = literal` anywhere in src/ (a default like DEFAULT_CITIZEN_DB names one). */
function constantValue(name) {
  if (!constants) {
    constants = new Map();
    const files = readdirSync(r('src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of files) {
      for (const m of readFileSync(r('src', f), 'utf8').matchAll(/export const ([A-Z][A-Z0-9_]*)(?:: \w+)? = ([^;\n]+);/g)) constants.set(m[1], m[2].trim());
    }
  }
  return constants.get(name);
}

function literalType(value) {
  if (value === undefined) return undefined;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return literalType(constantValue(value));
  if (/^-?\d/.test(value)) return 'number';
  if (/^['"`]/.test(value)) return 'string';
  if (value === 'true' || value === 'false') return 'boolean';
  return undefined;
}

/** Rewrites the analyzer's output (in memory) into the shipped manifest. */
export function finishManifest(manifest) {
  const modules = [];
  for (const mod of manifest.modules) {
    const declarations = (mod.declarations ?? []).filter((d) => d.customElement);
    const definitions = (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition' && /^ck-[a-z-]+$/.test(e.name));
    if (!declarations.length && !definitions.length) continue;
    const source = withEventModules(r(mod.path), read(mod.path));
    const folder = mod.path.split('/')[2];
    const events = eventTypes(source);
    for (const d of declarations) {
      const fields = new Map((d.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
      for (const field of fields.values()) {
        field.type ??= literalType(field.default) ? { text: literalType(field.default) } : undefined;
        if (!field.type) delete field.type;
      }
      d.attributes = (d.attributes ?? []).map((a) => {
        const field = fields.get(a.fieldName);
        const type = a.type ?? field?.type ?? (literalType(a.default) ? { text: literalType(a.default) } : undefined);
        return type ? { ...a, type } : a;
      });
      if (!d.attributes.some((a) => a.name === 'theme')) d.attributes.push(THEME_ATTRIBUTE);
      d.events = (d.events ?? []).map((e) => ({ ...e, type: { text: events.get(e.name) ?? e.type?.text ?? 'Event' } }));
      const documented = new Map((d.cssProperties ?? []).map((c) => [c.name, c]));
      const used = cssVars(elementCss(folder));
      d.cssProperties = [...used].map(([name, fallback]) => {
        const doc = documented.get(name);
        return { name, description: doc?.description ?? TOKEN_DOCS[name] ?? '', ...(fallback !== undefined ? { default: fallback } : {}) };
      });
    }
    modules.push({
      ...mod,
      path: toDist(mod.path),
      declarations,
      exports: (mod.exports ?? [])
        .filter((e) => e.kind !== 'custom-element-definition' || definitions.includes(e))
        .filter((e) => e.kind !== 'js' || declarations.some((d) => d.name === e.declaration?.name) || e.name === '*')
        .map((e) => ({ ...e, declaration: e.declaration?.module ? { ...e.declaration, module: toDist(e.declaration.module) } : e.declaration })),
    });
  }
  return { ...manifest, modules };
}

/** Every problem in a manifest, as text (empty when it describes the shipped package). */
export function validateManifest(manifest, { distRoot = root } = {}) {
  const errors = [];
  const elements = new Map();
  for (const mod of manifest.modules) {
    if (!/^dist\/.+\.js$/.test(mod.path)) errors.push(`${mod.path}: not a shipped .js path`);
    else if (!existsSync(join(distRoot, mod.path))) errors.push(`${mod.path}: no such file in the build`);
    for (const d of mod.declarations ?? []) {
      if (!d.customElement) continue;
      elements.set(d.name, d);
      const where = `${d.tagName ?? d.name}`;
      if (!d.tagName) errors.push(`${d.name}: no tagName`);
      for (const a of d.attributes ?? []) if (!a.type?.text) errors.push(`${where}: attribute ${a.name} has no type`);
      for (const e of d.events ?? []) {
        if (!/^CustomEvent<.+>$|^Event$/.test(e.type?.text ?? '')) errors.push(`${where}: event ${e.name} has no detail type (${e.type?.text})`);
        if (!e.description) errors.push(`${where}: event ${e.name} undocumented`);
      }
      const sourceFile = join(root, mod.path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      const source = existsSync(sourceFile) ? withEventModules(sourceFile, readFileSync(sourceFile, 'utf8')) : '';
      const mapped = eventTypes(source);
      for (const e of d.events ?? []) if (!mapped.has(e.name)) errors.push(`${where}: event ${e.name} missing from GlobalEventHandlersEventMap`);
      const listed = new Map((d.cssProperties ?? []).map((c) => [c.name, c]));
      for (const c of listed.values()) {
        if (!c.description) errors.push(`${where}: CSS property ${c.name} undocumented`);
        if (c.default === undefined) errors.push(`${where}: CSS property ${c.name} has no default`);
      }
      const folder = mod.path.split('/')[3];
      for (const name of cssVars(elementCss(folder)).keys()) if (!listed.has(name)) errors.push(`${where}: reads ${name}, not listed`);
    }
    for (const e of mod.exports ?? []) {
      if (e.kind !== 'custom-element-definition') continue;
      const d = elements.get(e.declaration?.name) ?? manifest.modules.flatMap((m) => m.declarations ?? []).find((x) => x.name === e.declaration?.name);
      if (!d) errors.push(`${mod.path}: defines ${e.name} with no declaration`);
      else if (d.tagName !== e.name) errors.push(`${mod.path}: defines ${e.name} but ${d.name} has tag ${d.tagName}`);
    }
  }
  const defined = new Set(manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name)));
  for (const d of elements.values()) if (!defined.has(d.tagName)) errors.push(`${d.tagName}: never defined by a shipped module`);
  return errors;
}

const jsxName = (tag) => tag.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/** dist/jsx/react.d.ts: React 19 JSX types for every element (attributes, properties, events). */
export function reactTypings(manifest) {
  const imports = [];
  const props = [];
  const entries = [];
  for (const mod of manifest.modules) {
    const def = (mod.exports ?? []).find((e) => e.kind === 'custom-element-definition');
    if (!def) continue;
    const cls = def.declaration.name;
    const decl = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.name === cls);
    const spec = `../${mod.path.replace(/^dist\//, '')}`;
    // The define module's types also bring its GlobalEventHandlersEventMap entries (typed events).
    imports.push(`import type { ${cls} } from '${spec}';`);
    const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('_') && !m.name.startsWith('#'));
    const lines = [
      ...(decl.attributes ?? []).map((a) => `  /** ${a.description ?? ''} */\n  '${a.name}'?: ${/boolean/.test(a.type?.text ?? '') ? 'boolean | string' : 'string | number'};`),
      ...(decl.events ?? []).map((e) => `  /** ${e.description ?? ''} */\n  'on${e.name}'?: (event: GlobalEventHandlersEventMap['${e.name}']) => void;`),
    ];
    const name = `${jsxName(def.name)}Props`;
    props.push(
      `/** Props of <${def.name}>: its attributes (kebab-case), properties (camelCase, set as properties by React 19) and events (\`on\` + event name). */\nexport type ${name} = ElementBase<${cls}> & Partial<Pick<${cls}, ${fields.map((f) => `'${f.name}'`).join(' | ') || 'never'}>> & {\n${lines.join('\n')}\n};`,
    );
    entries.push(`      '${def.name}': ${name};`);
  }
  return `// Generated by test/tools/manifest.mjs from custom-elements.json: React 19 JSX typings.
// \`import type {} from 'checkpoint-kit/react'\` (or list it in tsconfig "types") to type the tags.
import type * as React from 'react';
${imports.join('\n')}

type ElementBase<E> = React.DetailedHTMLProps<React.HTMLAttributes<E>, E> & { theme?: 'light' | 'dark' | 'auto' };

${props.join('\n\n')}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}
`;
}

/** Runs the analyzer, writes custom-elements.json and dist/jsx/react.{d.ts,js}. */
export async function writeManifest() {
  execFileSync(
    process.execPath,
    [r('node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement', '--quiet',
      '--globs', 'src/elements/*/ck-*.ts', '--exclude', 'src/elements/**/*.test.ts', '--outdir', '.'],
    { stdio: 'inherit', cwd: root },
  );
  const manifest = finishManifest(JSON.parse(read('custom-elements.json')));
  writeFileSync(r('custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(r('dist/jsx'), { recursive: true });
  writeFileSync(r('dist/jsx/react.d.ts'), reactTypings(manifest));
  writeFileSync(r('dist/jsx/react.js'), '// Types only: see react.d.ts.\nexport {};\n');
  const errors = validateManifest(manifest);
  if (errors.length) throw new Error(`custom-elements.json:\n  ${errors.join('\n  ')}`);
}
