// @vitest-environment jsdom
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../../renderer/import/importFile';
import { importFailure } from '../../helpers/importFailure';

describe('a Word document with no text', () => {
  it('gets its own message, not the advice for web pages', async () => {
    // A 1×1 PNG: a document holding only a picture.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 40, height: 40 } })] }), new Paragraph('')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    expect(await importFailure(importFile('pictures-only.docx', bytes), 'no-text')).toBe(
      '“pictures-only.docx” has no text: the Word document is empty, or holds only pictures, shapes or embedded objects.',
    );
  });
});
