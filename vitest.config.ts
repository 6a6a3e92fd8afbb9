import { defineConfig } from 'vitest/config';
import { wasmKernels } from './vite.config.js';

export default defineConfig({
  plugins: [wasmKernels()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
