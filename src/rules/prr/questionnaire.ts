import type { Finding, MarkdownDocument, Proposal, RepositoryFacts } from '../../model/index.js';
import {
  boldQuestions,
  headingKey,
  predates,
  type QuestionnaireSection,
  readmeIndex,
  type TemplateQuestion,
  targetsCurrentRelease,
  templateNote,
  templateOutline,
  titleSection,
} from '../readme/outline.js';
import { rangeView, subtreeRange } from '../readme/prose.js';
import type { Rule } from '../types.js';

export const prrQuestionnaireRule: Rule = {
  id: 'prr/questionnaire',
  description:
    'a PRR question required for the KEP’s stage is missing or unanswered (only the template’s comments and example text), one finding per question',
  rationale:
    'Production readiness reviewers read the questionnaire in the README; an approval file says nothing about whether it was answered. Which sections each stage needs is read from the repo’s template, from the sentences in each questionnaire section ("must be completed when targeting alpha", "For beta, this section is required"): in Kubernetes, alpha needs Feature Enablement and Rollback, beta and stable every section. Questions are the template’s headings under those sections (or its bold lines, in templates before 2021); a README may ask them as headings or as bold lines, and they are matched by text, allowing small rewordings. An answer is visible text other than the template’s comments and its own example lines under that question. One finding per question, at the README’s question (or its section when the question is missing). Applies to implementable KEPs whose latest-milestone needs PRR (from the profile’s PRR release on) and to KEPs whose latest-milestone is the current release, at the stage they target; `kep lint --release` makes these errors for the KEPs it gates.',
  severity: 'warning',
  docs: {
    appliesTo:
      'moving KEPs that need PRR (prr/required’s statuses, from prr.requiredFromMilestone on), for the sections the template requires at their stage',
    profileKeys: [
      'prr.requiredStatuses',
      'prr.requiredFromMilestone',
      'readme.stageRequirements',
      'readme.stageAliases',
      'metadata.stageOrder',
      'template',
    ],
    bad: {
      kind: 'README',
      text: '###### How can this feature be enabled / disabled in a live cluster?\n\n<!-- Pick one of these and delete the rest. -->',
    },
    good: {
      kind: 'README',
      text: '###### How can this feature be enabled / disabled in a live cluster?\n\n- [x] Feature gate: `InPlacePodVerticalScaling` (kubelet, kube-apiserver)',
    },
  },
  check(proposal, facts) {
    const doc = proposal.readme;
    const outline = templateOutline(facts, proposal);
    if (!doc || !outline || outline.questionnaireSections.length === 0) return [];
    const stage = targetStage(proposal, facts);
    if (!stage) return [];
    const order = facts.profile.metadata.stageOrder;
    const required = outline.questionnaireSections.filter(
      (scoped) => order.indexOf(scoped.requiredFrom) <= order.indexOf(stage),
    );
    const questions = required.reduce((sum, scoped) => sum + scoped.questions.length, 0);
    if (questions === 0) return [];
    const { byKey } = readmeIndex(doc);
    const file = doc.file.path;
    const name = outline.questionnaire?.section.heading ?? 'questionnaire';
    const questionnaireAt = outline.questionnaire ? (byKey.get(outline.questionnaire.key)?.[0] ?? -1) : -1;
    if (outline.questionnaire && questionnaireAt < 0) {
      const title = titleSection(doc);
      return [
        {
          file,
          line: title?.line ?? 1,
          column: title?.column ?? 1,
          message: `no "${name}": its ${questions} questions required for ${stage} are unanswered${templateNote(outline.version)}`,
        },
      ];
    }
    const note = templateNote(outline.version);
    const findings: Finding[] = [];
    for (const scoped of required) {
      const at = (byKey.get(scoped.heading.key) ?? []).find((index) => index > questionnaireAt) ?? -1;
      if (at < 0) {
        const parent = doc.sections[questionnaireAt];
        findings.push({
          file,
          line: parent?.line ?? 1,
          column: parent?.column ?? 1,
          message: `no "${scoped.heading.section.heading}" section (required for ${stage}): its ${scoped.questions.length} questions are unanswered${note}`,
        });
        continue;
      }
      findings.push(...checkSection(doc, at, scoped, stage, note));
    }
    return findings;
  },
};

