import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

/**
 * Lit templates keep their source indentation in the bundle. Collapse whitespace runs that contain a newline
 * to one space, only in the static parts of `html`/`css` tagged templates in our own sources (found with the
 * TypeScript parser, so strings, comments and other libraries' templates are never touched). HTML and CSS treat
 * such a run like one space; our templates have no <pre> text. CSS also loses the spaces around braces,
 * semicolons, commas and combinators. Saves about 1 kB gzip of the 30 kB budget.
 */
export function collapseTemplateWhitespace(): Plugin {
  return {
    name: 'oc:collapse-template-whitespace',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const ranges: [number, number, boolean][] = [];
      const visit = (node: ts.Node): void => {
        if (
          ts.isTaggedTemplateExpression(node) &&
          ts.isIdentifier(node.tag) &&
          /^(html|css)$/.test(node.tag.text)
        ) {
          const template = node.template;
          const isCss = node.tag.text === 'css';
          if (ts.isNoSubstitutionTemplateLiteral(template)) {
            ranges.push([template.getStart() + 1, template.end - 1, isCss]);
          } else {
            ranges.push([template.head.getStart() + 1, template.head.end - 2, isCss]);
            for (const span of template.templateSpans) {
              const tail = ts.isTemplateTail(span.literal);
              ranges.push([span.literal.getStart() + 1, span.literal.end - (tail ? 1 : 2), isCss]);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      let out = code;
      for (const [start, end, isCss] of ranges.sort((a, b) => b[0] - a[0])) {
        const text = out.slice(start, end).replace(/\s*\n\s*/g, ' ');
        // In CSS, space around these never matters; a colon followed by space only occurs in declarations.
        const minified = isCss
          ? text
              .replace(/\s*([{};,>])\s*/g, '$1')
              .replace(/:\s+/g, ':')
              .trim()
          : text;
        out = out.slice(0, start) + minified + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Vite wraps every dynamic import() in a preload helper that adds <link rel="modulepreload"> tags to the
 * document for the chunk's dependencies and CSS. The widget has no CSS files, its chunks' dependencies are
 * already loaded with the entry, and as a custom element the document is the desk's, not ours: the helper
 * (half a kilobyte of the 30 kB budget) is replaced by a plain call of the import.
 */
export function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'oc:plain-dynamic-imports',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return id === helper ? 'export const __vitePreload = (load) => load();' : null;
    },
  };
}

// App mode with a TS entry (not lib mode) so the bundle is fully minified. The BFF serves the entry and the chunks
// loaded on demand (language tables, composer, search, reply, error texts) at /widget/; see widget/README.md, Size.
export default defineConfig({
  root: 'widget',
  base: '/widget/',
  plugins: [collapseTemplateWhitespace(), plainDynamicImports()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // No <link rel="modulepreload"> tags (see plainDynamicImports): chunks load when the widget asks for them.
    modulePreload: false,
    rolldownOptions: {
      input: { 'order-context': 'widget/src/order-context.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      // Lets the entry export what its chunks import from it: code shared with a chunk stays in the entry instead of
      // becoming extra common chunks, which cost requests and compress worse (measured: 4 more files, +2.4 kB gzip).
      preserveEntrySignatures: 'allow-extension',
      // Calls on zod (`z.object(…)`) build schemas and nothing else: one whose result is unused (the shared
      // request schemas the widget never parses with) can go, with the zod checks only it needed.
      treeshake: { manualPureFunctions: ['z'] },
    },
  },
});
