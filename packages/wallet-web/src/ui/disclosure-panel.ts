import {
  isSkillCredential,
  preferredLabel,
  proficiencyScale,
  SD_JWT_CLAIM_LABELS,
  type ClaimPath,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { isNamePath, pathKey, skillOfPath, withheldClaims, type ClaimChoice } from '../share/disclosure.js';
import type { Answer } from '../share/envelopes.js';
import type { DisclosureChoice } from '../share/presentation.js';
import { lang, plural, t } from '../i18n.js';
import type { StoredCredential } from '../store/db.js';
import { h, uid } from './dom.js';

// The consent screen's account of one credential: exactly which claims the verifier will see
// (each optional one with a tick the learner may take away) and what stays in the wallet. For an
// SD-JWT VC that is what its query asks; any other envelope shows the whole credential, and says so.

type Json = Record<string, unknown>;

/** The skill and level a skill path discloses, in the learner's language ("support nurses: Proficient"). */
function skillLabel(uri: string, credential: StoredCredential, taxonomy: SkillTaxonomy): string {
  const concept = taxonomy.get(uri);
  const doc = credential.document;
  // A development plan has no skill results to name.
  const result = (isSkillCredential(doc) ? doc.credentialSubject.result : []).find(
    (r) => 'alignment' in r && r.alignment[0]?.targetUrl === uri,
  );
  const alignment = result !== undefined && 'alignment' in result ? result.alignment[0] : undefined;
  const name = concept === undefined ? (alignment?.targetName ?? uri) : preferredLabel(concept, lang());
  if (result === undefined || !('achievedLevel' in result)) return name;
  const scale = (isSkillCredential(doc) ? doc.credentialSubject.achievement.resultDescription : []).find(
    (s) => s.id === result.resultDescription,
  );
  const index = scale?.rubricCriterionLevel?.findIndex((l) => l.id === result.achievedLevel) ?? -1;
  if (index < 0) return name;
  // The default scale reads in the learner's language whatever language the credential is in.
  const local =
    scale?.id === proficiencyScale('en').id
      ? proficiencyScale(lang()).rubricCriterionLevel?.[index]?.name
      : scale?.rubricCriterionLevel?.[index]?.name;
  return `${name}: ${local ?? ''}`.replace(/: $/, '');
}

/** The learner's name as the credential carries it. */
function holderName(claims: Json): string | undefined {
  const subject = claims.credentialSubject as Json | undefined;
  const ids = Array.isArray(subject?.identifier) ? (subject.identifier as Json[]) : [];
  const name = ids.find((i) => i.identityType === 'name' && i.hashed !== true)?.identityHash;
  return typeof name === 'string' ? name : undefined;
}

/** One disclosed claim in plain words. */
export function claimLabel(
  path: ClaimPath,
  credential: StoredCredential,
  claims: Json,
  taxonomy: SkillTaxonomy,
): string {
  const skill = skillOfPath(path);
  if (skill !== undefined) return skillLabel(skill, credential, taxonomy);
  if (isNamePath(path)) {
    const name = holderName(claims);
    return name === undefined ? t('nameClaim') : `${t('nameClaim')}: ${name}`;
  }
  const known = SD_JWT_CLAIM_LABELS.find((l) => pathKey(l.path) === pathKey(path));
  return known?.label[lang()] ?? path.filter((p) => p !== null).join(' › ');
}

/** A credential's disclosure panel, and the learner's choice as it stands when sent. */
export interface DisclosurePanel {
  element: HTMLElement;
  /** For an SD-JWT VC: the claims left ticked; `undefined` for a whole credential. */
  choice(): DisclosureChoice | undefined;
  /** Takes the ticks away and disables them (the credential cannot be shared). */
  disable(): void;
}

/** What the verifier will see of `credential` when it goes as `answer`. */
export function disclosurePanel(
  credential: StoredCredential,
  answer: Answer | undefined,
  taxonomy: SkillTaxonomy,
): DisclosurePanel {
  if (answer?.format !== 'dc+sd-jwt' || answer.claims === undefined || answer.holderClaims === undefined) {
    return {
      element: h('p', { class: 'help disclosure', 'data-disclosure': 'whole' }, t('wholeCredential')),
      choice: () => undefined,
      disable: () => undefined,
    };
  }
  const claims = answer.holderClaims;
  const boxes: { input: HTMLInputElement; claim: ClaimChoice; label: string }[] = [];
  const notShared = h('p', { class: 'help', 'data-testid': 'not-shared' });
  const update = (): void => {
    const kept = boxes.filter((b) => b.input.checked).map((b) => b.claim.path);
    const withheld = withheldClaims(claims, kept, lang());
    const parts = [
      ...(withheld.otherSkills === 0 ? [] : [plural('otherSkills', withheld.otherSkills)]),
      ...withheld.others.map((label) => label.toLowerCase()),
      ...(withheld.name ? [t('yourName')] : []),
    ];
    notShared.textContent = parts.length === 0 ? '' : t('notShared', { list: parts.join(', ') });
  };
  const items = answer.claims.map((claim) => {
    const id = uid('claim');
    const label = claimLabel(claim.path, credential, claims, taxonomy);
    const input = h('input', {
      id,
      type: 'checkbox',
      checked: true,
      // A required claim goes with the credential or not at all: untick the credential instead.
      disabled: claim.required,
      'data-claim-path': pathKey(claim.path),
    });
    input.addEventListener('change', update);
    boxes.push({ input, claim, label });
    return h(
      'li',
      {},
      input,
      h(
        'label',
        { for: id },
        label,
        ' ',
        h('small', {}, `(${t(claim.required ? 'requiredClaim' : 'optionalClaim')})`),
      ),
    );
  });
  update();
  return {
    element: h(
      'div',
      { class: 'disclosure', 'data-disclosure': 'selective', 'data-credential-id': credential.id },
      h('p', {}, t('willShare')),
      h('ul', { class: 'claims-to-share' }, items),
      h('p', { class: 'help' }, t('alwaysShared')),
      notShared,
    ),
    choice: () => {
      const kept = boxes.filter((b) => b.input.checked);
      return { paths: kept.map((b) => b.claim.path), labels: kept.map((b) => b.label) };
    },
    disable: () => {
      for (const { input } of boxes) {
        input.checked = false;
        input.disabled = true;
      }
    },
  };
}
