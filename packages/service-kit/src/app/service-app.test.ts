import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createLogger } from '../logging/logger.js';
import { createServiceApp } from './service-app.js';

// The client's address is what rate limits and the audit log count by. Behind a load balancer the
// connection comes from the balancer; only hops trusted by configuration may name the client.
describe('createServiceApp: the client address', () => {
  const appWith = (trustProxyHops?: number) => {
    const app = createServiceApp({
      logger: createLogger('test', 'silent'),
      openApi: () => ({}),
      ...(trustProxyHops === undefined ? {} : { trustProxyHops }),
    });
    app.get('/ip', (req, res) => {
      res.json({ ip: req.ip });
    });
    return app;
  };

  it('[access control] is the connection address by default: a client cannot choose it with X-Forwarded-For', async () => {
    const response = await request(appWith()).get('/ip').set('X-Forwarded-For', '203.0.113.7');
    expect(response.body.ip).not.toBe('203.0.113.7');
    expect(response.body.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('behind one trusted balancer, is the address the balancer names', async () => {
    const response = await request(appWith(1)).get('/ip').set('X-Forwarded-For', '203.0.113.7');
    expect(response.body.ip).toBe('203.0.113.7');
  });

  it('[access control] trusts no more hops than configured: an address the client put in front is ignored', async () => {
    const response = await request(appWith(1)).get('/ip').set('X-Forwarded-For', '198.51.100.1, 203.0.113.7');
    expect(response.body.ip).toBe('203.0.113.7');
  });
});
