import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * pdf.js, loaded with the viewer only (its chunk and its worker stay out of every other page).
 * No eval (the app's content security policy has none), no system fonts.
 */
export async function openPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false }).promise;
}
