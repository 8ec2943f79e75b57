import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder at or above a module that holds a package.json: the project root, whether the module runs
 * from its TypeScript source (bff/src/…, through tsx) or compiled (dist/bff/src/…). Paths like the widget's
 * build are taken from there, never counted in `../` from a module, which differs between the two layouts.
 */
export function findPackageRoot(moduleUrl: string | URL): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json at or above ${start}`);
  }
}
