import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const OUT_DIR = "../src/vocalis/web/dist";

// Swagger UI for the server's /docs, from the pinned swagger-ui-dist package: the docs work offline.
function swaggerUi(): Plugin {
  return {
    name: "vocalis-swagger-ui",
    apply: "build",
    closeBundle() {
      const source = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "swagger-ui-dist");
      const target = join(OUT_DIR, "swagger-ui");
      mkdirSync(target, { recursive: true });
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
        copyFileSync(join(source, file), join(target, file));
      }
    },
  };
}

// API paths the dev server (npm run dev) forwards to a Vocalis server on :8000.
const API = ["/v1", "/api", "/tts", "/voices", "/health", "/docs", "/openapi.json", "/redoc", "/ws"];

export default defineConfig({
  plugins: [react(), swaggerUi()],
  build: {
    // Served by the Python package (vocalis.api.web); generated, git-ignored.
    outDir: OUT_DIR,
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(API.map((path) => [path, { target: "http://127.0.0.1:8000", ws: true }])),
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
