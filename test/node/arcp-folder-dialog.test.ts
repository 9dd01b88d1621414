import { describe, expect, it, vi } from 'vitest';

const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showOpenDialog } }));

const { nativeFolderChooser } = await import('../../src/main/electron/folder-dialog');

describe('ARCP batch folder dialog (Electron glue)', () => {
  it('asks for a folder the user may create, attached to the window, and returns the choice or null', async () => {
    const window = { id: 1 };
    const choose = nativeFolderChooser(() => window as never);
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/tpd/ARCP'] });
    expect(await choose()).toBe('/home/tpd/ARCP');
    expect(showOpenDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await choose()).toBeNull();
  });
});
