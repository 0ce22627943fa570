#!/usr/bin/env node
// Keeps the web app's API types in step with the server.
//
//   npm run api:sync    dump the server's OpenAPI schema to openapi.json and regenerate src/api/schema.d.ts
//   npm run api:check   fail when either file differs from what the current server code would produce
//
// The schema comes from `python -c "from vocalis.api.openapi import dump_openapi; ..."` (no server is
// started). Python is $PYTHON, or ../.venv/bin/python. The app is then type-checked against the
// generated types (npm run build runs tsc), so a renamed field breaks the build, not the user.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaFile = join(web, "openapi.json");
const typesFile = join(web, "src", "api", "schema.d.ts");
const generator = join(web, "node_modules", ".bin", "openapi-typescript");
const FIX = "run `cd web && npm run api:sync`, then fix any type errors it reveals (npm run typecheck)";

function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = resolve(web, "..", ".venv", "bin", "python");
  if (existsSync(venv)) return venv;
  console.error("api-types: no Python found; set PYTHON or create ../.venv (scripts/setup)");
  process.exit(2);
}

function serverSchema() {
  return execFileSync(python(), ["-c", "from vocalis.api.openapi import dump_openapi; print(dump_openapi(), end='')"], {
    cwd: resolve(web, ".."),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

function generateTypes(schemaPath, outPath) {
  // Fields with defaults stay optional in request bodies (--default-non-nullable false).
  execFileSync(generator, [schemaPath, "-o", outPath, "--default-non-nullable", "false"], {
    cwd: web,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const mode = process.argv[2];
if (mode === "--sync") {
  writeFileSync(schemaFile, serverSchema());
  generateTypes(schemaFile, typesFile);
  console.log("api-types: wrote openapi.json and src/api/schema.d.ts");
} else if (mode === "--check") {
  const problems = [];
  const committedSchema = existsSync(schemaFile) ? readFileSync(schemaFile, "utf8") : "";
  if (serverSchema() !== committedSchema) {
    problems.push("web/openapi.json differs from the server's current OpenAPI schema");
  }
  const scratch = mkdtempSync(join(tmpdir(), "vocalis-api-types-"));
  try {
    const fresh = join(scratch, "schema.d.ts");
    generateTypes(schemaFile, fresh);
    const committedTypes = existsSync(typesFile) ? readFileSync(typesFile, "utf8") : "";
    if (readFileSync(fresh, "utf8") !== committedTypes) {
      problems.push("web/src/api/schema.d.ts was not generated from web/openapi.json");
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (problems.length) {
    for (const problem of problems) console.error(`api-types: ${problem}`);
    console.error(`api-types: ${FIX}`);
    process.exit(1);
  }
  console.log("api-types: openapi.json and schema.d.ts match the server");
} else {
  console.error("usage: node scripts/api-types.mjs --sync | --check");
  process.exit(2);
}
