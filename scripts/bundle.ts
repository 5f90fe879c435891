// Builds the action's committed bundle: dist/main.js and dist/post.js from
// packages/action, plus dist/licenses.txt with the license of every bundled
// package. With --check it builds into a temporary folder and fails when the
// committed dist/ differs (the check-dist convention).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const outdir = check ? mkdtempSync(join(tmpdir(), "eks-sfn-dist-")) : join(root, "dist");
// A chunk from an earlier build must not linger beside the new ones.
if (!check) rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: "packages/action/src/bin/main.ts",
    post: "packages/action/src/bin/post.ts",
  },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  conditions: ["source"],
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  // Minified so that what loads before the inputs are checked stays small (the action's
  // start-up budget, bundle.test.ts); keepNames keeps class and function names, which
  // error messages (`error.name`) and the SDK's error classes rely on.
  minify: true,
  keepNames: true,
  metafile: true,
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// Each bundled package once, with the license text it ships.
const packages = new Map<string, string>();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (match === null || match[1] === undefined || match[2] === undefined) continue;
  packages.set(match[2], join(root, match[1]));
}
const sections: string[] = [];
for (const name of [...packages.keys()].sort()) {
  const dir = packages.get(name) as string;
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    version?: string;
    license?: string;
  };
  const licenseFile = readdirSync(dir).find((file) => /^(license|licence|copying)/i.test(file));
  const text = licenseFile ? readFileSync(join(dir, licenseFile), "utf8").trim() : "";
  sections.push(
    `${name}@${manifest.version ?? "?"}\n${manifest.license ?? "UNKNOWN"}\n${text}`.trimEnd(),
  );
}
writeFileSync(join(outdir, "licenses.txt"), `${sections.join("\n\n")}\n`);

if (check) {
  const listing = (dir: string): Map<string, Buffer> => {
    const files = new Map<string, Buffer>();
    const walk = (at: string): void => {
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.set(relative(dir, path), readFileSync(path));
      }
    };
    walk(dir);
    return files;
  };
  const fresh = listing(outdir);
  let committed: Map<string, Buffer>;
  try {
    committed = listing(join(root, "dist"));
  } catch {
    committed = new Map();
  }
  const differing = [...new Set([...fresh.keys(), ...committed.keys()])]
    .filter((file) => !fresh.get(file)?.equals(committed.get(file) ?? Buffer.alloc(0)))
    .sort();
  rmSync(outdir, { recursive: true, force: true });
  if (differing.length > 0) {
    console.error(
      `error: dist/ is not what \`npm run bundle\` builds from this tree (${differing.join(", ")}). Run \`npm run bundle\` and commit dist/.`,
    );
    process.exit(1);
  }
  console.log("dist/ matches a fresh bundle.");
}
