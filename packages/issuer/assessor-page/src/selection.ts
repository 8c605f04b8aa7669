// The skills the assessor chose and the learning outcomes they belong to (module credentials).
import type { ChosenSkill, LearningOutcome } from './content.js';

export const chosenSkills: ChosenSkill[] = [];
export const outcomes: LearningOutcome[] = [{ description: '', skills: [] }];

/** Adds a skill; while there is one learning outcome, the skill belongs to it. */
export function addSkill(skill: ChosenSkill): void {
  chosenSkills.push(skill);
  if (outcomes.length === 1) outcomes[0]?.skills.push(skill.uri);
}

/** Removes the skill at `index`, from the outcomes too; returns it. */
export function removeSkill(index: number): ChosenSkill | undefined {
  const [skill] = chosenSkills.splice(index, 1);
  if (skill === undefined) return undefined;
  for (const outcome of outcomes) outcome.skills = outcome.skills.filter((uri) => uri !== skill.uri);
  return skill;
}

/** Back to no skills and one empty learning outcome. */
export function resetSelection(): void {
  chosenSkills.length = 0;
  outcomes.splice(0, outcomes.length, { description: '', skills: [] });
}
