#!/usr/bin/env node
// Regenerates esco-v1.2.json.gz from the full ESCO v1.2 compilation (skills.json.gz and
// occupations.json.gz) and ESCO's skillGroups_en.csv and skillGroups_nl.csv (v1.2.0; see SOURCES.md
// for all four):
//
//   node packages/core/data/esco/make-lean-esco.mjs ../shared/data/esco/full \
//     skillGroups_en.csv skillGroups_nl.csv
//
// The lean file keeps what search and vacancies need: every skill and occupation with its Dutch and
// English labels and alternative labels, skill type and reuse level, and each occupation's essential
// and optional skills, and each skill's nearest skill group with its English and Dutch label. It drops descriptions, broader relations and the per-field `*Source` notes
// (SOURCES.md keeps those), writes URIs without their common prefix, and points at skills by their
// index in `skills` rather than by URI: 129,004 random UUIDs compress badly, small numbers well.
// The output is byte-reproducible (key order fixed, gzip mtime 0).
import { readFileSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import process from 'node:process';
import { gunzipSync, gzipSync } from 'node:zlib';

const SKILL_BASE = 'http://data.europa.eu/esco/skill/';
const OCCUPATION_BASE = 'http://data.europa.eu/esco/occupation/';

const [source, groupsEnCsv, groupsNlCsv] = process.argv.slice(2);
if (source === undefined || groupsEnCsv === undefined || groupsNlCsv === undefined) {
  process.stderr.write(
    'usage: make-lean-esco.mjs <folder with skills.json.gz and occupations.json.gz> <skillGroups_en.csv> <skillGroups_nl.csv>\n',
  );
  process.exit(2);
}
const readGz = (file) => JSON.parse(gunzipSync(readFileSync(join(source, file))).toString('utf8'));
const { meta, skills } = readGz('skills.json.gz');
const { occupations } = readGz('occupations.json.gz');

function idOf(uri, base) {
  if (!uri.startsWith(base)) throw new Error(`${uri} does not start with ${base}`);
  return uri.slice(base.length);
}

// Alternative labels without blanks, repeats or a copy of the preferred label.
function altLabels(list, preferred) {
  const seen = new Set([preferred]);
  const out = [];
  for (const label of list ?? []) {
    const trimmed = label.trim();
    if (trimmed.length === 0 || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

// Optional fields are left out when empty, so most records stay short.
function compact(record) {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

// RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines.
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows;
}

// conceptUri -> preferredLabel of each skill group in one of ESCO's skillGroups_<lang>.csv files.
function groupLabels(file) {
  const [header, ...rows] = csvRows(readFileSync(file, 'utf8'));
  const uriColumn = header.indexOf('conceptUri');
  const labelColumn = header.indexOf('preferredLabel');
  return new Map(
    rows.filter((r) => r.length > labelColumn).map((r) => [r[uriColumn], r[labelColumn].trim()]),
  );
}
const groupLabelEn = groupLabels(groupsEnCsv);
const groupLabelNl = groupLabels(groupsNlCsv);

const indexOfSkill = new Map(skills.map((s, i) => [s.uri, i]));

// A skill's nearest group: the first broader concept that is a skill group; when all its broader
// concepts are skills, the nearest group of those, breadth first, in ESCO's order.
function nearestGroup(skill) {
  const seen = new Set([skill.uri]);
  let level = [skill];
  while (level.length > 0) {
    const next = [];
    for (const s of level) {
      for (const uri of s.broaderUris ?? []) {
        if (seen.has(uri)) continue;
        seen.add(uri);
        if (groupLabelEn.has(uri)) return uri;
        const broader = indexOfSkill.get(uri);
        if (broader !== undefined) next.push(skills[broader]);
      }
    }
    level = next;
  }
  return undefined;
}

// Groups are listed once, in order of first use, and skills point at them by position.
const groups = [];
const indexOfGroup = new Map();
function groupIndex(uri) {
  if (uri === undefined) return undefined;
  let index = indexOfGroup.get(uri);
  if (index === undefined) {
    index = groups.length;
    indexOfGroup.set(uri, index);
    groups.push(compact({ uri, en: groupLabelEn.get(uri), nl: groupLabelNl.get(uri) }));
  }
  return index;
}

const leanSkills = skills.map((s) =>
  compact({
    id: idOf(s.uri, SKILL_BASE),
    en: s.labelEn,
    nl: s.labelNl,
    type: s.skillType,
    reuse: s.reuseLevel,
    altEn: altLabels(s.altLabelsEn, s.labelEn),
    altNl: altLabels(s.altLabelsNl, s.labelNl),
    group: groupIndex(nearestGroup(s)),
  }),
);

function skillIndexes(uris, occupation) {
  return uris.map((uri) => {
    const index = indexOfSkill.get(uri);
    if (index === undefined) throw new Error(`${occupation.uri} names an unknown skill ${uri}`);
    return index;
  });
}

const leanOccupations = occupations.map((o) =>
  compact({
    id: idOf(o.uri, OCCUPATION_BASE),
    en: o.labelEn,
    nl: o.labelNl,
    // ESCO's hidden labels are search terms (misspellings, old names): searched like alternative labels.
    altEn: altLabels([...(o.altLabelsEn ?? []), ...(o.hiddenLabelsEn ?? [])], o.labelEn),
    altNl: altLabels(o.altLabelsNl, o.labelNl),
    isco: o.iscoGroup,
    code: o.code,
    essential: skillIndexes(o.essentialSkills, o),
    optional: skillIndexes(o.optionalSkills, o),
  }),
);

const lean = {
  format: 'skills-passport/esco-lean/1',
  escoVersion: meta.escoVersion,
  attribution: meta.attribution,
  homepage: 'https://esco.ec.europa.eu',
  skillUriBase: SKILL_BASE,
  occupationUriBase: OCCUPATION_BASE,
  groups,
  skills: leanSkills,
  occupations: leanOccupations,
};
const out = join(import.meta.dirname, 'esco-v1.2.json.gz');
writeFileSync(out, gzipSync(Buffer.from(JSON.stringify(lean)), { level: 9 }));
process.stdout.write(
  `${out}: ${leanSkills.length} skills (${leanSkills.filter((s) => s.group !== undefined).length} with a group), ${groups.length} groups, ${leanOccupations.length} occupations, ${readFileSync(out).length} bytes\n`,
);
