// npm ci && npm run build: dist/ (index.html, main.js, THIRD_PARTY_LICENSES.txt), committed.
import { build } from "esbuild";
import { bundle } from "../../frontend_shared/build.mjs";

await bundle({ build, root: import.meta.dirname, entry: "src/main.js", html: "src/index.html", title: "the SPARQL editor" });
