import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('[logs and headers] redacts secrets and personal data should they reach a log call', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'issuer',
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    logger.info(
      {
        req: { headers: { authorization: 'Bearer spk_secret' } },
        body: {
          token: 'access-token',
          credential: 'ey.jwt.sig',
          learner: { name: 'Fatima el Amrani' },
          nonce: 'n-123',
          apiKey: 'vk_key',
          tx_code: '123456',
        },
      },
      'something happened',
    );
    const line = lines.join('');
    for (const secret of ['spk_secret', 'access-token', 'ey.jwt.sig', 'Fatima', 'n-123', 'vk_key', '123456'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ service: 'issuer', msg: 'something happened' });
  });
});
