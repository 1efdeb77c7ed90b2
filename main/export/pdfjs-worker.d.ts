/** pdfjs-dist ships no types for its worker half; it is only loaded for its side effect (pdf-text-worker.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
