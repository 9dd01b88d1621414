import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

/** A native "choose folder" dialog for ARCP batches; the services only ever see the chosen path. */
export function nativeFolderChooser(getWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const options: OpenDialogOptions = {
      title: 'Choose a folder for the ARCP packs',
      buttonLabel: 'Save packs here',
      properties: ['openDirectory', 'createDirectory'],
    };
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
