/**
 * An invoice statement as a real, minimal PDF 1.4 (one page of text, a correct xref table), built by hand and
 * deterministic per invoice, large enough (~200 kB) that it is streamed in many chunks. Written with
 * backpressure; a `cut-body` fault destroys the socket after that many bytes, as a dropped upstream would.
 */
import type { Exchange } from './http-io.js';
import { mergeHeaders } from './http-io.js';

const cache = new Map<string, Buffer>();

export function statementPdf(invoiceId: string): Buffer {
  const cached = cache.get(invoiceId);
  if (cached) return cached;
  const lines = [`BT /F1 18 Tf 72 720 Td (Invoice ${invoiceId}) Tj ET`];
  // Enough text lines that the file takes many chunks; PDF viewers ignore text drawn off the page.
  for (let i = 0; i < 4000; i++) lines.push(`BT /F1 9 Tf 72 ${700 - (i % 60) * 11} Td (Line ${String(i + 1).padStart(5, '0')} of invoice ${invoiceId}) Tj ET`);
  const content = lines.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const pdf = Buffer.from(out, 'latin1');
  cache.set(invoiceId, pdf);
  return pdf;
}

const CHUNK = 16 * 1024;

/** Resolves on 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drained(res: Exchange['res']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Streams the statement in chunks, waiting for 'drain' when the client reads slowly. */
export async function sendStatement(ex: Exchange, invoiceId: string): Promise<void> {
  const pdf = statementPdf(invoiceId);
  const { res } = ex;
  if (res.headersSent || res.destroyed) return;
  ex.entry.status = 200;
  res.writeHead(200, mergeHeaders(ex.baseHeaders, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename=Invoice_${invoiceId}.pdf`,
    'Content-Length': String(pdf.length),
  }));
  const cut = ex.cutAfterBytes;
  let gate = ex.bodyGate;
  for (let at = 0; at < pdf.length; at += CHUNK) {
    if (gate && at >= gate.afterBytes) {
      await Promise.race([gate.open, new Promise((resolve) => res.once('close', resolve))]);
      gate = undefined;
    }
    if (res.destroyed) return;
    if (cut !== undefined && at >= cut) {
      res.destroy();
      return;
    }
    const end = Math.min(pdf.length, at + CHUNK, cut !== undefined && cut > at ? cut : pdf.length);
    if (!res.write(pdf.subarray(at, end))) await drained(res);
    if (end < at + CHUNK && end < pdf.length) {
      // Cut inside this chunk: what was written goes out, then the connection drops.
      res.destroy();
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
  ex.onSent();
}
