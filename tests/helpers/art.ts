import http from 'node:http';
import PDFDocument from 'pdfkit';

/** A one-page A4 PDF made with pdfkit: a red square (50–350 pt from the top left) and a line of text. */
export function redSquarePdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.rect(50, 50, 300, 300).fill('#ff0000');
    doc.fillColor('black').fontSize(30).text('Arte do cliente', 60, 420);
    doc.end();
  });
}

/** Uploads bytes as one multipart file (what a browser's FormData sends). */
export async function uploadArt(
  baseUrl: string,
  token: string,
  orderId: number,
  itemId: number,
  bytes: Uint8Array,
  filename: string,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  const res = await fetch(`${baseUrl}/api/orders/${orderId}/items/${itemId}/art`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns loosely typed JSON
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/**
 * Streams a large multipart upload without ever holding it: `head` first, then `size - head`
 * bytes of one reused 1 MB chunk, with backpressure. Resolves with the answer.
 */
export function streamBigUpload(
  url: string,
  token: string,
  head: Uint8Array,
  size: number,
  filename: string,
): Promise<{ status: number; body: string }> {
  const boundary = `----balcao${Date.now()}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(pre.length + size + post.length),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
      },
    );
    req.on('error', reject);
    const write = (b: Uint8Array) => new Promise<void>((ok) => (req.write(b) ? ok() : req.once('drain', () => ok())));
    void (async () => {
      await write(pre);
      await write(head);
      let left = size - head.length;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        await write(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
      }
      await write(post);
      req.end();
    })().catch(reject);
  });
}