/** The stage the questionnaire is judged for, or undefined when the rule does not apply to the proposal. */
function targetStage(proposal: Proposal, facts: RepositoryFacts): string | undefined {
  const { status, stage, latestMilestone } = proposal.metadata;
  const { prr, readme } = facts.profile;
  if (!prr || !readme || !stage || !facts.profile.metadata.stageOrder.includes(stage)) return undefined;
  if (targetsCurrentRelease(proposal, facts)) return stage;
  const moving =
    status !== undefined && prr.requiredStatuses.includes(status) && readme.activeStatuses.includes(status);
  if (!moving || !latestMilestone || predates(latestMilestone, prr.requiredFromMilestone)) return undefined;
  return stage;
}

interface ReadmeQuestion {
  text: string;
  key: string;
  /** 1-based position of the question. */
  line: number;
  column: number;
  /** 0-based line range of its answer. */
  start: number;
  end: number;
  /** Answer text on the question's own line (bold questions). */
  rest: string;
}

function checkSection(
  doc: MarkdownDocument,
  at: number,
  scoped: QuestionnaireSection,
  stage: string,
  note: string,
): Finding[] {
  const section = doc.sections[at]!;
  const { end } = subtreeRange(doc, at);
  const asked: ReadmeQuestion[] = [];
  for (let next = at + 1; next < doc.sections.length; next++) {
    const sub = doc.sections[next]!;
    if (sub.line - 1 > end) break;
    if (sub.nested) continue;
    asked.push({
      text: sub.heading,
      key: headingKey(sub.heading),
      line: sub.line,
      column: sub.column,
      start: sub.bodyStartLine,
      end,
      rest: '',
    });
  }
  // The questions and answers are read from this section's lines only, not the whole README.
  const view = rangeView(doc, section.bodyStartLine, end);
  for (const bold of boldQuestions(doc, section, end, view.prose)) {
    asked.push({ ...bold, key: headingKey(bold.text), start: bold.lastLine + 1, end });
  }
  asked.sort((a, b) => a.line - b.line);
  for (const [position, question] of asked.entries()) {
    const next = asked[position + 1];
    if (next) question.end = Math.min(question.end, next.line - 2);
  }
  const matched = matchQuestions(scoped.questions, asked);
  const findings: Finding[] = [];
  for (const question of scoped.questions) {
    const answer = matched.get(question);
    if (!answer) {
      findings.push({
        file: doc.file.path,
        line: section.line,
        column: section.column,
        message: `PRR question missing (required for ${stage}): "${question.heading}"${note}`,
      });
    } else if (!answered(answer, question, view.visible, section.bodyStartLine)) {
      findings.push({
        file: doc.file.path,
        line: answer.line,
        column: answer.column,
        message: `PRR question unanswered (required for ${stage}): "${question.heading}"${note}`,
      });
    }
  }
  return findings;
}

/** Match the template's questions to the README's: same text first, then the closest rewording. */
function matchQuestions(
  questions: TemplateQuestion[],
  asked: ReadmeQuestion[],
): Map<TemplateQuestion, ReadmeQuestion> {
  const matched = new Map<TemplateQuestion, ReadmeQuestion>();
  const taken = new Set<ReadmeQuestion>();
  for (const question of questions) {
    const same = asked.find((candidate) => !taken.has(candidate) && candidate.key === question.key);
    if (same) {
      matched.set(question, same);
      taken.add(same);
    }
  }
  for (const question of questions) {
    if (matched.has(question)) continue;
    let best: ReadmeQuestion | undefined;
    let bestScore = REWORDING_SIMILARITY;
    for (const candidate of asked) {
      if (taken.has(candidate)) continue;
      const score = similarity(question.key, candidate.key);
      if (score >= bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best) {
      matched.set(question, best);
      taken.add(best);
    }
  }
  return matched;
}

/** Word overlap (Jaccard) at which a README question counts as a rewording of the template's. */
const REWORDING_SIMILARITY = 0.6;

function similarity(a: string, b: string): number {
  const left = new Set(a.split('-').filter(Boolean));
  const right = new Set(b.split('-').filter(Boolean));
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared || 1);
}

/** Whether the answer's lines (`visible` holds the section's lines from `offset` on) say more than the template. */
function answered(
  answer: ReadmeQuestion,
  question: TemplateQuestion,
  visible: readonly string[],
  offset: number,
): boolean {
  if (answer.rest.trim() !== '') return true;
  for (let line = answer.start; line <= answer.end; line++) {
    const text = (visible[line - offset] ?? '').trim();
    if (text !== '' && !question.example.has(text)) return true;
  }
  return false;
}
