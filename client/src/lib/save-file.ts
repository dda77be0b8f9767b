/** How long a saved file's object URL stays alive: the browser has started the download by then. */
const RELEASE_AFTER_MS = 10_000;

/** Hands a file to the browser as a download under its name (a link click; the URL is released after). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), RELEASE_AFTER_MS);
  }
}
