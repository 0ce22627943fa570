import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// API paths the dev server (npm run dev) forwards to a Vocalis server on :8000.
const API = ["/v1", "/api", "/tts", "/voices", "/health", "/docs", "/openapi.json", "/redoc", "/ws"];

export default defineConfig({
  plugins: [react()],
  build: {
    // Served by the Python package (vocalis.api.web); generated, git-ignored.
    outDir: "../src/vocalis/web/dist",
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
