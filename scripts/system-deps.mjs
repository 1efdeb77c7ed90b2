// System packages the app and the tests need beyond npm: Chromium (the app's window where Electron
// cannot be downloaded, and the end-to-end tests' browser), poppler-utils (PDF checks) and fonts.
// Installs them with apt-get when this is a Debian-like machine and we are root; otherwise says what
// to install. Usage: node scripts/system-deps.mjs [--for app|tests]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const purpose = process.argv.includes('tests') ? 'tests' : 'app';
const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const hasChromium = () =>
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].some((p) => p && existsSync(p));

const wanted = [
  { pkg: 'chromium', present: hasChromium },
  { pkg: 'fonts-dejavu-core', present: () => existsSync('/usr/share/fonts/truetype/dejavu') },
  ...(purpose === 'tests' ? [{ pkg: 'poppler-utils', present: () => onPath('pdftoppm') }] : []),
];

const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (missing.length === 0 || process.platform !== 'linux') process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!onPath('apt-get') || !isRoot) {
  process.stderr.write(
    `Disclosure Desk needs these system packages for its ${purpose}: ${missing.join(', ')}.\n` +
      `Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run the command again.\n`,
  );
  process.exit(1);
}
process.stdout.write(`Installing system packages for the ${purpose}: ${missing.join(', ')} (apt-get)…\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
