import { Suspense, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n';
import type { PaneContribution, PaneProps } from '../lib/contributions';
import { CasePane } from './CasePane';

/**
 * The right-hand panes as tabs (WAI-ARIA tabs pattern: ←/→ move between tabs, Home/End to the ends).
 * Panes stay mounted once shown, so an open editor keeps its state while another tab is in front.
 */
export function PaneTabs({ panes, data, active, onSelect }: { panes: readonly PaneContribution[]; data: PaneProps; active: string; onSelect(paneId: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const current = panes.find((pane) => pane.id === active) ?? panes[0];
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(current ? [current.id] : []));
  useEffect(() => {
    if (current && !shown.has(current.id)) setShown(new Set([...shown, current.id]));
  }, [current, shown]);

  const tabId = (pane: PaneContribution) => `${id}-tab-${pane.id}`;
  const panelId = (pane: PaneContribution) => `${id}-panel-${pane.id}`;
  const move = (e: KeyboardEvent, from: number) => {
    const targets: Record<string, number> = { ArrowRight: (from + 1) % panes.length, ArrowLeft: (from - 1 + panes.length) % panes.length, Home: 0, End: panes.length - 1 };
    const to = targets[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const pane = panes[to]!;
    onSelect(pane.id);
    document.getElementById(tabId(pane))?.focus();
  };

  return (
    <div className="right-pane">
      <div className="tabs" role="tablist" aria-label={t('app.panesLabel')}>
        {panes.map((pane, index) => {
          const selected = pane.id === current?.id;
          const Badge = pane.scope === 'case' ? pane.badge : undefined;
          return (
            <button
              key={pane.id}
              type="button"
              role="tab"
              id={tabId(pane)}
              aria-controls={panelId(pane)}
              aria-selected={selected}
              tabIndex={selected ? 0 : -1}
              onClick={() => onSelect(pane.id)}
              onKeyDown={(e) => move(e, index)}
            >
              {t(pane.title)}
              {Badge && (
                <>
                  {' '}
                  <Badge {...data} />
                </>
              )}
            </button>
          );
        })}
      </div>
      {panes.map((pane) => {
        const selected = pane.id === current?.id;
        const mounted = selected || !pane.mountWhenShown || shown.has(pane.id);
        return (
          <div key={pane.id} role="tabpanel" id={panelId(pane)} aria-labelledby={tabId(pane)} hidden={!selected} className="tab-panel">
            {mounted && (
              <Suspense fallback={<p className="muted pad">{t('common.loading')}</p>}>{pane.scope === 'case' ? <CasePane pane={pane} data={data} /> : <pane.component />}</Suspense>
            )}
          </div>
        );
      })}
    </div>
  );
}
