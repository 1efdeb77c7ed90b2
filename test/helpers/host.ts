import type { DialogAdapter, HostContext } from '../../main/context';

export function testHost(settingsDir: string, dialogs: Partial<DialogAdapter> = {}): HostContext {
  return {
    shell: 'chromium',
    appVersion: '0.0.0-test',
    settingsDir,
    defaultCaseFolder: settingsDir,
    actor: 'test-reviewer',
    dialogs: {
      native: false,
      chooseCasePath: async () => null,
      chooseImportPaths: async () => [],
      chooseSavePath: async () => null,
      chooseFolder: async () => null,
      ...dialogs,
    },
    desktop: null,
    emit: () => undefined,
  };
}
