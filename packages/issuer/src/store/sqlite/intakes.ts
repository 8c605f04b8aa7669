import { mapped, type Queries } from '@skills-passport/service-kit';
import type { IntakeRecord, IntakeStandard, IntakeStore } from '../../ports.js';
import {
  type StandardRow,
  type IntakeRow,
  toStandard,
  toIntake,
  standardParameters,
  intakeParameters,
} from '../rows/intakes.js';

export class SqliteIntakes implements IntakeStore {
  constructor(private readonly q: Queries) {}

  async standards(orgSlug: string): Promise<IntakeStandard[]> {
    const rows = await this.q.all<StandardRow>(
      'SELECT * FROM intake_standards WHERE org_slug = ? ORDER BY name, id',
      [orgSlug],
    );
    return rows.map(toStandard);
  }

  async standard(orgSlug: string, id: string): Promise<IntakeStandard | undefined> {
    const row = await this.q.get<StandardRow>(
      'SELECT * FROM intake_standards WHERE org_slug = ? AND id = ?',
      [orgSlug, id],
    );
    return mapped(row, toStandard);
  }

  async putStandard(s: IntakeStandard): Promise<void> {
    await this.q.run(
      `INSERT INTO intake_standards (org_slug, id, name, identifier, occupation, skills, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_slug, id) DO UPDATE SET name = excluded.name, identifier = excluded.identifier,
         occupation = excluded.occupation, skills = excluded.skills, updated_at = excluded.updated_at`,
      standardParameters(s),
    );
  }

  async insert(i: IntakeRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO intakes (id, org_slug, purpose, standard_id, purpose_text, created_by, nonce, state,
         created_at, expires_at, received_at, holder, learner_name, answer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      intakeParameters(i),
    );
  }

  async find(id: string): Promise<IntakeRecord | undefined> {
    const row = await this.q.get<IntakeRow>('SELECT * FROM intakes WHERE id = ?', [id]);
    return mapped(row, toIntake);
  }

  async list(orgSlug: string, limit: number): Promise<IntakeRecord[]> {
    const rows = await this.q.all<IntakeRow>(
      'SELECT * FROM intakes WHERE org_slug = ? ORDER BY created_at DESC, id DESC LIMIT ?',
      [orgSlug, limit],
    );
    return rows.map(toIntake);
  }

  async saveAnswer(
    id: string,
    a: { receivedAt: number; holder: string | null; learnerName: string | null; answer: string },
  ): Promise<boolean> {
    const { changes } = await this.q.run(
      `UPDATE intakes SET received_at = ?, holder = ?, learner_name = ?, answer = ?
       WHERE id = ? AND received_at IS NULL AND expires_at > ?`,
      [a.receivedAt, a.holder, a.learnerName, a.answer, id, a.receivedAt],
    );
    return changes === 1;
  }
}
