import type { SpecialErrorHandler } from '@skills-passport/service-kit';
import { OAuthError } from '../domain/oauth-error.js';
import { OAUTH_STATUS } from './codes.js';

/**
 * OpenID4VCI's endpoints answer in OAuth's own error format, `{error, error_description}`, never
 * as a problem document; an invalid access token also gets its WWW-Authenticate challenge.
 */
export const sendOAuthError: SpecialErrorHandler = (error, _req, res) => {
  if (!(error instanceof OAuthError)) return false;
  if (error.error === 'invalid_token')
    res.set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.description}"`);
  res
    .status(OAUTH_STATUS[error.error])
    .set('Cache-Control', 'no-store')
    .json({ error: error.error, error_description: error.description });
  return true;
};
