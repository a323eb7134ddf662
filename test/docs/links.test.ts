/**
 * The documentation holds together: README stays short, every relative link in README.md and
 * docs/*.md points at a file that exists (and at a heading that exists, when it names one), and
 * README's map names every page in docs/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const README = join(ROOT, 'README.md');
const DOCS = join(ROOT, 'docs');
const MAX_README_LINES = 300;

const DOCUMENTS = [README, ...readdirSync(DOCS).filter((name) => name.endsWith('.md')).map((name) => join(DOCS, name))];

/** The text outside fenced code blocks and inline code: links and headings there are not markup. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets of `[text](target)`, without a title. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/**
 * GitHub's heading anchors: lower case, drop every character that is not a letter, mark,
 * number, connector (`_`), hyphen or space, spaces to hyphens, `-1`, `-2`… on repeats
 * (the rule of GitHub's table-of-contents filter, html-pipeline's TocFilter).
 */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const code = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
  for (const [, title] of markdown.replace(code, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = title!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

function brokenLinks(file: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (isExternal(target)) continue;
    const [path = '', anchor] = target.split('#');
    const linked = path === '' ? file : join(dirname(file), decodeURIComponent(path));
    if (!existsSync(linked)) {
      broken.push(`${target}: no file ${relative(ROOT, linked)}`);
    } else if (anchor !== undefined && linked.endsWith('.md') && !anchors(readFileSync(linked, 'utf8')).has(anchor)) {
      broken.push(`${target}: no heading #${anchor} in ${relative(ROOT, linked)}`);
    } else if (anchor !== undefined && statSync(linked).isDirectory()) {
      broken.push(`${target}: an anchor on a folder`);
    }
  }
  return broken;
}

describe('documentation', () => {
  it(`keeps README.md at most ${MAX_README_LINES} lines`, () => {
    const lines = readFileSync(README, 'utf8').trimEnd().split('\n').length;
    assert.ok(lines <= MAX_README_LINES, `README.md has ${lines} lines; move detail into docs/`);
  });

  for (const file of DOCUMENTS) {
    it(`resolves every relative link and anchor in ${relative(ROOT, file)}`, () => {
      assert.deepEqual(brokenLinks(file), []);
    });
  }

  it('links every page in docs/ from README.md', () => {
    const linked = new Set(linkTargets(readFileSync(README, 'utf8')).map((target) => target.split('#')[0]));
    const pages = DOCUMENTS.slice(1).map((file) => relative(ROOT, file));
    assert.deepEqual(pages.filter((page) => !linked.has(page)), []);
  });

  it('finds broken links and anchors (the checker itself)', () => {
    assert.deepEqual(anchors('# Callbacks (`callback_url`)\n## A — b\n## A — b\n```\n# not a heading\n```'), new Set(['callbacks-callback_url', 'a--b', 'a--b-1']));
    assert.deepEqual(linkTargets('[a](x.md#y) `[b](z.md)` [c](https://e.org) [d](<w.md> "t")'), ['x.md#y', 'https://e.org', 'w.md']);
  });
});
