import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import * as runtime from 'react/jsx-runtime';
import { evaluate, type EvaluateOptions } from 'satteri';
import { LESSON_CHECK_ELEMENT, type PackagedCheckItem } from '../domain/lms/lesson';
import type { LoadedLesson } from '../library/content';

/**
 * A lesson for an LMS package: its MDX rendered to static HTML here (satteri, the site's MDX
 * processor, with React stand-ins for the lesson components), so packaging needs no site
 * build. Links are made plain text (a package has no site to link back to); the knowledge
 * check is left a mount point for the packaged player.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function Callout({
  type = 'note',
  title,
  children,
}: {
  type?: 'note' | 'tip' | 'caution';
  title?: string;
  children?: ReactNode;
}) {
  const label = title ?? { note: 'Note', tip: 'Tip', caution: 'Caution' }[type];
  return (
    <aside className={`callout callout-${type}`} aria-label={label}>
      <p className="callout-title">{label}</p>
      {children}
    </aside>
  );
}

function Exchange({
  client,
  weaker,
  stronger,
  clientName = 'Client',
  children,
}: {
  client: string;
  weaker: string;
  stronger: string;
  clientName?: string;
  children?: ReactNode;
}) {
  return (
    <figure className="exchange">
      <figcaption className="visually-hidden">Worked exchange with {clientName}</figcaption>
      <dl>
        <div className="line client">
          <dt>{clientName}</dt>
          <dd>“{client}”</dd>
        </div>
        <div className="line weaker">
          <dt>
            <span aria-hidden="true">✗ </span>Weaker reply
          </dt>
          <dd>“{weaker}”</dd>
        </div>
        <div className="line stronger">
          <dt>
            <span aria-hidden="true">✓ </span>Stronger reply
          </dt>
          <dd>“{stronger}”</dd>
        </div>
      </dl>
      <div className="why">
        <p className="why-label">Why it works</p>
        {children}
      </div>
    </figure>
  );
}

/** A reflection prompt: on the site a private note box; in a package, the prompt to think over. */
function Reflection({ prompt }: { prompt: string }) {
  return (
    <section className="reflection-block" aria-label="Reflection">
      <h3>Reflect</h3>
      <p>{prompt}</p>
    </section>
  );
}

const KnowledgeCheck = () => <div id={LESSON_CHECK_ELEMENT} />;

/** Links lead back to the site: in a package their text stays, as plain text; in-page anchors stay links. */
const PlainLink = ({ href, children }: { href?: string; children?: ReactNode }) =>
  href?.startsWith('#') ? <a href={href}>{children}</a> : <>{children}</>;

/** The lesson's text as HTML (the knowledge check as its mount point). */
export function lessonHtml(lesson: Pick<LoadedLesson, 'id' | 'body'>): string {
  // The runtime's parameter types are narrower than satteri's `unknown`; the calls match.
  const module = evaluate(lesson.body, runtime as unknown as EvaluateOptions) as Record<
    string,
    unknown
  >;
  if (typeof module.default !== 'function') throw new Error(`lesson ${lesson.id} did not render`);
  const Content = module.default as (props: { components: Record<string, unknown> }) => ReactNode;
  const html = renderToStaticMarkup(
    <Content components={{ Callout, Exchange, Reflection, KnowledgeCheck, a: PlainLink }} />,
  );
  // A lesson without <KnowledgeCheck /> in its text still has its check: at the end.
  return html.includes(`id="${LESSON_CHECK_ELEMENT}"`)
    ? html
    : `${html}<h2>Knowledge check</h2><div id="${LESSON_CHECK_ELEMENT}"></div>`;
}

/** The lesson components' own styles, read from their .astro files (unscoped: one page, no clashes). */
export function lessonStyles(): string {
  return ['Callout', 'Exchange', 'Reflection', 'KnowledgeCheck']
    .map((name) => readFileSync(`${ROOT}src/components/lesson/${name}.astro`, 'utf8'))
    .map((source) => /<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '')
    .map((css) => css.replace(/:global\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g, '$1').trim())
    .join('\n');
}

/** The check items as the packaged player shows them (skill names resolved). */
export function lessonCheckItems(
  lesson: LoadedLesson,
  skillNames: Record<string, string>,
): PackagedCheckItem[] {
  return lesson.frontmatter.check.map((item) => ({
    id: item.id,
    skill: item.skill,
    skillName: skillNames[item.skill] ?? item.skill,
    prompt: item.prompt,
    options: item.options.map((option) => ({
      id: option.id,
      text: option.text,
      correct: option.correct ?? false,
      feedback: option.feedback,
    })),
  }));
}
