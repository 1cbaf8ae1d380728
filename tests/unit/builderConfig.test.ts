import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';

const root = new URL('../../', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, root));
const config = JSON.parse(read('electron-builder.json').toString('utf8'));
const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8'));

// strict: false: the schema uses a keyword of its own ("typeof") that ajv does not know; unknown properties still fail.
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validate(candidate: unknown) {
  const valid = check(candidate);
  return { valid, errors: check.errors };
}

describe('electron-builder.json', () => {
  it('passes electron-builder’s own JSON schema', () => {
    const { valid, errors } = validate(config);
    expect(errors).toBeNull();
    expect(valid).toBe(true);
  });

  it('is checked strictly enough that a typo fails', () => {
    expect(validate({ ...config, npmRebuilt: true }).valid).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }).valid).toBe(false);
  });

  it('names the product and packs the built app into an asar, rebuilding native modules for Electron', () => {
    expect(config).toMatchObject({ appId: 'cn.houniao.kiosk', productName: '候鸟驿站', asar: true, npmRebuild: true });
    expect(config.directories.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    const pkg = JSON.parse(read('package.json').toString('utf8'));
    expect(pkg.productName).toBe(config.productName);
    expect(pkg.main.startsWith('dist/')).toBe(true);
  });

  it('builds a Chinese NSIS installer that lets the technician choose the folder', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, installerLanguages: ['zh_CN'] });
  });

  it('builds an AppImage and a deb for Linux', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('sets the fuses from the security checklist', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('points at icons that exist: a PNG of at least 512×512 and a Windows ICO', () => {
    for (const icon of [config.linux.icon, config.win.icon, 'build/icon.svg']) expect(existsSync(new URL(icon, root)), icon).toBe(true);
    const png = read(config.linux.icon);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
    const ico = read(config.win.icon);
    expect(ico.readUInt16LE(2)).toBe(1); // type 1 = icon
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('starts the Linux app on X11, where Electron can place the TV window', () => {
    expect(config.linux.executableArgs).toEqual(['--ozone-platform=x11']);
  });

  it('makes the .deb bring speech-dispatcher and a voice, keeping electron-builder’s own dependencies', () => {
    // electron-builder's defaults (FpmTarget.getDefaultDepends): replaced, not extended, when depends is set.
    const defaults = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'];
    expect(config.deb.depends).toEqual([...defaults, 'speech-dispatcher', 'speech-dispatcher-espeak-ng']);
    // The deb target refuses to build without a project homepage.
    expect(JSON.parse(read('package.json').toString('utf8')).homepage).toMatch(/^https:\/\//);
  });

  it('signs the Windows build from the environment only: no certificate or password in the repository', () => {
    expect(config.win.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'], rfc3161TimeStampServer: expect.stringMatching(/^http/) });
    const text = read('electron-builder.json').toString('utf8');
    for (const secret of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'azureSignOptions']) expect(text).not.toContain(secret);
  });
});
