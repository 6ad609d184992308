import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/create-app.ts';
import { EmptyPasswordError, isLoopbackHost } from '../../../server/security/basic-auth.ts';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

let open: Fixture;
let locked: Fixture;

beforeAll(async () => {
  open = await viewerFixture({ days: 2 });
  locked = await viewerFixture({ days: 2, auth: { password: 'correct horse' } });
});
afterAll(async () => {
  await open.close();
  await locked.close();
});

describe('viewer security defaults', () => {
  it('sends a CSP without inline script, eval or forced HTTPS upgrade, and no X-Powered-By', async () => {
    const res = await rawRequest(open.server.url, '/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('pages carry no inline script and no inline style attribute', async () => {
    for (const p of ['/', '/runs/latest', '/platforms/janus', '/compare?a=janus&b=galene', '/print']) {
      const res = await rawRequest(open.server.url, p);
      expect(res.status, p).toBe(200);
      expect(res.body, p).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.body, p).not.toMatch(/\sstyle="/);
    }
  });

  it('is read-only: POST, PUT, DELETE and PATCH get 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await rawRequest(open.server.url, '/api/runs', { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('requires the password when auth is on, and accepts the right one only', async () => {
    expect((await rawRequest(locked.server.url, '/')).status).toBe(401);
    expect((await rawRequest(locked.server.url, '/metrics')).status).toBe(401);
    expect((await rawRequest(locked.server.url, '/assets/style.css')).status).toBe(401);
    const wrong = Buffer.from('meetbench:wrong').toString('base64');
    expect((await rawRequest(locked.server.url, '/', { headers: { Authorization: `Basic ${wrong}` } })).status).toBe(401);
    const right = Buffer.from('meetbench:correct horse').toString('base64');
    expect((await rawRequest(locked.server.url, '/', { headers: { Authorization: `Basic ${right}` } })).status).toBe(200);
  });

  it('refuses to build an app with an empty password', () => {
    expect(() => createApp({ store: open.store, auth: { password: '' } })).toThrow(EmptyPasswordError);
    expect(() => createApp({ store: open.store, auth: { password: '   ' } })).toThrow(EmptyPasswordError);
  });

  it('knows which hosts are loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('answers unknown pages and API paths with 404, and unknown runs too', async () => {
    expect((await rawRequest(open.server.url, '/nothing-here')).status).toBe(404);
    expect((await rawRequest(open.server.url, '/api/nothing')).status).toBe(404);
    expect((await rawRequest(open.server.url, '/runs/no-such-run')).status).toBe(404);
    expect((await rawRequest(open.server.url, '/vendor/uplot/package.json')).status).toBe(404);
  });
});
