import type { RequestHandler } from 'express';

/**
 * CORS for public endpoints that wallets in browsers call from any origin. They authenticate with
 * bearer tokens or nothing, never cookies, so any origin may call them; preflights end here.
 */
export function openCors(options: {
  allowHeaders: string[];
  exposeHeaders?: string[];
  /** Default `GET, POST`. */
  allowMethods?: string[];
}): RequestHandler {
  const allowHeaders = options.allowHeaders.join(', ');
  const allowMethods = (options.allowMethods ?? ['GET', 'POST']).join(', ');
  const exposeHeaders = options.exposeHeaders?.join(', ');
  return (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Headers', allowHeaders);
    res.set('Access-Control-Allow-Methods', allowMethods);
    if (exposeHeaders !== undefined) res.set('Access-Control-Expose-Headers', exposeHeaders);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
