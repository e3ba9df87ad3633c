// Bundles one component's frontend with esbuild into its dist/ folder (committed, so running the
// explorer needs no npm) and writes the licences of every bundled package beside it.
// esbuild comes from the calling component (node resolves packages from its own folder).
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

function packageOf(file) {
  let dir = dirname(resolve(file));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && dir.includes("node_modules")) return dir;
    dir = dirname(dir);
  }
  return null;
}

function licenceText(dir) {
  const name = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\..*)?$/i.test(f));
  return name ? readFileSync(join(dir, name), "utf8").trim() : null;
}

export async function bundle({ build, root, entry, html, title }) {
  const dist = join(root, "dist");
  mkdirSync(dist, { recursive: true });
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["chrome110", "firefox110", "safari16"],
    outfile: join(dist, "main.js"),
    legalComments: "none", // the licences go to THIRD_PARTY_LICENSES.txt instead
    metafile: true,
    logLevel: "warning",
  });
  copyFileSync(join(root, html), join(dist, "index.html"));

  const packages = new Map();
  for (const input of Object.keys(result.metafile.inputs)) {
    const dir = packageOf(join(root, input));
    if (dir && !packages.has(dir)) packages.set(dir, JSON.parse(readFileSync(join(dir, "package.json"), "utf8")));
  }
  const sections = [...packages.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([dir, manifest]) => {
      const text = licenceText(dir);
      if (!text) throw new Error(`${manifest.name}: no licence file to ship`);
      return `${manifest.name} ${manifest.version} (${manifest.license})\n${"-".repeat(60)}\n${text}\n`;
    });
  writeFileSync(join(dist, "THIRD_PARTY_LICENSES.txt"),
    `Third-party software bundled in ${title} (dist/main.js)\n\n` + sections.join("\n"));
  const size = result.metafile.outputs[relative(process.cwd(), join(dist, "main.js"))]?.bytes
    ?? readFileSync(join(dist, "main.js")).length;
  console.log(`${title}: dist/main.js ${size} bytes, ${packages.size} bundled packages`);
}
