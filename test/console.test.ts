import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

describe('GET /console', () => {
  it('When the page is asked for without a key, then it is served, with a policy that allows no inline script', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/console');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<label for="key">Merchant API key</label>');
    // Nothing inline: every script and style is a file of the service's own.
    expect(res.text).not.toMatch(/<script>|<style|\sstyle="|\son[a-z]+="/);
    const policy = res.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    // Helmet's other headers stay on.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['console.js', /^text\/javascript/],
    ['console.css', /^text\/css/],
    ['uplot.js', /^text\/javascript/],
    ['uplot.css', /^text\/css/],
  ])('When %s is asked for, then it is served from the package with its type', async (file, type) => {
    const { app } = await testApp();

    const res = await request(app).get(`/console/${file}`);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(type);
    expect(res.text.length).toBeGreaterThan(500);
  });

  it('When a file the console does not have is asked for, then 404 JSON', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/console/..%2Fpackage.json');

    expect([res.status, res.body]).toEqual([404, { message: 'No such console file.' }]);
  });

  it('When the OpenAPI document is read, then the status and the console are in it', async () => {
    const { app } = await testApp();

    const paths = Object.keys((await request(app).get('/openapi.json')).body.paths);

    expect(paths).toEqual(expect.arrayContaining(['/api/status', '/console', '/console/{file}']));
  });
});
