import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder Parley is installed in: the nearest ancestor of this module that holds package.json.
 * The same answer from the TypeScript sources (server/platform) and from the compiled bundle
 * (dist/server), so paths to migrations and the web build never depend on how the server was started.
 */
export function findInstallDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const INSTALL_DIR = findInstallDir(path.dirname(fileURLToPath(import.meta.url)));
