/**
 * The Evidence map pane: the claims × sources matrix (support, contradicts,
 * context), a graph of claims and their sources, and a list for screen
 * readers, each marking the claims that rest on one source or on sources
 * that are not independent. Clicking a cell opens its evidence. The map
 * exports as SVG and PNG, and goes into the brief as a figure.
 */
import { safeFileStem } from '../../../shared/domain/fileName';
import { useId, useMemo, useState } from 'react';
import { figure as figureJson } from '../../../shared/brief/build';
import { buildEvidenceMap, type EvidenceMap, type MapCell } from '../../../shared/evidence/map';
import { graphLayout, renderMapSvg } from '../../../shared/evidence/layout';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { addFigure } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { briefWriter } from '../../editor/briefCommands';
import { announce } from '../../lib/announce';
import { STANCE_LABEL } from '../../lib/claimLabels';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { platform } from '../../platform';
import { FLAG_LABEL, mapSummary, mapSvgLabels } from './labels';
import { MatrixCanvas } from './MatrixCanvas';
import { svgToPng } from './rasterise';
import '../../styles/views.css';
import './evidenceMap.css';

export interface EvidenceMapPaneProps {
  caseId: string;
  caseName: string;
  sources: SourceRecord[] | undefined;
  passages: PassageRecord[] | undefined;
  claims: ClaimRecord[] | undefined;
}

type MapView = 'matrix' | 'graph' | 'list';
/** The graph stays readable (and quick) up to this many claims; beyond, it shows the flagged ones first. */
const GRAPH_LIMIT = 300;

