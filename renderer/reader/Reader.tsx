import { memo, useEffect, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import type { SourceBlock, SourceRecord } from '../../shared/domain/types';
import { useTranslation } from '../i18n';
import { platform } from '../platform';
import { byline } from './format';
import './reader-pages.css';

const BLOCK_TAG: Record<SourceBlock['kind'], 'p' | 'h2' | 'blockquote'> = {
  paragraph: 'p',
  heading: 'h2',
  quote: 'blockquote',
  // A list item without its list would be invalid markup; it is a paragraph styled as a bullet.
  'list-item': 'p',
  page: 'p',
};

/**
 * Blocks mounted per frame. A source of a few thousand blocks (a 5,000-page PDF) mounted in one commit keeps the
 * main thread busy for over 200 ms styling and laying out the new elements; in slices of this size each frame's
 * share stays well under that.
 */
const BLOCKS_PER_FRAME = 1000;

/**
 * The snapshot text, one element per block. Each element's only content is the
 * block's slice of `source.text`, so a DOM position maps to a text offset by
 * `data-start` plus the offset inside the element's single text node.
 *
 * A long source is mounted over a few frames, and `bodyRef` is given the element only once every block is in it:
 * what maps offsets to the DOM (highlights, the caret, find, reveal) never sees a partial body.
 */
const SourceBody = memo(function SourceBody({
  source,
  titleInBody,
  bodyRef,
}: {
  source: SourceRecord;
  titleInBody: boolean;
  bodyRef?: (el: HTMLDivElement | null) => void;
}) {
  const total = source.blocks.length;
  const key = `${source.id}:${source.revision}`;
  const [mounted, setMounted] = useState(() => ({ key, shown: Math.min(total, BLOCKS_PER_FRAME) }));
  // Another source (or revision) starts again from its first slice.
  const shown = mounted.key === key ? mounted.shown : Math.min(total, BLOCKS_PER_FRAME);
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setMounted({ key, shown: Math.min(total, shown + BLOCKS_PER_FRAME) }));
    return () => cancelAnimationFrame(frame);
  }, [key, shown, total]);
  const complete = shown >= total;
  return (
    <div className="source-body" ref={complete ? bodyRef : undefined} data-source-id={source.id} data-revision={source.revision} aria-busy={complete ? undefined : true}>
      {(complete ? source.blocks : source.blocks.slice(0, shown)).map((block, index) => {
        const Tag = titleInBody && index === 0 ? 'h1' : BLOCK_TAG[block.kind];
        // The first block of each PDF page carries a "Page N" label (CSS generated content, outside the text).
        const pageStart = block.kind === 'page' && source.blocks[index - 1]?.n !== block.n;
        const className = block.kind === 'list-item' ? 'source-block source-li' : pageStart ? 'source-block source-page-start' : 'source-block';
        return (
          <Tag
            key={block.start}
            className={className}
            // Each block takes the direction of its first letter: Arabic and Hebrew read right to left.
            dir="auto"
            data-start={block.start}
            data-block={block.n}
            data-page={pageStart ? block.n : undefined}
          >
            {source.text.slice(block.start, block.end)}
          </Tag>
        );
      })}
    </div>
  );
});

export interface ReaderProps {
  source: SourceRecord | undefined;
  /** Shown when the case has no sources yet. */
  empty: ReactNode;
  actions?: ReactNode;
  /** Receives the text body element, for selection, highlights and hit-testing. */
  bodyRef?: (el: HTMLDivElement | null) => void;
  /** A bar between the header and the text (find in source). */
  bar?: ReactNode;
  /** Floating UI over the text (selection toolbar, passage card). */
  overlay?: ReactNode;
  onTextClick?: (event: MouseEvent<HTMLElement>) => void;
  onTextKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  onTextFocus?: (event: FocusEvent<HTMLElement>) => void;
  onTextBlur?: (event: FocusEvent<HTMLElement>) => void;
  /** The scrolling text element (the one that takes focus). */
  textRef?: Ref<HTMLElement>;
  /** ID of an element describing the text's keyboard use. */
  textDescribedBy?: string;
  /** Drawn inside the scrolling text, after the blocks, so it scrolls with them (the caret). */
  textOverlay?: ReactNode;
}

/** The reader pane: the active source with its bibliographic header. */
export function Reader({ source, empty, actions, bar, bodyRef, overlay, onTextClick, onTextKeyDown, onTextFocus, onTextBlur, textRef, textDescribedBy, textOverlay }: ReaderProps) {
  const { t } = useTranslation();
  if (!source) {
    return (
      <section className="reader" aria-label={t('panes.reader')}>
        <div className="reader-empty">{empty}</div>
      </section>
    );
  }
  const meta = source.metadata;
  const firstBlock = source.blocks[0];
  const titleInBody = firstBlock !== undefined && source.text.slice(firstBlock.start, firstBlock.end).trim() === meta.title.trim();
  const line = byline(meta);
  return (
    <section className="reader" aria-label={t('panes.reader')}>
      <header className="reader-header">
        <div className="reader-meta">
          {!titleInBody && (
            <h1 className="reader-title" dir="auto">
              {meta.title}
            </h1>
          )}
          {line && (
            <p className="reader-byline" dir="auto">
              {line}
            </p>
          )}
          <p className="reader-provenance">
            {meta.URL ? (
              <a
                href={meta.URL}
                onClick={(e) => {
                  e.preventDefault();
                  if (meta.URL) platform().openExternal(meta.URL);
                }}
              >
                {meta.URL}
              </a>
            ) : (
              <span>{source.fileName}</span>
            )}
          </p>
        </div>
        {actions && <div className="reader-actions">{actions}</div>}
      </header>
      {bar}
      <article
        ref={textRef}
        className="reader-scroll"
        tabIndex={0}
        aria-label={t('reader.text', { title: meta.title })}
        aria-describedby={textDescribedBy}
        onClick={onTextClick}
        onKeyDown={onTextKeyDown}
        onFocus={onTextFocus}
        onBlur={onTextBlur}
      >
        <SourceBody source={source} titleInBody={titleInBody} bodyRef={bodyRef} />
        {textOverlay}
      </article>
      {overlay}
    </section>
  );
}
