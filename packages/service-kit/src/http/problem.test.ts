import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { SkillsPassportError } from '@skills-passport/core';
import type express from 'express';
import request from 'supertest';
import { createServiceApp, finishServiceApp } from '../app/service-app.js';
import { createLogger } from '../logging/logger.js';
import { jsonBody } from './body.js';
import { COMMON_STATUS, problemsFor } from './problem.js';

function appWith(route: express.RequestHandler) {
  const lines: string[] = [];
  const logger = createLogger(
    'test',
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const app = createServiceApp({ logger, openApi: () => ({ openapi: '3.1.0' }) });
  app.post('/echo', ...jsonBody('1kb'), (req, res) => res.json(req.body));
  app.get('/fail', route);
  finishServiceApp(app, problemsFor(COMMON_STATUS, logger), logger);
  return { app, lines };
}

describe('problem responses', () => {
  it('answer a coded error with its mapped status as application/problem+json', async () => {
    const { app } = appWith(() => {
      throw new SkillsPassportError('ERR_NOT_FOUND', 'No such thing.');
    });
    const res = await request(app).get('/fail').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ERR_NOT_FOUND', detail: 'No such thing.' });
  });

  it('[logs and headers] answer a code the table does not map with a logged 500, never a guessed status', async () => {
    const { app, lines } = appWith(() => {
      throw new SkillsPassportError('ERR_OFFER_EXPIRED', 'Gone.');
    });
    const res = await request(app).get('/fail').expect(500);
    expect(res.body).toMatchObject({ code: 'ERR_INTERNAL' });
    expect(JSON.stringify(res.body)).not.toContain('Gone.');
    expect(
      lines.some(
        (line) => line.includes('no HTTP status for this error code') && line.includes('ERR_OFFER_EXPIRED'),
      ),
    ).toBe(true);
  });

  it('[logs and headers] answer an unknown error with a plain 500 that reveals nothing, and log it once', async () => {
    const { app, lines } = appWith(() => {
      throw new Error('secret database detail');
    });
    const res = await request(app).get('/fail').expect(500);
    expect(res.text).not.toContain('secret database detail');
    expect(res.text).not.toMatch(/ {4}at /);
    expect(lines.filter((line) => line.includes('unhandled error'))).toHaveLength(1);
  });

  it.each([
    ['text/plain', 'hello', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
    ['application/json', '{"a":', 400, 'ERR_MALFORMED_JSON'],
    ['application/json', '[1]', 400, 'ERR_NOT_AN_OBJECT'],
    ['application/json', '{"__proto__":{"x":1}}', 400, 'ERR_FORBIDDEN_KEY'],
    ['application/json', JSON.stringify({ a: 'x'.repeat(2000) }), 413, 'ERR_PAYLOAD_TOO_LARGE'],
  ])('[request bodies] refuse a %s body %#', async (type, body, status, code) => {
    const { app } = appWith((_req, res) => res.end());
    const res = await request(app).post('/echo').set('content-type', type).send(body).expect(status);
    expect(res.body.code).toBe(code);
  });

  it('serve health, the OpenAPI document and a problem for any other path', async () => {
    const { app } = appWith((_req, res) => res.end());
    await request(app).get('/health').expect(200, { status: 'ok' });
    await request(app).get('/openapi.json').expect(200, { openapi: '3.1.0' });
    const res = await request(app).get('/nowhere').expect(404);
    expect(res.body.code).toBe('ERR_NOT_FOUND');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
