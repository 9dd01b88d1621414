import JSZip from 'jszip';

/** Extracts the text of each page of a PDF, as a reader (or a screen reader) would get it. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}

/** The visible text of a .docx (word/document.xml without its markup), plus the footer. */
export async function docxText(bytes: Uint8Array): Promise<{ body: string; footers: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const strip = (xml: string) =>
    xml
      .replace(/<w:p[ >]/g, '\n$&')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  const body = strip(await zip.file('word/document.xml')!.async('string'));
  const footerFiles = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
  const footers = (await Promise.all(footerFiles.map((f) => zip.file(f)!.async('string')))).map(strip).join('\n');
  return { body, footers };
}

/** Everything a PDF says about itself outside its pages: the info dictionary and any XMP metadata. */
export async function pdfMetadata(bytes: Uint8Array): Promise<Record<string, string>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const { info, metadata } = await pdf.getMetadata();
  await pdf.destroy();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(info as Record<string, unknown>))
    if (typeof value === 'string') fields[key] = value;
  if (metadata) for (const [key, value] of metadata) fields[`xmp:${key}`] = String(value);
  return fields;
}

/** A .docx's document properties (docProps/core.xml and app.xml) as text. */
export async function docxMetadata(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(
    ['docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml'].map((f) => zip.file(f)?.async('string') ?? ''),
  );
  return parts.join('\n');
}
