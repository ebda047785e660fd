// Installs the linter (npm ci) only when node_modules is missing or was installed from another package-lock.json
// or another Node major version; otherwise does nothing, so a repeated build costs no install. Run by the
// api-lint module's build before the lint (pom.xml); also usable alone: node ensure-node-modules.mjs
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const digest = createHash('sha256')
  .update(readFileSync(join(here, 'package-lock.json')))
  .update(process.versions.node.split('.')[0])
  .digest('hex');
const marker = join(here, 'node_modules', '.installed-from-lock');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === digest) {
  console.log('api-lint: node_modules matches package-lock.json');
} else {
  console.log('api-lint: installing the linter from package-lock.json (npm ci)');
  // --ignore-scripts: nothing the linter needs runs at install time (one dependency's postinstall only reports usage).
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
    { cwd: here, stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, SCARF_ANALYTICS: 'false' } });
  writeFileSync(marker, digest + '\n');
}
