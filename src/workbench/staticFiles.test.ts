import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { StaticFiles, acceptsGzip, cacheControlOf } from './staticFiles';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request (fetch would decompress and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('StaticFiles', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const script = `export const names = ${JSON.stringify(Array.from({ length: 400 }, (_, n) => `name ${n}`))};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workbench-static-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'app.js'), script);
    writeFileSync(join(dir, 'chunks', 'icons-DOcnj2KZ.js'), script);
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    writeFileSync(join(dir, 'font.woff2'), Buffer.alloc(4096, 7));
    const files = new StaticFiles();
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
      if (!files.serve(req, res, dir, path)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a file with a validator, and a 304 without a body when the browser has it', async () => {
    const first = await get(`${base}app.js`);
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe(script);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`${base}app.js`, { 'if-none-match': `W/${etag}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const other = await get(`${base}app.js`, { 'if-none-match': '"other"' });
    expect(other.status).toBe(200);
  });

  it('gzips text for a browser that accepts it, and only then', async () => {
    const zipped = await get(`${base}app.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('accept-encoding');
    expect(zipped.body.length).toBeLessThan(script.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(script);
    const refused = await get(`${base}app.js`, { 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const font = await get(`${base}font.woff2`, { 'accept-encoding': 'gzip' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.body.length).toBe(4096);
    const tiny = await get(`${base}tiny.css`, { 'accept-encoding': 'gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
  });

  it('caches hashed chunks for good, answers HEAD without a body, refuses paths outside', async () => {
    const chunk = await get(`${base}chunks/icons-DOcnj2KZ.js`);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const head = await get(`${base}app.js`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(script)));
    expect(head.body.length).toBe(0);
    expect((await get(`${base}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await get(`${base}chunks`)).status).toBe(404);
    expect((await get(`${base}missing.js`)).status).toBe(404);
  });
});

describe('cacheControlOf and acceptsGzip', () => {
  it('tell hashed names and accepted encodings apart', () => {
    expect(cacheControlOf('/d/chunks/iconSvgTemplatesStandard-CWgYbpo_.js')).toMatch(/immutable/);
    expect(cacheControlOf('/d/app.js')).toBe('no-cache');
    expect(cacheControlOf('/d/salesforce-lightning-design-system.min.css')).toBe('no-cache');
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip; q=0')).toBe(false);
  });
});
