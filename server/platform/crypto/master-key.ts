import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { generateKey, parseMasterKey } from './envelope';

/**
 * The master key: PARLEY_MASTER_KEY when set; otherwise (embedded default only) the key in
 * DATA_DIR/master.key, created with mode 0600 on first start.
 */
export function resolveMasterKey(config: Config): { key: Buffer; source: 'env' | 'generated' | 'file' } {
  if (config.PARLEY_MASTER_KEY) return { key: parseMasterKey(config.PARLEY_MASTER_KEY), source: 'env' };
  const file = path.join(config.DATA_DIR, 'master.key');
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return { key: parseMasterKey(readFileSync(file, 'utf8').trim()), source: 'file' };
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const key = generateKey();
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated' };
}
