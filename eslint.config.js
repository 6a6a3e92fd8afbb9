// @ts-check
/**
 * `npm run lint` (with `prettier --check`). Type-checked rules over every TypeScript file the
 * project compiles (src, workers, tests, bench, the root configs), through the same tsconfig.json
 * that `npm run typecheck` uses; Lit and custom-element rules on the elements.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // assembly/ is AssemblyScript: its own compiler checks it (see scripts/wasm-kernels.mjs).
  globalIgnores(['dist/', 'reports/', 'test-results/', 'playwright-report/', '.scratch/', 'node_modules/', 'assembly/']),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers in messages and labels (`${w}×${h}`, `${ms} ms`) are the point of most template
      // strings here; objects, nullish and any still must be formatted on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Mirrors tsc's noUnusedLocals/noUnusedParameters: a leading underscore marks a name kept on
      // purpose (`const { kind: _kind, ...rest } = spec`, an unused callback parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `() => this.dismiss(id)` and `if (!region) return applyFilter(…)` in a function that
      // returns void are the project's idiom for a call and an early return; a void value used
      // anywhere else (a comma, a condition, an assignment) is still reported.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true, ignoreVoidReturningFunctions: true },
      ],
      // The design wants every switch over a union (modes, filters, messages) exhaustive; a
      // deliberate `default:` counts as handling the rest.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Non-null assertions only where a comment says why:
      // `// eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- <why>`.
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },

  // Plain JavaScript (this file, tests/run.mjs, tests/totals.mjs) is outside tsconfig.json and has
  // no types to check against: it gets the untyped rules only, with Node's globals.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  // Lit elements and templates.
  {
    files: ['src/**/*.ts', 'tests/browser/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      // Lit calls listeners bound in a template (`@click=${this._onRun}`) with the element as
      // `this`, so passing the method unbound is the documented pattern, not a bug. The rule
      // cannot tell a template binding from other uses, so it is off for the elements' folder only.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
