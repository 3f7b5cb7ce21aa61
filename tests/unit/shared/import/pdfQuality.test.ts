import { describe, expect, it } from 'vitest';
import { isGarbled, textLayerQuality } from '../../../../shared/import/pdfQuality';

const ENGLISH = 'The harbour master signed the ledger on Tuesday. Eleven barges waited at the eastern quay, four more than in the previous quarter, and the dredger stopped working on a Thursday.';

describe('text-layer quality', () => {
  it('passes ordinary pages in several languages and scripts', () => {
    for (const page of [
      ENGLISH,
      'Le capitaine du port a signé le registre mardi ; onze barges attendaient au quai est, soit quatre de plus qu’au trimestre précédent.',
      'Die Hafenbehörde veröffentlichte am Montag den Baggerbericht. Das Donaudampfschifffahrtsgesellschaftskapitänspatent ist ein langes Wort.',
      '港口管理局星期一发布了季度疏浚报告。检查人员在东码头数到十一艘驳船，比上一季度多四艘。',
      'أصدرت سلطة الميناء تقرير التجريف الفصلي يوم الاثنين، وأحصى المفتشون إحدى عشرة بارجة على الرصيف الشرقي.',
    ]) {
      expect(textLayerQuality(page).problems, page).toEqual([]);
    }
  });

  it('passes a page with a few symbol-font bullets and a long web address', () => {
    const page = `\uf0b7 ${ENGLISH}\n\uf0b7 See https://harbour.example/reports/2024/quarterly-dredging-report-appendix-b for the tables.\n\uf0b7 ${ENGLISH}`;
    expect(isGarbled(textLayerQuality(page))).toBe(false);
  });

  it('fails glyph numbers from a font without a Unicode map (control characters and shifted letters)', () => {
    // What pdf.js reads from Chromium's DejaVu subset once its /ToUnicode is gone.
    const quality = textLayerQuality('7KH\u0003KDUERXU\u0003PDVWHU\u0003VLJQHG\u0003WKH\u0003OHGJHU\u0003RQ\u00037XHVGD\\\u0011');
    expect(quality.control).toBe(8);
    expect(quality.problems).toEqual(['control']);
  });

  it('fails private-use and replacement characters in bulk', () => {
    expect(textLayerQuality('\ue021\ue034\ue045 \ue011\ue002\ue019\ue031 the \ue023\ue044').problems).toEqual(['private-use']);
    expect(textLayerQuality('The \ufffd\ufffd\ufffdarbour \ufffdaster si\ufffdned').problems).toEqual(['replacement']);
  });

  it('fails mojibake: UTF-8 read as Latin-1 or Windows-1252', () => {
    const page = 'Le capitaine du port a signÃ© le registre ; il nâ€™y avait que onze barges Ã  quai, et lâ€™Ã©tÃ© fut long.';
    expect(textLayerQuality(page).problems).toEqual(['mojibake']);
    expect(textLayerQuality('Ça coûte 5 € à Noël — «\u00a0déjà\u00a0» vu.').problems).toEqual([]);
  });

  it('fails words run together', () => {
    const page = 'Theharbourmastersignedtheledgeron Tuesday. Elevenbargeswaitedattheeasternquayfourmorethanbefore andthedredgerstoppedworkingonaThursday.';
    expect(textLayerQuality(page).problems).toEqual(['run-together']);
  });
});