export function EvidenceMapPane({ caseId, caseName, sources, passages, claims }: EvidenceMapPaneProps) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { reason: readOnlyReason } = useCaseReadOnly();
  const [view, setView] = useState<MapView>('matrix');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [current, setCurrent] = useState<{ claim: number; source: number } | null>(null);
  const [opened, setOpened] = useState<MapCell | null>(null);
  const headingId = useId();

  const full = useMemo(
    () => buildEvidenceMap({ claims: claims ?? [], passages: passages ?? [], sources: sources ?? [], untitledSource: t('evidenceMap.untitledSource') }),
    [claims, passages, sources, t],
  );
  const map = useMemo(() => (flaggedOnly ? onlyFlagged(full) : full), [full, flaggedOnly]);
  const svgLabels = () => mapSvgLabels(t, map, caseName);

  const open = (cell: MapCell | undefined, claimId: string) => {
    setOpened(cell ?? null);
    const first = cell?.passageIds[0];
    if (first) {
      navigate({ kind: 'reveal-passage', passageId: first });
      announce(t('evidenceMap.showing', { count: cell.passageIds.length }));
    } else navigate({ kind: 'open-claim', claimId });
  };

  const safeName = safeFileStem(caseName, 'case', 'hyphenated');

  const exportSvg = async () => {
    if (map.claims.length === 0) return notices.error(t('evidenceMap.empty'));
    const saved = await platform().saveFile({
      suggestedName: `${safeName}-evidence-map.svg`,
      bytes: new TextEncoder().encode(renderMapSvg(map, svgLabels())),
      mediaType: 'image/svg+xml',
      filters: [{ name: t('evidenceMap.svgFilter'), extensions: ['svg'] }],
    });
    if (saved) notices.toast(t('evidenceMap.savedSvg'));
  };

  const exportPng = async () => {
    if (map.claims.length === 0) return notices.error(t('evidenceMap.empty'));
    try {
      const { png } = await svgToPng(renderMapSvg(map, svgLabels()));
      const saved = await platform().saveFile({ suggestedName: `${safeName}-evidence-map.png`, bytes: png, mediaType: 'image/png', filters: [{ name: t('evidenceMap.pngFilter'), extensions: ['png'] }] });
      if (saved) notices.toast(t('evidenceMap.savedPng'));
    } catch (error) {
      notices.error(t('evidenceMap.pngFailed', { reason: failureText(error) }));
    }
  };

  const insertIntoBrief = async () => {
    // A read-only member's brief takes no writes: say why, rather than "open the brief first".
    if (readOnlyReason) return notices.error(readOnlyReason);
    const writer = briefWriter();
    if (!writer) return notices.error(t('evidenceMap.openBrief'));
    if (map.claims.length === 0) return notices.error(t('evidenceMap.empty'));
    try {
      const labels = svgLabels();
      const svg = renderMapSvg(map, labels);
      const { png, width, height } = await svgToPng(svg);
      const alt = labels.description;
      const record = await addFigure({ caseId, svg, png, width, height, alt });
      if (writer.insertBlock(figureJson(record.id, alt, flaggedOnly ? t('evidenceMap.captionFlagged') : t('evidenceMap.caption')))) {
        navigate({ kind: 'show-brief' });
        notices.toast(t('evidenceMap.inserted'));
      } else notices.error(t('evidenceMap.notInserted'));
    } catch (error) {
      notices.error(t('evidenceMap.insertFailed', { reason: failureText(error) }));
    }
  };

  const openedClaim = opened ? full.claims.find((c) => c.id === opened.claimId) : null;
  const openedSource = opened ? full.sources.find((s) => s.id === opened.sourceId) : null;
  const passagesById = useMemo(() => new Map((passages ?? []).map((p) => [p.id, p])), [passages]);

  return (
    <section className="evidence-map-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>{t('evidenceMap.title')}</h2>
        <div className="view-tools" role="toolbar" aria-label={t('evidenceMap.tools')}>
          <div className="segmented" role="group" aria-label={t('evidenceMap.view')}>
            {(['matrix', 'graph', 'list'] as const).map((v) => (
              <button key={v} type="button" className="small" aria-pressed={view === v} onClick={() => setView(v)}>
                {t(`evidenceMap.views.${v}`)}
              </button>
            ))}
          </div>
          <label>
            <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> {t('evidenceMap.flaggedOnly')}
          </label>
          <button type="button" className="small" onClick={() => void exportSvg()}>
            {t('evidenceMap.exportSvg')}
          </button>
          <button type="button" className="small" onClick={() => void exportPng()}>
            {t('evidenceMap.exportPng')}
          </button>
          <button type="button" className="small" onClick={() => void insertIntoBrief()}>
            {t('evidenceMap.insert')}
          </button>
        </div>
      </header>
      <p className="view-status" role="status">
        {mapSummary(t, full)}
      </p>
      <Legend />
      {map.claims.length === 0 ? (
        <p className="muted">{full.claims.length === 0 ? t('evidenceMap.noClaims') : t('evidenceMap.noneFlagged')}</p>
      ) : view === 'matrix' ? (
        <MatrixCanvas
          map={map}
          current={current}
          onCurrent={setCurrent}
          onOpen={(r, c, cell) => open(cell, map.claims[r]!.id)}
          onAnnounce={(text) => announce(text, 'evidence-map')}
        />
      ) : view === 'graph' ? (
        <Graph map={map} onOpen={open} />
      ) : (
        <ClaimList map={map} onOpen={open} />
      )}
      {opened && openedClaim && (
        <div className="map-evidence" role="group" aria-label={t('evidenceMap.cell')}>
          <p>
            <strong>{openedClaim.statement}</strong> — {openedSource?.title}
          </p>
          <ul>
            {opened.passageIds.map((id) => (
              <li key={id}>
                <button type="button" className="small link-like" onClick={() => navigate({ kind: 'reveal-passage', passageId: id })}>
                  “{passagesById.get(id)?.selectors[0].exact.slice(0, 120) ?? t('evidenceMap.passageFallback')}”
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="small" onClick={() => navigate({ kind: 'open-claim', claimId: openedClaim.id })}>
            {t('evidenceMap.openClaim')}
          </button>
        </div>
      )}
    </section>
  );
}

function onlyFlagged(map: EvidenceMap): EvidenceMap {
  const claims = map.claims.filter((c) => c.flag !== 'none');
  const keep = new Set(claims.map((c) => c.id));
  const cells = map.cells.filter((c) => keep.has(c.claimId));
  const used = new Set(cells.map((c) => c.sourceId));
  return { claims, cells, sources: map.sources.filter((s) => used.has(s.id)) };
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t('evidenceMap.legend')}>
      {(['supports', 'contradicts', 'context'] as const).map((stance) => (
        <li key={stance}>
          <span className={`swatch stance-${stance}`} aria-hidden="true" /> {STANCE_LABEL[stance]}
        </li>
      ))}
      {(['single-source', 'not-independent', 'no-support'] as const).map((flag) => (
        <li key={flag}>
          <span className={`dot flag-${flag}`} aria-hidden="true" /> {FLAG_LABEL[flag]}
        </li>
      ))}
    </ul>
  );
}

