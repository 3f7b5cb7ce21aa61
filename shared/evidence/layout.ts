/**
 * Where everything of the evidence map goes, computed once with d3 scales:
 * the matrix (claims down, sources across) and the graph (claims on the
 * left, sources on the right, a link per claim–source pair coloured by
 * stance). The pane draws this layout as React SVG, and `renderMapSvg`
 * writes the same layout as a standalone SVG file, so an export looks
 * exactly like the screen.
 */
import { scaleBand, scalePoint } from 'd3-scale';
import { linkHorizontal } from 'd3-shape';
import type { Stance } from '../domain/types';
import { flagLabel, type EvidenceMap, type MapCell, type MapFlag } from './map';

export const STANCE_COLOURS: Record<Stance, string> = { supports: '#1a7f37', contradicts: '#c62828', context: '#6e7781' };
export const FLAG_COLOURS: Record<MapFlag, string> = { 'single-source': '#b35900', 'not-independent': '#8250df', 'no-support': '#57606a', none: '#1a7f37' };
export const STANCE_LABELS: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };

export interface MatrixLayout {
  width: number;
  height: number;
  /** Left edge of the cells (claim labels go before it). */
  left: number;
  /** Top edge of the cells (source labels go above it). */
  top: number;
  cell: number;
  rowY: Map<string, number>;
  columnX: Map<string, number>;
}

export const MATRIX = { cell: 22, labelWidth: 300, headerHeight: 140, flagWidth: 22 };

/** The matrix's geometry: a band per claim and per source. */
export function matrixLayout(map: Pick<EvidenceMap, 'claims' | 'sources'>, cell = MATRIX.cell): MatrixLayout {
  const left = MATRIX.labelWidth + MATRIX.flagWidth;
  const top = MATRIX.headerHeight;
  const rows = scaleBand<string>()
    .domain(map.claims.map((c) => c.id))
    .range([top, top + cell * map.claims.length]);
  const columns = scaleBand<string>()
    .domain(map.sources.map((s) => s.id))
    .range([left, left + cell * map.sources.length]);
  const rowY = new Map(map.claims.map((c) => [c.id, rows(c.id) ?? top]));
  const columnX = new Map(map.sources.map((s) => [s.id, columns(s.id) ?? left]));
  return { width: Math.max(left + cell * map.sources.length + 16, 820), height: top + cell * map.claims.length + 48, left, top, cell, rowY, columnX };
}

export interface GraphLayout {
  width: number;
  height: number;
  claims: { id: string; x: number; y: number }[];
  sources: { id: string; x: number; y: number }[];
  links: { claimId: string; sourceId: string; stance: Stance; path: string }[];
}

export const GRAPH = { row: 28, width: 900, claimX: 320, sourceX: 600 };

/**
 * The graph: claims in a column on the left, sources on the right, each
 * source placed at the mean position of the claims it bears on (barycentre
 * ordering), which keeps most links short and uncrossed.
 */
export function graphLayout(map: EvidenceMap): GraphLayout {
  const claimIndex = new Map(map.claims.map((c, i) => [c.id, i]));
  const barycentre = new Map<string, number>();
  for (const source of map.sources) {
    const rows = map.cells.filter((c) => c.sourceId === source.id).map((c) => claimIndex.get(c.claimId) ?? 0);
    barycentre.set(source.id, rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0);
  }
  const orderedSources = [...map.sources].sort((a, b) => (barycentre.get(a.id) ?? 0) - (barycentre.get(b.id) ?? 0));
  const count = Math.max(map.claims.length, map.sources.length, 1);
  const height = count * GRAPH.row + 40;
  const claimY = scalePoint<string>()
    .domain(map.claims.map((c) => c.id))
    .range([20, height - 20])
    .padding(0.5);
  const sourceY = scalePoint<string>()
    .domain(orderedSources.map((s) => s.id))
    .range([20, height - 20])
    .padding(0.5);
  const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
  const claims = map.claims.map((c) => ({ id: c.id, x: GRAPH.claimX, y: claimY(c.id) ?? 0 }));
  const sources = orderedSources.map((s) => ({ id: s.id, x: GRAPH.sourceX, y: sourceY(s.id) ?? 0 }));
  const links = map.cells.map((cell) => ({
    claimId: cell.claimId,
    sourceId: cell.sourceId,
    stance: cell.stance,
    path: link({ source: [GRAPH.claimX + 6, claimY(cell.claimId) ?? 0], target: [GRAPH.sourceX - 6, sourceY(cell.sourceId) ?? 0] }) ?? '',
  }));
  return { width: GRAPH.width, height, claims, sources, links };
}

