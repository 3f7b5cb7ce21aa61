import { resolve } from '../../../shared/anchoring';
import { fromAnnotationCollection, toAnnotationCollection } from '../../../shared/annotations/w3c';
import { safeFileStem } from '../../../shared/domain/fileName';
import type { PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { addAnnotatedPassages, buildPassage, locatorAt, passageIdsTaken, readAnnotationTargets } from '../../db/repositories';
import { t, translate } from '../../i18n';
import { platform } from '../../platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/** Write the case's passages as a W3C Web Annotation collection (JSON-LD). Returns a status line. */
export async function exportAnnotations(caseId: string, caseName: string): Promise<string> {
  const { sources, passages, tags } = await readAnnotationTargets(caseId);
  if (passages.length === 0) throw new Error(t('annotationFile.noPassages'));
  const collection = toAnnotationCollection(caseName, sources, passages, tags, Date.now());
  const bytes = new TextEncoder().encode(`${JSON.stringify(collection, null, 2)}\n`);
  const saved = await platform().saveFile({
    suggestedName: `${safeFileStem(caseName, 'case', 'hyphenated')}.annotations.jsonld`,
    bytes,
    mediaType: 'application/ld+json',
    filters: [{ name: t('annotationFile.fileFilter'), extensions: ['jsonld', 'json'] }],
  });
  return saved ? t('annotationFile.exported', { count: passages.length }) : t('annotationFile.exportCancelled');
}

function matchSource(ref: { sourceRef: string; sourceSha256?: string; sourceUrl?: string }, sources: SourceRecord[]): SourceRecord | undefined {
  const id = ref.sourceRef.replace(/^urn:uuid:/i, '');
  return (
    sources.find((s) => s.id === id) ??
    (ref.sourceSha256 ? sources.find((s) => s.sha256 === ref.sourceSha256) : undefined) ??
    (ref.sourceUrl ? sources.find((s) => s.metadata.URL === ref.sourceUrl || s.fetched?.finalUrl === ref.sourceUrl) : undefined)
  );
}

/**
 * Read a W3C annotation file back onto this case's sources. The whole file is
 * validated and every passage placed (re-anchored where the text differs)
 * before anything is written; then it is written in one transaction.
 */
export async function importAnnotations(caseId: string): Promise<string> {
  const [file] = await platform().openFiles({ title: t('annotationFile.chooserTitle'), filters: [{ name: t('annotationFile.fileFilter'), extensions: ['jsonld', 'json'] }] });
  if (!file) return t('annotationFile.importCancelled');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new Error(t('annotationFile.notUtf8', { name: file.name }));
  }
  const parsed = fromAnnotationCollection(text, { now: Date.now() });
  // The parser names its reason as a message (shared/annotations), shown in the UI's language.
  if (!parsed.ok) throw new Error(t('annotationFile.unreadable', { name: file.name, reason: translate(parsed.detail) }));

  const { sources } = await readAnnotationTargets(caseId);
  // An ID that is taken stays a duplicate, unless it is a passage of this case in the Trash: the file brings it back.
  const { live: existingIds } = await passageIdsTaken(caseId, parsed.annotations.map((a) => a.id));
  const planned: { passage: PassageRecord; tagNames: string[] }[] = [];
  let duplicates = 0;
  let unmatched = 0;
  for (const a of parsed.annotations) {
    if (existingIds.has(a.id)) {
      duplicates++;
      continue;
    }
    const source = matchSource(a, sources);
    if (!source) {
      unmatched++;
      continue;
    }
    const placement = resolve(source.text, a.position ? [a.quote, a.position] : [a.quote]);
    const base =
      placement.status === 'orphaned'
        ? { selectors: [a.quote, a.position ?? { type: 'TextPositionSelector' as const, start: 0, end: 0 }] as PassageRecord['selectors'], locator: locatorAt(source, a.position?.start ?? 0) }
        : buildPassage(source, placement.start, placement.end);
    planned.push({
      tagNames: a.tagNames,
      passage: {
        id: UUID.test(a.id) && !existingIds.has(a.id) ? a.id : crypto.randomUUID(),
        caseId,
        sourceId: source.id,
        selectors: base.selectors,
        locator: base.locator,
        tags: [],
        comment: a.comment,
        anchor: placement.status,
        createdAt: a.created,
        updatedAt: a.modified,
      },
    });
  }
  if (planned.length === 0) {
    if (duplicates > 0 && unmatched === 0) return t('annotationFile.allHere', { count: duplicates });
    throw new Error(t('annotationFile.noneMatch', { count: parsed.annotations.length, name: file.name }));
  }

  await addAnnotatedPassages(caseId, planned);
  const orphaned = planned.filter((p) => p.passage.anchor === 'orphaned').length;
  const moved = planned.filter((p) => p.passage.anchor === 'moved' || p.passage.anchor === 'fuzzy').length;
  return [
    t('annotationFile.imported', { count: planned.length }),
    moved ? t('annotationFile.reanchored', { count: moved }) : '',
    orphaned ? t('annotationFile.orphaned', { count: orphaned }) : '',
    duplicates ? t('annotationFile.alreadyHere', { count: duplicates }) : '',
    unmatched ? t('annotationFile.unmatched', { count: unmatched }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
