import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/electron/window';

describe('the main window options', () => {
  const options = mainWindowOptions('/app/preload/index.cjs', false);

  it('isolates and sandboxes the renderer, with no Node anywhere in it', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and every risky feature off', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('offers DevTools only when asked to (never in a packaged build)', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p', true).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until the first paint', () => {
    expect(options.show).toBe(false);
  });
});