// ------------------------------------------------------------ standalone SVG

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function clipText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A one-sentence description of the map, for alt text and the SVG's <desc>. */
export function describeMap(map: EvidenceMap): string {
  const single = map.claims.filter((c) => c.flag === 'single-source').length;
  const dependent = map.claims.filter((c) => c.flag === 'not-independent').length;
  const none = map.claims.filter((c) => c.flag === 'no-support').length;
  return `Evidence map of ${map.claims.length} claim${map.claims.length === 1 ? '' : 's'} and ${map.sources.length} source${map.sources.length === 1 ? '' : 's'}: ${single} rest${single === 1 ? 's' : ''} on one source, ${dependent} on sources that are not independent, ${none} ha${none === 1 ? 's' : 've'} no supporting source.`;
}

/** The words a standalone map carries, in the language of the person who exports it. */
export interface MapSvgLabels {
  title: string;
  /** One sentence for the SVG's <desc> (and a figure's alt text). */
  description: string;
  stance: Record<Stance, string>;
  flag: Record<Exclude<MapFlag, 'none'>, string>;
  /** A cell's tooltip: its stance and counts. */
  cell(cell: MapCell): string;
}

/** The labels in English (the CLI and tests; the app passes the UI language's). */
export function englishMapLabels(map: EvidenceMap, title = 'Evidence map'): MapSvgLabels {
  return {
    title,
    description: describeMap(map),
    stance: STANCE_LABELS,
    flag: { 'single-source': flagLabel('single-source'), 'not-independent': flagLabel('not-independent'), 'no-support': flagLabel('no-support') },
    cell: (c) => `${STANCE_LABELS[c.stance]}: ${c.supports} supporting, ${c.contradicts} contradicting, ${c.context} context`,
  };
}

/** A legend entry's width: its swatch, its label at the SVG's 11 px (about 6.5 px a character), and a gap. */
const legendWidth = (label: string) => 16 + Math.ceil(label.length * 6.5) + 18;

/**
 * The matrix as a standalone SVG document: claim statements down the left
 * with their flag, source titles across the top, a filled square per
 * claim–source pair coloured by stance, and a legend. Fonts are generic
 * families, so it renders the same in a browser, Word and a PDF.
 */
export function renderMapSvg(map: EvidenceMap, labels: MapSvgLabels = englishMapLabels(map)): string {
  const { title } = labels;
  const layout = matrixLayout(map);
  const { cell, left, top } = layout;
  // Wide enough for the legend in any language (a longer translation widens the picture, never clips it).
  const legend = [...Object.values(labels.stance), ...Object.values(labels.flag)].reduce((sum, label) => sum + legendWidth(label), 4);
  const width = Math.max(layout.width, legend);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${layout.height}" viewBox="0 0 ${width} ${layout.height}" role="img" aria-labelledby="map-title map-desc" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="11">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(labels.description)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  for (const source of map.sources) {
    const x = (layout.columnX.get(source.id) ?? left) + cell / 2;
    out.push(`<text transform="translate(${x + 4},${top - 6}) rotate(-55)" fill="#1f2328">${escapeXml(clipText(source.title, 26))}</text>`);
  }
  map.claims.forEach((claim, i) => {
    const y = layout.rowY.get(claim.id) ?? top;
    if (i % 2 === 1) out.push(`<rect x="0" y="${y}" width="${width}" height="${cell}" fill="#f6f8fa"/>`);
    out.push(`<text x="4" y="${y + cell / 2 + 4}" fill="#1f2328">${escapeXml(clipText(claim.statement, 48))}</text>`);
    if (claim.flag !== 'none') {
      out.push(
        `<circle cx="${MATRIX.labelWidth + MATRIX.flagWidth / 2}" cy="${y + cell / 2}" r="6" fill="${FLAG_COLOURS[claim.flag]}"><title>${escapeXml(labels.flag[claim.flag])}</title></circle>`,
      );
    }
  });
  for (const c of map.cells) {
    const x = layout.columnX.get(c.sourceId);
    const y = layout.rowY.get(c.claimId);
    if (x === undefined || y === undefined) continue;
    out.push(`<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" rx="3" fill="${STANCE_COLOURS[c.stance]}"><title>${escapeXml(labels.cell(c))}</title></rect>`);
  }
  const legendY = layout.height - 24;
  let x = 4;
  for (const stance of ['supports', 'contradicts', 'context'] as const) {
    out.push(`<rect x="${x}" y="${legendY}" width="12" height="12" rx="2" fill="${STANCE_COLOURS[stance]}"/><text x="${x + 16}" y="${legendY + 10}" fill="#1f2328">${escapeXml(labels.stance[stance])}</text>`);
    x += legendWidth(labels.stance[stance]);
  }
  for (const flag of ['single-source', 'not-independent', 'no-support'] as const) {
    out.push(`<circle cx="${x + 6}" cy="${legendY + 6}" r="6" fill="${FLAG_COLOURS[flag]}"/><text x="${x + 16}" y="${legendY + 10}" fill="#1f2328">${escapeXml(labels.flag[flag])}</text>`);
    x += legendWidth(labels.flag[flag]);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
