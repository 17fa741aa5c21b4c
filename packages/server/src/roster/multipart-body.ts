import { randomBytes } from 'node:crypto';

/** A multipart/form-data body with one file, as a browser's upload form sends it (tests and tools). */
export function multipartFile(
  filename: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
  field = 'file',
) {
  const boundary = `----yuxin${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
