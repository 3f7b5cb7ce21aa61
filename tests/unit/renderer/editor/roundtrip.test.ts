import { createHeadlessEditor } from '@lexical/headless';
import { describe, expect, it } from 'vitest';
import { brief, citation, claimMark, heading, linebreak, link, list, paragraph, quote, text, TEXT_FORMAT } from '../../../../shared/brief/build';
import { numberCitations } from '../../../../shared/brief/citations';
import { BRIEF_NODES } from '../../../../renderer/editor/nodes';

/** A brief with every node kind the editor registers, nested the ways a writer nests them. */
function everyKind() {
  return brief(
    heading('h1', text('Port Velden seizure')),
    heading('h2', text('What was found')),
    heading('h3', text('Figures')),
    paragraph(
      text('Officials reported '),
      text('3.2 tonnes', TEXT_FORMAT.bold),
      text(' of '),
      text('cocaine', TEXT_FORMAT.italic | TEXT_FORMAT.underline),
      citation('p-haul'),
      text(' and '),
      claimMark(['claim-1'], text('14 detentions'), citation('p-detained', 'claim-1')),
      text('.'),
      linebreak(),
      text('See '),
      link('https://example.org/report', text('the report')),
      text(' and '),
      { ...link('https://example.org/auto', text('https://example.org/auto')), type: 'autolink', isUnlinked: false },
      text(', with code ', 0),
      text('x=1', TEXT_FORMAT.code),
      text(' and ', 0),
      text('struck', TEXT_FORMAT.strikethrough),
    ),
    quote(text('14 people had been detained across three provinces'), citation('p-detained')),
    list('bullet', [[text('First point'), citation('p-haul')], [text('Second point')]]),
    list('number', [[text('One')], [text('Two'), citation('p-guns')]]),
  );
}

function roundTrip(json: unknown): unknown {
  const editor = createHeadlessEditor({ namespace: 'roundtrip', nodes: [...BRIEF_NODES], onError: (e) => { throw e; } });
  editor.setEditorState(editor.parseEditorState(JSON.stringify(json)));
  return editor.getEditorState().toJSON();
}

describe('brief JSON round trip through a headless Lexical editor', () => {
  it('loads and re-serialises a brief with every node kind to the same JSON', () => {
    const first = roundTrip(everyKind());
    const second = roundTrip(first);
    expect(second).toEqual(first);
    // Nothing was dropped on the way: every kind is still there.
    const types = new Set<string>();
    const walk = (node: { type?: string; children?: unknown[] }) => {
      if (node.type) types.add(node.type);
      node.children?.forEach((c) => walk(c as typeof node));
    };
    walk((first as { root: { type: string; children: unknown[] } }).root);
    expect([...types].sort()).toEqual(['autolink', 'citation', 'heading', 'linebreak', 'link', 'list', 'listitem', 'mark', 'paragraph', 'quote', 'root', 'text']);
  });

  it('keeps citations exactly as the app writes them: IDs only, claim ID when given', () => {
    const json = roundTrip(everyKind());
    const numbering = numberCitations(json);
    expect(numbering.order).toEqual(['p-haul', 'p-detained', 'p-guns']);
    expect(numbering.occurrences).toEqual([
      { passageId: 'p-haul', n: 1 },
      { passageId: 'p-detained', n: 2, claimId: 'claim-1' },
      { passageId: 'p-detained', n: 2 },
      { passageId: 'p-haul', n: 1 },
      { passageId: 'p-guns', n: 3 },
    ]);
    const text = JSON.stringify(json);
    expect(text).toContain('{"type":"citation","version":1,"passageId":"p-detained","claimId":"claim-1"}');
    expect(text).toContain('"type":"mark","version":1');
    expect(text).toContain('"ids":["claim-1"]');
  });

  it('writes the same JSON as the builders that make the sample case and fixtures', () => {
    const built = brief(paragraph(text('A '), citation('p1'), text(' b.')), quote(text('Q'), citation('p1', 'c1')), heading('h2', text('H')));
    expect(roundTrip(built)).toEqual(built);
  });
});
