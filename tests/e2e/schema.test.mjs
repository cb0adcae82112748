// The published file format (docs/schema/waymark-v5.schema.json) against real exports, checked
// by an independent validator (Ajv, JSON Schema 2020-12). Every mutated copy is also given to
// the app's own reader, so the schema and the app are seen to agree on what a file may hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(new URL('../../docs/schema/waymark-v5.schema.json', import.meta.url), 'utf8'));

const warnings = [];
const logger = { log() {}, warn: (...a) => warnings.push(a.join(' ')), error: (...a) => warnings.push(a.join(' ')) };
// Ajv's default strict mode, with its warnings collected: the schema should need no leniency.
const ajv = new Ajv2020({ allErrors: true, logger });
addFormats(ajv);
const validate = ajv.compile(schema);

function sample(...args) {
  const out = execFileSync('cargo', ['run', '--quiet', '--example', 'export_sample', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** What the app's own reader (the import checks) says about a file: "ok" or "refused: ...". */
function appReads(doc) {
  return execFileSync('cargo', ['run', '--quiet', '--example', 'export_sample', 'check'], {
    cwd: root,
    encoding: 'utf8',
    input: JSON.stringify(doc),
  }).trim();
}

function errors() {
  return JSON.stringify(validate.errors, null, 2);
}

function assertValid(doc, label) {
  assert.ok(validate(doc), `${label} should match the schema; Ajv says:\n${errors()}`);
}

const all = sample();
const family = sample('family');
const isLive = (r) => !r.meta.deleted;
const isDead = (r) => r.meta.deleted === true;

test('the schema compiles under Ajv strict mode without warnings', () => {
  assert.deepEqual(warnings, []);
});

test('a whole export matches the schema and uses every kind of record and optional field', () => {
  assertValid(all, 'the export of everything');
  assert.equal(all.scope, 'all');
  const d = all.data;
  for (const k of ['families', 'members', 'wheel_readings', 'milestone_checks', 'scale_answers']) {
    assert.ok(d[k].some(isLive), `live ${k}`);
    assert.ok(d[k].some(isDead), `deletion marks among ${k}`);
  }
  assert.ok(d.gone?.some((g) => Object.keys(g.ids).length >= 4), 'a deleted family\'s plain marks, by id');
  assert.ok(d.settings, 'settings');
  assert.ok(d.families.some((f) => f.closed && f.closed.note && f.full_name), 'a closed family with a full name');
  assert.ok(d.members.some((m) => m.due) && d.members.some((m) => m.weeks_early), 'a due date and weeks early');
  assert.ok(d.wheel_readings.some((w) => w.child && w.scores.some((s) => s.other && s.step && s.priority)), 'a full wheel reading');
  assert.ok(d.scale_answers.some((a) => a.child), 'a scale answer about a child');
  assert.ok(d.families.some((f) => isLive(f) && f.consent && f.consent.agreed.length && f.consent.note), 'a family\'s consent with a note');
  assert.ok(d.goals.some(isLive), 'live goals');
  assert.ok(
    d.goals.some((g) => isLive(g) && g.from && g.steps?.some((s) => s.who && s.by && s.done) && g.reviews?.some((r) => r.note)),
    'a goal from a wheel area, with a full step and a review',
  );
  assert.ok(d.settings.outcomes, 'outcome thresholds other than the defaults');
  assert.ok(d.settings.help_lines?.[0]?.what, "a service's own help line");
  assert.ok(d.families.some((f) => isLive(f) && f.team && f.earlier?.[0]?.closed.note && f.earlier[0].worker), 'a team and an earlier episode (version 2)');
  assert.equal(appReads(all), 'ok');
});

test('a version 1 file (no teams, no earlier episodes) matches the version 1 schema and is read', () => {
  const v1schema = JSON.parse(readFileSync(new URL('../../docs/schema/waymark-v1.schema.json', import.meta.url), 'utf8'));
  const v1 = structuredClone(all);
  v1.schema_version = 1;
  for (const f of v1.data.families) { delete f.team; delete f.earlier; }
  // Version 4 writes a deleted family's plain marks by id; version 1 had no such list.
  delete v1.data.gone;
  // Nor a service's own help lines (version 4, issue 30).
  delete v1.data.settings.help_lines;
  // Nor needs, claims and outcome plans (version 5, issue 33).
  for (const k of ['needs', 'claims', 'outcome_plans']) delete v1.data[k];
  // Version 3's field clocks were not in version 1 either.
  for (const list of Object.values(v1.data)) {
    for (const r of Array.isArray(list) ? list : [list]) { if (r?.meta) { delete r.meta.clocks; delete r.meta.others; } }
  }
  const ajv1 = new Ajv2020({ allErrors: true, logger });
  addFormats(ajv1);
  const validateV1 = ajv1.compile(v1schema);
  assert.ok(validateV1(v1), JSON.stringify(validateV1.errors));
  assert.ok(!validate(v1), 'the version 5 schema names its own version');
  assert.equal(appReads(v1), 'ok');
});

test('a one-family export matches the schema', () => {
  assertValid(family, 'the export of one family');
  assert.equal(family.scope, 'family');
  assert.equal(family.data.families.length, 1);
  assert.equal(family.data.settings, undefined);
  assert.equal(appReads(family), 'ok');
});

// Each change to a copy of the whole export, and whether a file so changed may be read.
const firstLive = (list) => list.find(isLive);
const firstDead = (list) => list.find(isDead);
const REJECTED = {
  'an unknown field in a family': (d) => { d.data.families[0].colour = 'blue'; },
  'a scale answer value of 11': (d) => { firstLive(d.data.scale_answers).value = 11; },
  'a wheel score of 0': (d) => { firstLive(d.data.wheel_readings).scores[0].score = 0; },
  'a missing reference': (d) => { delete d.data.families[0].reference; },
  'a bad id "<b>"': (d) => { d.data.families[0].meta.id = '<b>'; },
  'format "other"': (d) => { d.format = 'other'; },
  'a wrong date "2026-13-01"': (d) => { firstLive(d.data.families).opened = '2026-13-01'; },
  'a blank reference': (d) => { firstLive(d.data.families).reference = ' \u00a0 '; },
  'a reference of 61 characters': (d) => { firstLive(d.data.families).reference = 'é'.repeat(61); },
  'a date before 1900': (d) => { firstLive(d.data.members).born = '1899-12-31'; },
  'a child with both a birth and a due date': (d) => {
    const c = d.data.members.find((m) => isLive(m) && m.role === 'child');
    c.due = c.born;
  },
  'a need under an unknown headline': (d) => { d.data.needs[0].headline = 'joy'; },
  'a claim counting no need': (d) => { d.data.claims[0].needs = []; },
  'an outcome plan asking outcomes to last 0 months': (d) => { d.data.outcome_plans[0].plan.sustain_months = 0; },
  'a milestone answer "maybe"': (d) => {
    const a = firstLive(d.data.milestone_checks).answers;
    a[Object.keys(a)[0]] = 'maybe';
  },
  'review weeks of 53': (d) => { d.data.settings.review_weeks = 53; },
  'a timestamp before 2000': (d) => { d.data.families[0].meta.created = 946684799999; },
  'a fraction in a score': (d) => { firstLive(d.data.wheel_readings).scores[0].score = 4.5; },
  'schema version 6': (d) => { d.schema_version = 6; },
  'scope "some"': (d) => { d.scope = 'some'; },
  'a goal status "paused"': (d) => { firstLive(d.data.goals).status = 'paused'; },
  'a blank step of a goal': (d) => { firstLive(d.data.goals).steps[0].what = ' '; },
  'consent to "marketing"': (d) => { d.data.families.find((f) => isLive(f) && f.consent).consent.agreed.push('marketing'); },
  'consent to the same thing twice': (d) => {
    const k = d.data.families.find((f) => isLive(f) && f.consent?.agreed.length).consent;
    k.agreed.push(k.agreed[0]);
  },
  'an outcome rule of 0 weeks': (d) => { d.data.settings.outcomes.min_weeks = 0; },
  'an earlier episode without its closing': (d) => { delete d.data.families.find((f) => f.earlier).earlier[0].closed; },
  'an earlier episode with an unknown field': (d) => { d.data.families.find((f) => f.earlier).earlier[0].team = 'North'; },
};
// Files the app reads, which the schema must not refuse: limits apply to live records only.
const ACCEPTED = {
  // Waymark writes deletion marks without content; an earlier version's file may still carry it.
  'a deletion mark with a score of 0 (an earlier version kept scores)': (d) => {
    firstDead(d.data.wheel_readings).scores = [{ area: firstLive(d.data.wheel_readings).scores[0].area, score: 0 }];
  },
  'a deletion mark with an empty reference, as Waymark writes it': (d) => {
    assert.equal(firstDead(d.data.families).reference, '', 'deletion marks are written without content');
    d.data.families.push({ ...structuredClone(firstDead(d.data.families)), meta: { ...firstDead(d.data.families).meta, id: 'gone-family' } });
  },
  'settings of null': (d) => { d.data.settings = null; },
  'a deletion mark with the same consent twice (an earlier version kept consent)': (d) => {
    firstDead(d.data.families).consent = { date: '2026-01-05', agreed: ['keep_records', 'keep_records'] };
  },
  'a step due after the file was made (a plan looks forward)': (d) => { firstLive(d.data.goals).steps[0].by = '2027-06-30'; },
  'a reference of 60 characters and no collections but families': (d) => {
    firstLive(d.data.families).reference = 'é'.repeat(60);
    for (const k of ['members', 'wheel_readings', 'milestone_checks', 'scale_answers', 'questions', 'three_houses', 'goals']) delete d.data[k];
  },
};

function mutated(change) {
  assert.ok(validate(all), 'the unchanged export matches the schema');
  const copy = structuredClone(all);
  change(copy);
  assert.notDeepEqual(copy, all, 'the change changed something');
  return copy;
}

for (const [label, change] of Object.entries(REJECTED)) {
  test(`the schema rejects ${label}`, () => {
    const doc = mutated(change);
    assert.equal(validate(doc), false, `the schema accepted ${label}`);
    assert.match(appReads(doc), /^refused/, `the app read ${label}`);
  });
}

for (const [label, change] of Object.entries(ACCEPTED)) {
  test(`the schema accepts ${label}, as the app does`, () => {
    const doc = mutated(change);
    assertValid(doc, label);
    assert.equal(appReads(doc), 'ok');
  });
}

test('the built-in wheels follow the published wheel template shape', () => {
  const validateTemplate = ajv.getSchema(`${schema.$id}#/$defs/wheelTemplate`);
  assert.ok(validateTemplate, 'the schema defines wheelTemplate');
  for (const name of ['family', 'early_years', 'child']) {
    const t = JSON.parse(readFileSync(new URL(`../../src/domain/wheel/builtin/${name}.json`, import.meta.url), 'utf8'));
    assert.ok(validateTemplate(t), `${name}: ${ajv.errorsText(validateTemplate.errors)}`);
  }
  const broken = JSON.parse(readFileSync(new URL('../../src/domain/wheel/builtin/child.json', import.meta.url), 'utf8'));
  broken.areas[0].stages.pop();
  assert.equal(validateTemplate(broken), false, 'four stages are refused');
});

test('the built-in milestone framework follows the published shape', () => {
  const v = ajv.getSchema(`${schema.$id}#/$defs/framework`);
  const f = JSON.parse(readFileSync(new URL('../../src/domain/milestone/builtin/framework.json', import.meta.url), 'utf8'));
  assert.ok(v(f), ajv.errorsText(v.errors));
  delete f.stages[0].milestones;
  assert.equal(v(f), false);
});

test("the published outcome plan schema takes a council's plan and refuses a malformed one, as the app does", () => {
  const planSchema = JSON.parse(readFileSync(new URL('../../docs/schema/outcome-plan-v1.schema.json', import.meta.url), 'utf8'));
  const ajvP = new Ajv2020({ allErrors: true, logger });
  addFormats(ajvP);
  const validatePlan = ajvP.compile(planSchema);
  const plan = all.data.outcome_plans[0].plan;
  assert.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
  assert.equal(validatePlan({ ...plan, format: 'waymark' }), false);
  assert.equal(validatePlan({ ...plan, headlines: [{ headline: 'joy' }] }), false);
  assert.equal(validatePlan({ ...plan, sustain_months: 40 }), false);
});
