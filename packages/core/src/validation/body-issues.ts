import type { ValidationIssue } from '../errors.js';

/**
 * What is wrong with a JSON request body, field by field: each problem a {@link ValidationIssue}
 * (JSON pointer, rule, message), in the order found, so that one answer lists them all. The
 * readers below are the field kinds request bodies share; anything particular is checked by the
 * caller and noted with {@link BodyIssues.add}.
 */
export class BodyIssues {
  readonly issues: ValidationIssue[] = [];

  /** Notes a problem at `pointer`. */
  add(pointer: string, rule: string, message: string): void {
    this.issues.push({ pointer, rule, message });
  }

  /**
   * A required text of 1 to `max` characters, trimmed; `''` when absent or not a string. A
   * problem is noted at `/field`, under the rule named as the field.
   */
  text(body: Record<string, unknown>, field: string, max: number, message: string): string {
    const value = body[field];
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length < 1 || text.length > max) this.add(`/${field}`, field, message);
    return text;
  }

  /** An optional true or false, at `${at}/${field}`: noted when present and anything else. */
  flag(record: Record<string, unknown>, field: string, at = ''): void {
    const value = record[field];
    if (value !== undefined && typeof value !== 'boolean')
      this.add(`${at}/${field}`, 'type', `"${field}" is true or false.`);
  }

  /**
   * A list of 1 to `max` entries, each read as an object (anything else as `{}`, for its own
   * fields to be found missing); `undefined`, and a problem noted at `/field`, when it is not.
   */
  list(
    body: Record<string, unknown>,
    field: string,
    max: number,
    message: string,
  ): Record<string, unknown>[] | undefined {
    const value = body[field];
    if (!Array.isArray(value) || value.length === 0 || value.length > max) {
      this.add(`/${field}`, field, message);
      return undefined;
    }
    return value.map((entry: unknown) =>
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {},
    );
  }
}
