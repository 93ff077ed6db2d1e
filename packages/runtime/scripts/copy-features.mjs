// prepack: ship the repository's FEATURES.md inside the package, so the README's link resolves in the tarball.
import { copyFileSync } from "node:fs";

copyFileSync(new URL("../../../FEATURES.md", import.meta.url), new URL("../FEATURES.md", import.meta.url));
