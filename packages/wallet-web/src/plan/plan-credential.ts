import type { DevelopmentPlan } from '@skills-passport/core';
import { z } from 'zod';

// A development plan (contract F) as the plan view reads it from a DevelopmentPlanCredential the
// wallet holds. Core's schema checked the credential when it arrived (the types are core's); this
// reader is the plan view's own strict check of what it shows, so that a record the wallet cannot
// show in full (say, one kept by an older wallet, or restored from a backup) is not shown half.

/** What the learner and the learn-work desk adviser agreed (core's `DevelopmentPlan`), and who issued it. */
export interface Plan extends DevelopmentPlan {
  /** The plan credential's id. */
  credentialId: string;
  /** The learn-work desk that issued it (the credential's issuer). */
  desk: { id: string; name: string };
  issuedOn: string;
}

const text = z.string().trim().min(1).max(2000);
const day = z.iso.date();
const webUri = z.url({ protocol: /^https?$/ }).max(2000);

const plannedModule = z.strictObject({
  id: z.string().min(1).max(2000),
  name: text,
  provider: z.strictObject({ id: z.string().min(1).max(2000), name: text }),
  skills: z.array(z.strictObject({ uri: webUri, label: text })).max(100),
  studyLoadHours: z.number().positive().max(10_000).optional(),
});

const developmentPlan = z.strictObject({
  targetOccupation: z.strictObject({ uri: webUri, label: text }),
  adviser: z.strictObject({ name: text }),
  agreedOn: day,
  modules: z.array(plannedModule).max(30),
  nextSteps: z.array(z.strictObject({ description: text, due: day.optional() })).max(30),
  reviewOn: day.optional(),
});

/** The parts of the credential around the plan that the view shows; the rest is core's to check. */
const planCredential = z.object({
  id: z.string().min(1),
  type: z.array(z.string()).refine((types) => types.includes('DevelopmentPlanCredential')),
  issuer: z.object({ id: z.string().min(1), name: text }),
  validFrom: z.string().min(10),
  credentialSubject: z.object({ developmentPlan }),
});

/** The plan a credential document carries, or `undefined` when it is not a plan the view can read. */
export function readPlan(document: unknown): Plan | undefined {
  const parsed = planCredential.safeParse(document);
  if (!parsed.success) return undefined;
  const { id, issuer, validFrom, credentialSubject } = parsed.data;
  const plan = credentialSubject.developmentPlan;
  return {
    credentialId: id,
    desk: { id: issuer.id, name: issuer.name },
    issuedOn: validFrom,
    targetOccupation: plan.targetOccupation,
    adviser: plan.adviser,
    agreedOn: plan.agreedOn,
    modules: plan.modules.map(({ studyLoadHours, ...module }) => ({
      ...module,
      ...(studyLoadHours === undefined ? {} : { studyLoadHours }),
    })),
    nextSteps: plan.nextSteps.map(({ due, description }) => ({
      description,
      ...(due === undefined ? {} : { due }),
    })),
    ...(plan.reviewOn === undefined ? {} : { reviewOn: plan.reviewOn }),
  };
}
