/**
 * The Evidence map pane: the claims × sources matrix (support, contradicts,
 * context), a graph of claims and their sources, and a list for screen
 * readers, each marking the claims that rest on one source or on sources
 * that are not independent. Clicking a cell opens its evidence. The map
 * exports as SVG and PNG, and goes into the brief as a figure.
 */
import { useId, useMemo, useState } from 'react';
import { figure as figureJson } from '../../../shared/brief/build';
import { buildEvidenceMap, flagLabel, type EvidenceMap, type MapCell, type MapFlag } from '../../../shared/evidence/map';
import { describeMap, graphLayout, renderMapSvg, STANCE_LABELS } from '../../../shared/evidence/layout';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { addFigure } from '../../db/repositories';
import { briefWriter } from '../../editor/briefCommands';
import { announce } from '../../lib/announce';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
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
  const notices = useNotices();
  const [view, setView] = useState<MapView>('matrix');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [current, setCurrent] = useState<{ claim: number; source: number } | null>(null);
  const [opened, setOpened] = useState<MapCell | null>(null);
  const headingId = useId();

  const full = useMemo(() => buildEvidenceMap({ claims: claims ?? [], passages: passages ?? [], sources: sources ?? [] }), [claims, passages, sources]);
  const map = useMemo(() => (flaggedOnly ? onlyFlagged(full) : full), [full, flaggedOnly]);
  const counts = useMemo(() => {
    const out: Record<MapFlag, number> = { none: 0, 'single-source': 0, 'not-independent': 0, 'no-support': 0 };
    for (const claim of full.claims) out[claim.flag]++;
    return out;
  }, [full]);

  const open = (cell: MapCell | undefined, claimId: string) => {
    setOpened(cell ?? null);
    const first = cell?.passageIds[0];
    if (first) {
      navigate({ kind: 'reveal-passage', passageId: first });
      announce(`Showing the evidence: ${cell.passageIds.length} passage${cell.passageIds.length === 1 ? '' : 's'}.`);
    } else navigate({ kind: 'open-claim', claimId });
  };

  const safeName = caseName.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim().replace(/\s+/g, '-') || 'case';

  const exportSvg = async () => {
    if (map.claims.length === 0) return notices.error('The map is empty: add claims with evidence first.');
    const saved = await platform().saveFile({
      suggestedName: `${safeName}-evidence-map.svg`,
      bytes: new TextEncoder().encode(renderMapSvg(map, `Evidence map: ${caseName}`)),
      mediaType: 'image/svg+xml',
      filters: [{ name: 'SVG image', extensions: ['svg'] }],
    });
    if (saved) notices.toast('Evidence map saved as SVG.');
  };

  const exportPng = async () => {
    if (map.claims.length === 0) return notices.error('The map is empty: add claims with evidence first.');
    try {
      const { png } = await svgToPng(renderMapSvg(map, `Evidence map: ${caseName}`));
      const saved = await platform().saveFile({ suggestedName: `${safeName}-evidence-map.png`, bytes: png, mediaType: 'image/png', filters: [{ name: 'PNG image', extensions: ['png'] }] });
      if (saved) notices.toast('Evidence map saved as PNG.');
    } catch (error) {
      notices.error(`The map could not be drawn as PNG: ${(error as Error).message}`);
    }
  };

  const insertIntoBrief = async () => {
    const writer = briefWriter();
    if (!writer) return notices.error('Open the brief first: the map goes where its caret is.');
    if (map.claims.length === 0) return notices.error('The map is empty: add claims with evidence first.');
    try {
      const svg = renderMapSvg(map, `Evidence map: ${caseName}`);
      const { png, width, height } = await svgToPng(svg);
      const alt = describeMap(map);
      const record = await addFigure({ caseId, svg, png, width, height, alt });
      if (writer.insertBlock(figureJson(record.id, alt, flaggedOnly ? 'Evidence map (flagged claims)' : 'Evidence map'))) {
        navigate({ kind: 'show-brief' });
        notices.toast('Evidence map inserted into the brief as a figure.');
      } else notices.error('The map could not be inserted into the brief.');
    } catch (error) {
      notices.error(`The map could not be inserted: ${(error as Error).message}`);
    }
  };

  const openedClaim = opened ? full.claims.find((c) => c.id === opened.claimId) : null;
  const openedSource = opened ? full.sources.find((s) => s.id === opened.sourceId) : null;
  const passagesById = useMemo(() => new Map((passages ?? []).map((p) => [p.id, p])), [passages]);

  return (
    <section className="evidence-map-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>Evidence map</h2>
        <div className="view-tools" role="toolbar" aria-label="Evidence map tools">
          <div className="segmented" role="group" aria-label="View">
            {(['matrix', 'graph', 'list'] as const).map((v) => (
              <button key={v} type="button" className="small" aria-pressed={view === v} onClick={() => setView(v)}>
                {v === 'matrix' ? 'Matrix' : v === 'graph' ? 'Graph' : 'List'}
              </button>
            ))}
          </div>
          <label>
            <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> Only flagged claims
          </label>
          <button type="button" className="small" onClick={() => void exportSvg()}>
            Export map as SVG
          </button>
          <button type="button" className="small" onClick={() => void exportPng()}>
            Export map as PNG
          </button>
          <button type="button" className="small" onClick={() => void insertIntoBrief()}>
            Insert map into brief
          </button>
        </div>
      </header>
      <p className="view-status" role="status">
        {full.claims.length} claim{full.claims.length === 1 ? '' : 's'} · {counts['single-source']} rest on one source · {counts['not-independent']} on sources that are not independent ·{' '}
        {counts['no-support']} without support
      </p>
      <Legend />
      {map.claims.length === 0 ? (
        <p className="muted">{full.claims.length === 0 ? 'No claims yet. Make claims from passages, and give them evidence.' : 'No claim is flagged.'}</p>
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
        <div className="map-evidence" role="group" aria-label="Evidence in this cell">
          <p>
            <strong>{openedClaim.statement}</strong> — {openedSource?.title}
          </p>
          <ul>
            {opened.passageIds.map((id) => (
              <li key={id}>
                <button type="button" className="small link-like" onClick={() => navigate({ kind: 'reveal-passage', passageId: id })}>
                  “{passagesById.get(id)?.selectors[0].exact.slice(0, 120) ?? 'Passage'}”
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="small" onClick={() => navigate({ kind: 'open-claim', claimId: openedClaim.id })}>
            Open claim
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
  return (
    <ul className="map-legend" aria-label="Legend">
      {(['supports', 'contradicts', 'context'] as const).map((stance) => (
        <li key={stance}>
          <span className={`swatch stance-${stance}`} aria-hidden="true" /> {STANCE_LABELS[stance]}
        </li>
      ))}
      {(['single-source', 'not-independent', 'no-support'] as const).map((flag) => (
        <li key={flag}>
          <span className={`dot flag-${flag}`} aria-hidden="true" /> {flagLabel(flag)}
        </li>
      ))}
    </ul>
  );
}

/** Claims on the left, sources on the right, one link per claim–source pair coloured by stance. */
function Graph({ map, onOpen }: { map: EvidenceMap; onOpen(cell: MapCell | undefined, claimId: string): void }) {
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
      {limited !== map && <p className="muted small">Showing {GRAPH_LIMIT} of {map.claims.length} claims, flagged ones first; the matrix shows all.</p>}
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={`Graph of ${limited.claims.length} claims and ${limited.sources.length} sources`}>
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
                aria-label={`${claim.statement}. ${flagLabel(claim.flag)}.`}
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
      <p className="visually-hidden">{cellByPair.size} links between claims and sources.</p>
    </div>
  );
}

/** The map as text: every claim with its flag and each source's stance, each opening its evidence. */
function ClaimList({ map, onOpen }: { map: EvidenceMap; onOpen(cell: MapCell | undefined, claimId: string): void }) {
  const sourceTitle = new Map(map.sources.map((s) => [s.id, s.title]));
  const cellsByClaim = new Map<string, MapCell[]>();
  for (const cell of map.cells) cellsByClaim.set(cell.claimId, [...(cellsByClaim.get(cell.claimId) ?? []), cell]);
  return (
    <ol className="map-list">
      {map.claims.map((claim) => (
        <li key={claim.id}>
          <p>
            {claim.statement} {claim.flag !== 'none' && <span className={`map-flag flag-${claim.flag}`}>{flagLabel(claim.flag)}</span>}
          </p>
          <ul>
            {(cellsByClaim.get(claim.id) ?? []).map((cell) => (
              <li key={cell.sourceId}>
                <button type="button" className="small link-like" onClick={() => onOpen(cell, claim.id)}>
                  {sourceTitle.get(cell.sourceId)}: {STANCE_LABELS[cell.stance].toLowerCase()}
                  {cell.passageIds.length > 1 ? ` (${cell.passageIds.length} passages)` : ''}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