/** Claims on the left, sources on the right, one link per claim–source pair coloured by stance. */
function Graph({ map, onOpen }: { map: EvidenceMap; onOpen(cell: MapCell | undefined, claimId: string): void }) {
  const { t } = useTranslation();
  const limited = useMemo(() => {
    if (map.claims.length <= GRAPH_LIMIT) return map;
    const claims = [...map.claims].sort((a, b) => Number(a.flag === 'none') - Number(b.flag === 'none')).slice(0, GRAPH_LIMIT);
    const keep = new Set(claims.map((c) => c.id));
    const cells = map.cells.filter((c) => keep.has(c.claimId));
    const used = new Set(cells.map((c) => c.sourceId));
    return { claims, cells, sources: map.sources.filter((s) => used.has(s.id)) };
  }, [map]);
  const layout = useMemo(() => graphLayout(limited), [limited]);
  const claimById = new Map(limited.claims.map((c) => [c.id, c]));
  const sourceById = new Map(limited.sources.map((s) => [s.id, s]));
  const cellByPair = new Map(limited.cells.map((c) => [`${c.claimId}\u0000${c.sourceId}`, c]));
  return (
    <div className="map-graph">
      {limited !== map && <p className="muted small">{t('evidenceMap.graphLimited', { shown: GRAPH_LIMIT, count: map.claims.length })}</p>}
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={t('evidenceMap.graphLabel', { claims: t('evidenceMap.claims', { count: limited.claims.length }), sources: t('evidenceMap.sources', { count: limited.sources.length }) })}>
        {layout.links.map((link) => (
          <path key={`${link.claimId}-${link.sourceId}`} d={link.path} className={`map-link stance-${link.stance}`} fill="none" />
        ))}
        {layout.claims.map((node) => {
          const claim = claimById.get(node.id)!;
          const firstCell = limited.cells.find((c) => c.claimId === node.id);
          return (
            <g key={node.id} transform={`translate(${node.x},${node.y})`}>
              <a
                href="#"
                role="button"
                aria-label={t('evidenceMap.claimNode', { statement: claim.statement, flag: FLAG_LABEL[claim.flag] })}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(firstCell, claim.id);
                }}
              >
                <circle r={6} className={`map-node flag-${claim.flag}`} />
                <text x={-12} dy="0.32em" textAnchor="end" className="map-label">
                  {claim.statement.length > 44 ? `${claim.statement.slice(0, 43)}…` : claim.statement}
                </text>
              </a>
            </g>
          );
        })}
        {layout.sources.map((node) => {
          const source = sourceById.get(node.id)!;
          return (
            <g key={node.id} transform={`translate(${node.x},${node.y})`}>
              <rect x={-6} y={-6} width={12} height={12} className="map-source" />
              <text x={12} dy="0.32em" className="map-label">
                {source.title.length > 36 ? `${source.title.slice(0, 35)}…` : source.title}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="visually-hidden">{t('evidenceMap.links', { count: cellByPair.size })}</p>
    </div>
  );
}

/** The map as text: every claim with its flag and each source's stance, each opening its evidence. */
function ClaimList({ map, onOpen }: { map: EvidenceMap; onOpen(cell: MapCell | undefined, claimId: string): void }) {
  const { t } = useTranslation();
  const sourceTitle = new Map(map.sources.map((s) => [s.id, s.title]));
  const cellsByClaim = new Map<string, MapCell[]>();
  for (const cell of map.cells) cellsByClaim.set(cell.claimId, [...(cellsByClaim.get(cell.claimId) ?? []), cell]);
  return (
    <ol className="map-list">
      {map.claims.map((claim) => (
        <li key={claim.id}>
          <p>
            {claim.statement} {claim.flag !== 'none' && <span className={`map-flag flag-${claim.flag}`}>{FLAG_LABEL[claim.flag]}</span>}
          </p>
          <ul>
            {(cellsByClaim.get(claim.id) ?? []).map((cell) => (
              <li key={cell.sourceId}>
                <button type="button" className="small link-like" onClick={() => onOpen(cell, claim.id)}>
                  {t('evidenceMap.listCell', { source: sourceTitle.get(cell.sourceId) ?? '', stance: STANCE_LABEL[cell.stance].toLocaleLowerCase() })}
                  {cell.passageIds.length > 1 ? t('evidenceMap.listPassages', { count: cell.passageIds.length }) : ''}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
