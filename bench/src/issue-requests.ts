import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import { requestFromExample } from '@skills-passport/issuer';

const request = requestFromExample(evcExample);

/**
 * The EVC example as a POST /api/credentials body, for a learner reached by phone: the issuer
 * stores the credential and its offer and sends nothing, so the figure is issuance itself.
 */
export const issueByPhone = JSON.stringify({
  ...request,
  learner: { name: request.learner.name, phone: '+31 6 12345678' },
});

/** The same for a learner with an e-mail address: the issuer also mails the offer, after answering. */
export const issueByEmail = JSON.stringify(request);
